package cost

import (
	"testing"
	"time"
)

func TestPerCallDividesTheWindowsUsageByTheCalls(t *testing.T) {
	out := map[string]any{}
	PerCall(out, Usage{CPU: 2 * time.Millisecond, Switches: 10}, Usage{CPU: 12 * time.Millisecond, Switches: 410}, 400)
	if out["cpu_us_per_call"] != 25.0 || out["context_switches_per_call"] != 1.0 {
		t.Fatalf("got %v, want 25 µs and 1 switch per call", out)
	}
}

func TestAWindowCountsTheCPUBurntInsideIt(t *testing.T) {
	if _, ok := Now(); !ok {
		t.Skip("getrusage is not available here")
	}
	start := time.Now()
	w := Measure(start.Add(20*time.Millisecond), start.Add(220*time.Millisecond))
	x := 0
	for time.Since(start) < 240*time.Millisecond {
		x++ // burn CPU through the whole window
	}
	out := map[string]any{}
	w.Add(out, 100)
	// ~200 ms of wall time spent spinning, over 100 calls: about 2,000 µs each, less if the machine took the CPU away
	if cpu := out["cpu_us_per_call"].(float64); cpu < 200 || cpu > 4000 {
		t.Fatalf("cpu_us_per_call = %v (x=%d), want about 2,000", cpu, x)
	}
}

func TestNoCallsAddsNothing(t *testing.T) {
	w := Measure(time.Now(), time.Now())
	out := map[string]any{}
	w.Add(out, 0)
	if len(out) != 0 {
		t.Fatalf("got %v, want nothing", out)
	}
}
