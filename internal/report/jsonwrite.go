package report

import (
	"bytes"
	"cmp"
	"encoding/json"
	"io"
	"reflect"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/sla-dev/sla/internal/compliance"
)

// writeJSON prints v as indented JSON, the way every JSON output of sla
// looks: as encoding/json's Encoder with SetIndent("", "  ") prints it,
// indented by an indenter, which is many times faster on large reports.
func writeJSON(w io.Writer, v any) error {
	return writeJSONWith(w, v, nil)
}

// writeJSONWith is writeJSON, with value writing the values of the keys
// it takes (see indenter.indent).
func writeJSONWith(w io.Writer, v any, value func(x *indenter, key, token []byte) bool) error {
	var compact bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false) // titles keep their & and <>
	if err := enc.Encode(v); err != nil {
		return err
	}
	b := compact.Bytes()
	x := &indenter{w: w, buf: make([]byte, 0, flushAt+4096)}
	x.indent(b[:len(b)-1], value) // Encode ends the value with a newline
	x.buf = append(x.buf, '\n')
	return x.flush()
}

// flushAt is how much indented JSON an indenter holds before writing it.
const flushAt = 64 << 10

// indenter writes compact JSON, as encoding/json writes it, indented as
// json.Indent(dst, src, "", "  ") does: each element of an object or array
// on a line of its own, indented once more per level, ": " after keys,
// empty objects and arrays kept as {} and []. It writes as it goes, a few
// kilobytes at a time, so that a large report is never held twice.
type indenter struct {
	w     io.Writer
	buf   []byte
	depth int
	err   error
}

func (x *indenter) newline() {
	x.buf = append(x.buf, '\n')
	for range x.depth {
		x.buf = append(x.buf, ' ', ' ')
	}
}

func (x *indenter) flush() error {
	if x.err == nil && len(x.buf) > 0 {
		_, x.err = x.w.Write(x.buf)
	}
	x.buf = x.buf[:0]
	return x.err
}

// indent writes the compact JSON src, from the current depth. src is what
// encoding/json writes, without white space outside strings, so only the
// strings need reading with care. value, unless nil, is offered each key
// whose value is a number, with that number: when it takes it, it has
// written a value in its place.
func (x *indenter) indent(src []byte, value func(x *indenter, key, token []byte) bool) {
	var key []byte // the string read last, a key if ':' follows
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			j := i + 1
			for ; j < len(src) && src[j] != '"'; j++ {
				if src[j] == '\\' {
					j++ // the escaped byte, a quote perhaps
				}
			}
			key = src[i+1 : min(j, len(src))]
			x.buf = append(x.buf, src[i:min(j+1, len(src))]...)
			i = j
		case '{', '[':
			x.buf = append(x.buf, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				x.buf = append(x.buf, src[i+1])
				i++
				continue
			}
			x.depth++
			x.newline()
		case '}', ']':
			x.depth--
			x.newline()
			x.buf = append(x.buf, c)
		case ',':
			x.buf = append(x.buf, c)
			x.newline()
			if len(x.buf) >= flushAt {
				x.flush()
			}
		case ':':
			x.buf = append(x.buf, ':', ' ')
			if value == nil || i+1 >= len(src) || !isNumberStart(src[i+1]) {
				continue
			}
			end := i + 1
			for end < len(src) && src[end] != ',' && src[end] != '}' && src[end] != ']' {
				end++
			}
			if value(x, key, src[i+1:end]) {
				i = end - 1
			}
		default:
			x.buf = append(x.buf, c)
		}
	}
}

func isNumberStart(c byte) bool { return c == '-' || c >= '0' && c <= '9' }

// clockList stands for an objective's clocks in the JSON report while the
// rest of it is encoded: it is encoded as its index in the report's lists,
// and the clocks are written in its place, by appendClock, as encoding/json
// would write a jsonClock (see the reference in the tests).
type clockList int

func (l clockList) MarshalJSON() ([]byte, error) { return strconv.AppendInt(nil, int64(l), 10), nil }

// writeClocks writes lists[index] as a JSON array at the indenter's depth.
func writeClocks(x *indenter, lists [][]*compliance.ClockResult, token []byte, scratch *[]byte) bool {
	i, err := strconv.Atoi(string(token))
	if err != nil || i < 0 || i >= len(lists) {
		return false
	}
	list := lists[i]
	if len(list) == 0 {
		x.buf = append(x.buf, '[', ']')
		return true
	}
	x.buf = append(x.buf, '[')
	x.depth++
	for j, c := range list {
		if j > 0 {
			x.buf = append(x.buf, ',')
		}
		x.newline()
		b, err := appendClock((*scratch)[:0], c)
		if err != nil {
			x.err = cmp.Or(x.err, err)
			return true
		}
		*scratch = b
		x.indent(b, nil)
		if len(x.buf) >= flushAt {
			x.flush()
		}
	}
	x.depth--
	x.newline()
	x.buf = append(x.buf, ']')
	return true
}

// appendClock appends a clock as compact JSON, as encoding/json encodes
// the jsonClock its fields make: the fields in the same order, null for a
// time not known, closed_at and ratings for satisfaction only.
func appendClock(b []byte, c *compliance.ClockResult) ([]byte, error) {
	var err error
	b = append(b, `{"repo":`...)
	b = appendJSONString(b, c.Repo.Name)
	b = append(b, `,"number":`...)
	b = strconv.AppendInt(b, int64(c.Issue.Number), 10)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, c.Issue.Title)
	b = append(b, `,"url":`...)
	b = appendJSONString(b, c.URL())
	b = append(b, `,"outcome":`...)
	b = appendJSONString(b, string(c.Outcome))
	b = append(b, `,"at_risk":`...)
	b = strconv.AppendBool(b, c.AtRisk)
	b = append(b, `,"started_at":`...)
	if b, err = appendJSONTime(b, c.Clock.Start); err != nil {
		return nil, err
	}
	b = append(b, `,"stopped_at":`...)
	if b, err = appendJSONTimeOrNull(b, c.Clock.Stop); err != nil {
		return nil, err
	}
	b = append(b, `,"elapsed_seconds":`...)
	b = strconv.AppendInt(b, int64(c.Clock.Elapsed/time.Second), 10)
	b = append(b, `,"paused":`...)
	b = strconv.AppendBool(b, c.Clock.Paused)
	b = append(b, `,"due_at":`...)
	if b, err = appendJSONTimeOrNull(b, c.DueAt); err != nil {
		return nil, err
	}
	if c.Rating != nil {
		b = append(b, `,"closed_at":`...)
		if b, err = appendJSONTime(b, c.Clock.Start); err != nil {
			return nil, err
		}
		if counted := c.Rating.Counted; len(counted) > 0 {
			b = append(b, `,"ratings":[`...)
			for i, r := range counted {
				if i > 0 {
					b = append(b, ',')
				}
				b = append(b, `{"login":`...)
				b = appendJSONString(b, r.Login)
				b = append(b, `,"content":`...)
				b = appendJSONString(b, r.Content)
				b = append(b, `,"at":`...)
				if b, err = appendJSONTime(b, r.CreatedAt); err != nil {
					return nil, err
				}
				b = append(b, '}')
			}
			b = append(b, ']')
		}
	}
	return append(b, '}'), nil
}

// appendJSONTime appends t in UTC as time.Time's MarshalJSON does, with
// its error for a year it cannot write.
func appendJSONTime(b []byte, t time.Time) ([]byte, error) {
	b = append(b, '"')
	b, err := t.UTC().AppendText(b)
	if err != nil { // encoding/json's error, word for word
		_, err = t.UTC().MarshalJSON()
		return nil, &json.MarshalerError{Type: reflect.TypeFor[time.Time](), Err: err}
	}
	return append(b, '"'), nil
}

func appendJSONTimeOrNull(b []byte, t time.Time) ([]byte, error) {
	if t.IsZero() {
		return append(b, "null"...), nil
	}
	return appendJSONTime(b, t)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string as encoding/json does with
// SetEscapeHTML(false): quotes, backslashes and control characters
// escaped (\b, \f, \n, \r, \t by name), invalid UTF-8 as \ufffd, and the
// line and paragraph separators U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
