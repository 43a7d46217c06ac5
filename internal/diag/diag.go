// Package diag holds the problems that validation finds: one value type with a
// position, a severity and a stable rule id, rendered as text, JSON or GitHub
// workflow annotations.
package diag

import (
	"cmp"
	"fmt"
	"slices"
)

// Severity says how bad a problem is. Only errors make a file invalid.
type Severity int

const (
	Error Severity = iota
	Warning
	Notice
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	default:
		return "notice"
	}
}

// MarshalText makes a Severity appear as its name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Pos is a place in a file. Line and Col count from 1; Line 0 means the
// problem concerns the whole file. Len is how many columns the culprit spans
// on its line (at least 1 when Line > 0), used to underline it.
type Pos struct {
	File string
	Line int
	Col  int
	Len  int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Diagnostic is one problem found in an agreement file.
type Diagnostic struct {
	Pos
	Severity Severity
	Rule     Rule
	Message  string
}

func (d Diagnostic) String() string {
	return fmt.Sprintf("%s: %s: %s [%s]", d.Pos, d.Severity, d.Message, d.Rule)
}

// List collects diagnostics.
type List []Diagnostic

// Add appends an error.
func (l *List) Add(p Pos, rule Rule, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: p, Severity: Error, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Warn appends a warning.
func (l *List) Warn(p Pos, rule Rule, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: p, Severity: Warning, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Note appends a notice.
func (l *List) Note(p Pos, rule Rule, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: p, Severity: Notice, Rule: rule, Message: fmt.Sprintf(format, args...)})
}

// Sort orders diagnostics by file, line, column, then rule and message, and
// drops exact duplicates, so output is stable whatever order rules ran in.
func (l List) Sort() List {
	slices.SortStableFunc(l, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Len, b.Len),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Rule, b.Rule),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(l)
}

// Count returns how many diagnostics have each severity.
func (l List) Count() (errors, warnings, notices int) {
	for _, d := range l {
		switch d.Severity {
		case Error:
			errors++
		case Warning:
			warnings++
		default:
			notices++
		}
	}
	return
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	e, _, _ := l.Count()
	return e > 0
}

// HasErrorsIn reports whether any error concerns the file.
func (l List) HasErrorsIn(file string) bool {
	for _, d := range l {
		if d.Severity == Error && d.File == file {
			return true
		}
	}
	return false
}
