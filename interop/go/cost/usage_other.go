//go:build !unix

package cost

// Now reports nothing where getrusage does not exist.
func Now() (Usage, bool) {
	return Usage{}, false
}
