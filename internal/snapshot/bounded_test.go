package snapshot

import (
	"io"
	"strings"
	"testing"
)

// spaces is an endless stream of spaces.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

// A plain stream that never ends (a device, a pipe) stops at the bound,
// and the message says the bound.
func TestBoundedReaderMaxSize(t *testing.T) {
	t.Parallel()
	r := &boundedReader{r: io.MultiReader(strings.NewReader(`{"format":`), spaces{}), max: 1 << 20}
	_, err := decode(r)
	if err == nil || !strings.Contains(err.Error(), "more than 1.0 MiB of data, the most sla reads") {
		t.Fatalf("err = %v, want the bound", err)
	}
}
