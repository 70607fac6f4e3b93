// Package cost measures what a load generator's process (gobench, rawecho)
// spends per call over its measured window: CPU time, user and system, and
// context switches, voluntary and involuntary, of the whole process. It adds
// them under the keys `rpcpool bench --json` uses, cpu_us_per_call and
// context_switches_per_call, so that Go's clients and rpcpool's compare like
// for like.
package cost

import "time"

// Usage is what the process has used so far.
type Usage struct {
	CPU      time.Duration
	Switches int64
}

// Window takes the process's usage when the measured interval starts and
// when it ends, from a goroutine of its own, so the callers need not stop.
type Window struct {
	from, to Usage
	ok       bool
	done     chan struct{}
}

// Measure starts a window over [from, to).
func Measure(from, to time.Time) *Window {
	w := &Window{done: make(chan struct{})}
	go func() {
		defer close(w.done)
		time.Sleep(time.Until(from))
		a, okA := Now()
		time.Sleep(time.Until(to))
		b, okB := Now()
		w.from, w.to, w.ok = a, b, okA && okB
	}()
	return w
}

// Add waits for the window's end and adds the per-call figures to out, for
// calls made in it; nothing where the system cannot count or no call was made.
func (w *Window) Add(out map[string]any, calls int) {
	<-w.done
	if !w.ok || calls <= 0 {
		return
	}
	PerCall(out, w.from, w.to, calls)
}

// PerCall adds to out what each of calls cost between from and to.
func PerCall(out map[string]any, from, to Usage, calls int) {
	cpu := float64((to.CPU - from.CPU).Microseconds()) / float64(calls)
	sw := float64(to.Switches-from.Switches) / float64(calls)
	out["cpu_us_per_call"] = float64(int64(cpu*10+0.5)) / 10
	out["context_switches_per_call"] = float64(int64(sw*100+0.5)) / 100
}
