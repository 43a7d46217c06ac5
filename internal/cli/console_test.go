package cli

import (
	"bytes"
	"strings"
	"testing"
)

// A notice can carry a server's words or a path from a Link header: on
// stderr it is shown escaped, never acted on by the terminal.
func TestConsoleNoticeIsEscaped(t *testing.T) {
	var buf bytes.Buffer
	c := &console{w: &buf}
	c.notice("GitHub answered 502 for /repos/acme/app\x1b[2J; retrying")
	got := buf.String()
	if strings.ContainsRune(got, 0x1b) {
		t.Fatalf("raw escape on stderr: %q", got)
	}
	if want := `sla: GitHub answered 502 for /repos/acme/app\x1b[2J; retrying` + "\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
