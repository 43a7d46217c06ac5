package text

// The colours of terminal output. Use them only where colour is on: a
// terminal, without NO_COLOR; never in a machine format.
const (
	Reset  = "\x1b[0m"
	Red    = "\x1b[31m"
	Green  = "\x1b[32m"
	Yellow = "\x1b[33m"
	Dim    = "\x1b[2m"
)

// Paint wraps s in a colour and a reset when on is true, and returns it as
// it is otherwise.
func Paint(s, colour string, on bool) string {
	if !on {
		return s
	}
	return colour + s + Reset
}
