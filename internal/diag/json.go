package diag

import (
	"encoding/json"
	"io"
)

type jsonProblem struct {
	File     string   `json:"file"`
	Line     int      `json:"line"`
	Column   int      `json:"column"`
	Severity Severity `json:"severity"`
	Rule     Rule     `json:"rule"`
	Message  string   `json:"message"`
}

type jsonReport struct {
	Valid     bool          `json:"valid"`
	Files     int           `json:"files"`
	Documents int           `json:"documents"`
	Errors    int           `json:"errors"`
	Warnings  int           `json:"warnings"`
	Notices   int           `json:"notices"`
	Problems  []jsonProblem `json:"problems"`
}

// WriteJSON prints the result of a validation as one JSON object (SPEC §5).
func WriteJSON(w io.Writer, l List, s Summary) error {
	errs, warns, notes := l.Count()
	r := jsonReport{Valid: errs == 0, Files: s.Files, Documents: s.Documents,
		Errors: errs, Warnings: warns, Notices: notes, Problems: []jsonProblem{}}
	for _, d := range l {
		r.Problems = append(r.Problems, jsonProblem{d.File, d.Line, d.Col, d.Severity, d.Rule, d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
