package latency

import (
	"testing"
	"time"
)

func TestNearestRank(t *testing.T) {
	// 1..100 µs, given out of order across goroutines
	var a, b []time.Duration
	for i := 100; i >= 1; i-- {
		if i%2 == 0 {
			a = append(a, time.Duration(i)*time.Microsecond)
		} else {
			b = append(b, time.Duration(i)*time.Microsecond)
		}
	}
	s := Merge([][]time.Duration{a, b, nil})
	for _, c := range []struct {
		p    float64
		want int64
	}{{50, 50}, {90, 90}, {99, 99}, {100, 100}, {0.1, 1}} {
		if got := s.Micros(c.p); got != c.want {
			t.Errorf("p%v = %d µs, want %d", c.p, got, c.want)
		}
	}
	r := s.Report(2 * time.Second)
	if r["calls"] != 100 || r["qps"] != 50.0 || r["max_us"] != int64(100) {
		t.Errorf("report = %v", r)
	}
}

func TestNoSamples(t *testing.T) {
	s := Merge(nil)
	if s.Micros(99) != 0 || s.Report(time.Second)["calls"] != 0 {
		t.Errorf("empty run: %v", s.Report(time.Second))
	}
}
