package cli

import "testing"

// SetLocalTimeFile points sla init at another link naming the machine's
// time zone for the rest of a test, which must not run in parallel.
func SetLocalTimeFile(t testing.TB, path string) {
	old := localTimeFile
	localTimeFile = path
	t.Cleanup(func() { localTimeFile = old })
}
