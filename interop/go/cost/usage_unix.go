//go:build unix

package cost

import (
	"syscall"
	"time"
)

// Now is the process's usage so far, from getrusage(RUSAGE_SELF), which also
// counts threads that have ended; false if the call failed.
func Now() (Usage, bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return Usage{}, false
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return Usage{CPU: cpu, Switches: int64(ru.Nvcsw + ru.Nivcsw)}, true
}
