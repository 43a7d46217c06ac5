package diag

import (
	"bytes"
	"fmt"
	"io"
	"strings"
)

// GitHubShown is how many annotations of one severity GitHub shows for a
// step; the rest are only in the log.
const GitHubShown = 10

// WriteGitHub prints workflow commands (`::error file=…,line=…::message`),
// escaped as GitHub's toolkit does, and a closing line that counts them,
// since GitHub shows only the first ten of each kind on the pull request.
func WriteGitHub(w io.Writer, l List, s Summary) error {
	var b bytes.Buffer
	for _, d := range l {
		props := []string{"file=" + escapeProperty(d.File)}
		if d.Line > 0 {
			props = append(props,
				fmt.Sprintf("line=%d", d.Line),
				fmt.Sprintf("col=%d", d.Col),
				fmt.Sprintf("endColumn=%d", d.Col+max(d.Len, 1)))
		}
		props = append(props, "title="+escapeProperty(string(d.Rule)))
		fmt.Fprintf(&b, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), escapeData(d.Message))
	}
	line := closingLine(l, s)
	errs, warns, notes := l.Count()
	if max(errs, warns, notes) > GitHubShown {
		line += fmt.Sprintf("; GitHub shows only the first %d annotations of each severity on the pull request, all are listed above", GitHubShown)
	}
	b.WriteString(line)
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
