package text

import (
	"regexp"

	"github.com/clipperhouse/displaywidth"
)

// Columns is the width every terminal output of sla keeps to, so that it
// reads in a standard 80-column terminal without wrapping.
const Columns = 80

// sgr matches the colour sequences sla writes itself (Paint): they take no
// room on the screen.
var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// Width is how many columns s takes on a terminal: East Asian wide
// characters and emoji count two, combining marks none, and the colour
// sequences of Paint nothing.
func Width(s string) int {
	return displaywidth.String(sgr.ReplaceAllString(s, ""))
}

// Truncate shortens s to at most width columns, ending it with "…" when
// something was cut. It never cuts inside a character.
func Truncate(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	return displaywidth.TruncateString(s, width, "…")
}
