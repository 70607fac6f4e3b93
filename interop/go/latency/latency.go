// Package latency turns the per-goroutine latency samples of the load
// generators (gobench, rawecho) into the JSON keys `rpcpool bench --json`
// prints. Percentiles are by nearest rank, as HdrHistogram's
// getValueAtPercentile gives them there (to its precision), so that the rows
// compare like for like.
package latency

import (
	"sort"
	"time"
)

// Sorted is every sample of a run, shortest first.
type Sorted []time.Duration

// Merge joins the samples each goroutine kept for itself and sorts them.
func Merge(perGoroutine [][]time.Duration) Sorted {
	n := 0
	for _, l := range perGoroutine {
		n += len(l)
	}
	all := make([]time.Duration, 0, n)
	for _, l := range perGoroutine {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	return all
}

// Micros is the p-th percentile (0 < p <= 100) in whole microseconds, by
// nearest rank: the sample at rank round(p/100 * n); 0 for no samples.
func (s Sorted) Micros(p float64) int64 {
	if len(s) == 0 {
		return 0
	}
	i := int(p/100*float64(len(s))+0.5) - 1
	if i < 0 {
		i = 0
	}
	if i >= len(s) {
		i = len(s) - 1
	}
	return s[i].Microseconds()
}

// Report is the JSON object the load generators print: calls, calls per
// second over measured, and p50/p90/p99/max in microseconds; the caller adds
// its own keys (errors, connections opened).
func (s Sorted) Report(measured time.Duration) map[string]any {
	return map[string]any{
		"calls":  len(s),
		"qps":    float64(len(s)) / measured.Seconds(),
		"p50_us": s.Micros(50),
		"p90_us": s.Micros(90),
		"p99_us": s.Micros(99),
		"max_us": s.Micros(100),
	}
}
