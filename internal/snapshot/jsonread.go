package snapshot

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// jsonReader reads JSON from a stream through a buffer of fixed size,
// value by value, so that a snapshot's records are decoded straight into
// their final form without the text ever being held whole. It accepts
// what encoding/json accepts, with the same strings and numbers (the
// fuzz test FuzzDecoders holds the two side by side), and is stricter in
// three ways that no file sla writes meets: a key given twice in an
// object, a key that only differs in case from one the format has, and
// nesting deeper than maxDepth are refused.
type jsonReader struct {
	r       io.Reader
	buf     []byte
	pos     int    // the next byte to read in buf
	end     int    // the end of what was read into buf
	base    int64  // the offset in the stream of buf[0]
	err     error  // what r returned, once it returned an error (io.EOF at the end)
	key     []byte // the last key read
	scratch []byte // a string literal that spans two reads
	text    []byte // a string with its escapes decoded
	// recording is set while raw reads a value: fill keeps what it moves
	// out of the buffer from recordFrom on in recorded.
	recording  bool
	recordFrom int
	recorded   []byte
}

const (
	readBufferSize = 64 << 10
	// maxDepth bounds the nesting of the values skipped (encoding/json
	// allows 10,000).
	maxDepth = 1000
	// maxIntLen is the longest whole number that fits an int64, its sign
	// included, with a byte to spare to see where it ends.
	maxIntLen = 21
)

func newJSONReader(r io.Reader) *jsonReader {
	return &jsonReader{r: r, buf: make([]byte, readBufferSize)}
}

// fill moves the bytes not yet read to the front of the buffer and reads
// more after them. It returns false when no more could be read.
func (j *jsonReader) fill() bool {
	if j.err != nil {
		return false
	}
	if j.pos > 0 {
		if j.recording {
			j.recorded = append(j.recorded, j.buf[j.recordFrom:j.pos]...)
			j.recordFrom = 0
		}
		n := copy(j.buf, j.buf[j.pos:j.end])
		j.base += int64(j.pos)
		j.pos, j.end = 0, n
	}
	if j.end == len(j.buf) {
		return true // full: the callers read what is there first
	}
	for range 100 { // a reader that returns nothing 100 times is broken (io.ReadFull's rule)
		n, err := j.r.Read(j.buf[j.end:])
		j.end += n
		if err != nil {
			j.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	j.err = io.ErrNoProgress
	return false
}

// ensure reads until n bytes are buffered or the stream ends.
func (j *jsonReader) ensure(n int) {
	for j.end-j.pos < n && j.fill() {
	}
}

// offset is where the next byte is in the stream.
func (j *jsonReader) offset() int64 { return j.base + int64(j.pos) }

// ended is the error for data that stops in the middle of a value: the
// stream's own, or that it ended too soon.
func (j *jsonReader) ended() error {
	if j.err != nil && j.err != io.EOF {
		return j.err
	}
	return errors.New("unexpected end of JSON input")
}

// syntaxError is a place where the text is not JSON.
type syntaxError struct {
	msg    string
	offset int64
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s (byte %d of the JSON)", e.msg, e.offset) }

func (j *jsonReader) syntax(format string, args ...any) error {
	return &syntaxError{msg: fmt.Sprintf(format, args...), offset: j.offset()}
}

// invalid names an unexpected byte as encoding/json does.
func (j *jsonReader) invalid(c byte, context string) error {
	return j.syntax("invalid character %s %s", quoteChar(c), context)
}

func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	s := strconv.Quote(string(rune(c)))
	return "'" + s[1:len(s)-1] + "'"
}

// typeError says that a value of one kind stands where another is
// expected; a byte that begins no value is a syntax error.
func (j *jsonReader) typeError(c byte, want string) error {
	var kind string
	switch {
	case c == '{':
		kind = "object"
	case c == '[':
		kind = "array"
	case c == '"':
		kind = "string"
	case c == 't' || c == 'f':
		kind = "bool"
	case c == 'n':
		kind = "null"
	case c == '-' || isDigit(c):
		kind = "number"
	default:
		return j.invalid(c, "looking for beginning of value")
	}
	return j.syntax("cannot unmarshal %s into %s", kind, want)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' }

// peek skips white space and returns the next byte, not read.
func (j *jsonReader) peek() (byte, error) {
	for {
		for j.pos < j.end {
			if c := j.buf[j.pos]; !isSpace(c) {
				return c, nil
			}
			j.pos++
		}
		if !j.fill() {
			return 0, j.ended()
		}
	}
}

// atEnd skips white space and reports whether the stream ends there,
// cleanly: a stream that fails (a damaged gzip trailer) is an error.
func (j *jsonReader) atEnd() (bool, error) {
	for {
		for j.pos < j.end {
			if !isSpace(j.buf[j.pos]) {
				return false, nil
			}
			j.pos++
		}
		if !j.fill() {
			if j.err == io.EOF {
				return true, nil
			}
			return false, j.ended()
		}
	}
}

// literal reads true, false or null.
func (j *jsonReader) literal(lit string) error {
	j.ensure(len(lit))
	for i := range len(lit) {
		if j.pos >= j.end {
			return j.ended()
		}
		if c := j.buf[j.pos]; c != lit[i] {
			return j.invalid(c, "in literal "+lit+" (expecting "+quoteChar(lit[i])+")")
		}
		j.pos++
	}
	return nil
}

// open reads the opening bracket of an object or an array, or a null
// (isNull), and reports whether the closing bracket follows (empty).
func (j *jsonReader) open(want string, opening, closing byte) (isNull, empty bool, err error) {
	c, err := j.peek()
	switch {
	case err != nil:
		return false, false, err
	case c == 'n':
		return true, false, j.literal("null")
	case c != opening:
		return false, false, j.typeError(c, want)
	}
	j.pos++
	if c, err = j.peek(); err != nil || c != closing {
		return false, false, err
	}
	j.pos++
	return false, true, nil
}

// object reads an object, or a null (isNull), calling field with each key
// when the reader stands at its value, which field must read. The key is
// good until the next key is read.
func (j *jsonReader) object(want string, field func(key []byte) error) (isNull bool, err error) {
	isNull, empty, err := j.open(want, '{', '}')
	if isNull || empty || err != nil {
		return isNull, err
	}
	c, err := j.peek()
	if err != nil {
		return false, err
	}
	for {
		if c != '"' {
			return false, j.invalid(c, "looking for beginning of object key string")
		}
		raw, plain, err := j.rawString()
		if err != nil {
			return false, err
		}
		if plain {
			j.key = append(j.key[:0], raw...)
		} else if j.key, err = j.unquote(j.key[:0], raw); err != nil {
			return false, err
		}
		if c, err = j.peek(); err != nil {
			return false, err
		}
		if c != ':' {
			return false, j.invalid(c, "after object key")
		}
		j.pos++
		if err := field(j.key); err != nil {
			return false, err
		}
		if c, err = j.peek(); err != nil {
			return false, err
		}
		switch c {
		case ',':
			j.pos++
			if c, err = j.peek(); err != nil {
				return false, err
			}
		case '}':
			j.pos++
			return false, nil
		default:
			return false, j.invalid(c, "after object key:value pair")
		}
	}
}

// array reads an array, or a null (isNull), calling elem at each element,
// which elem must read.
func (j *jsonReader) array(want string, elem func() error) (isNull bool, err error) {
	isNull, empty, err := j.open(want, '[', ']')
	if isNull || empty || err != nil {
		return isNull, err
	}
	for {
		if err := elem(); err != nil {
			return false, err
		}
		c, err := j.peek()
		if err != nil {
			return false, err
		}
		switch c {
		case ',':
			j.pos++
		case ']':
			j.pos++
			return false, nil
		default:
			return false, j.invalid(c, "after array element")
		}
	}
}

// ints reads an array of whole numbers into dst[:0]; a null element reads
// as 0, a null array as none.
func (j *jsonReader) ints(dst []int64, want string) ([]int64, error) {
	dst = dst[:0]
	_, err := j.array(want, func() error {
		for {
			// Where Write's plain form is buffered (small non-negative
			// numbers, a comma after each), read it here; anything else
			// through int.
			for j.end-j.pos > maxIntLen {
				b, v, i := j.buf[j.pos:j.pos+maxIntLen], uint64(0), 0
				for ; i < 18 && isDigit(b[i]); i++ { // 18 digits always fit an int64
					v = v*10 + uint64(b[i]-'0')
				}
				if i == 0 || (b[0] == '0' && i > 1) || b[i] != ',' {
					break
				}
				dst = append(dst, int64(v))
				j.pos += i + 1
			}
			v, err := j.int(want)
			if err != nil {
				return err
			}
			dst = append(dst, v)
			if j.pos < j.end && j.buf[j.pos] == ',' {
				j.pos++
				continue
			}
			return nil
		}
	})
	return dst, err
}

// int reads a whole number that fits an int64, or a null as 0.
func (j *jsonReader) int(want string) (int64, error) {
	c, err := j.peek()
	if err != nil {
		return 0, err
	}
	if c == 'n' {
		return 0, j.literal("null")
	}
	if c != '-' && !isDigit(c) {
		return 0, j.typeError(c, want)
	}
	if j.end-j.pos < maxIntLen {
		j.ensure(maxIntLen)
	}
	b := j.buf[j.pos:j.end]
	i, neg := 0, c == '-'
	if neg {
		i++
	}
	if i == len(b) {
		return 0, j.ended()
	}
	var u uint64
	switch c := b[i]; {
	case c == '0':
		i++
	case '1' <= c && c <= '9':
		digits := i
		for ; i < len(b) && isDigit(b[i]); i++ {
			if i-digits == 19 { // more than any int64 has
				return 0, j.syntax("number %s… does not fit %s", b[:i], want)
			}
			u = u*10 + uint64(b[i]-'0')
		}
	default:
		j.pos += i
		return 0, j.invalid(c, "in numeric literal")
	}
	if i < len(b) {
		switch c := b[i]; {
		case c == '.' || c == 'e' || c == 'E':
			end := i
			for end < len(b) && (isDigit(b[end]) || strings.IndexByte(".eE+-", b[end]) >= 0) {
				end++
			}
			return 0, j.syntax("cannot unmarshal number %s into %s: it is not a whole number", b[:end], want)
		case isDigit(c):
			j.pos += i
			return 0, j.invalid(c, "after a number that begins with 0")
		}
	}
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	if u > limit {
		return 0, j.syntax("number %s does not fit %s", b[:i], want)
	}
	j.pos += i
	if neg {
		return -int64(u-1) - 1, nil // -MinInt64 does not fit an int64
	}
	return int64(u), nil
}

// str reads a string, or a null as "".
func (j *jsonReader) str(want string) (string, error) {
	c, err := j.peek()
	switch {
	case err != nil:
		return "", err
	case c == 'n':
		return "", j.literal("null")
	case c != '"':
		return "", j.typeError(c, want)
	}
	raw, plain, err := j.rawString()
	if err != nil {
		return "", err
	}
	if plain {
		return string(raw), nil
	}
	j.text, err = j.unquote(j.text[:0], raw)
	return string(j.text), err
}

// rawString reads a string literal, the reader at its opening quote, and
// returns what lies between the quotes, escapes left as they are; plain
// says that it holds no escape and is valid UTF-8, so that it is the
// string itself. raw is good until the next read.
func (j *jsonReader) rawString() (raw []byte, plain bool, err error) {
	j.pos++
	start, ascii, escaped, spanning := j.pos, true, false, false
	held := j.scratch[:0]
	for {
		i := j.pos
	scan:
		for ; i < j.end; i++ {
			c := j.buf[i]
			switch {
			case c == '"':
				if spanning {
					raw = append(held, j.buf[start:i]...)
					j.scratch = raw
				} else {
					raw = j.buf[start:i]
				}
				j.pos = i + 1
				return raw, !escaped && (ascii || utf8.Valid(raw)), nil
			case c == '\\':
				if i+1 == j.end {
					break scan // read the escaped byte with the backslash
				}
				escaped = true
				i++
			case c < ' ':
				j.pos = i
				return nil, false, j.invalid(c, "in string literal")
			case c >= utf8.RuneSelf:
				ascii = false
			}
		}
		held = append(held, j.buf[start:i]...)
		j.scratch = held
		spanning = true
		j.pos = i
		if !j.fill() {
			return nil, false, j.ended()
		}
		start = j.pos
	}
}

// unquote appends the string that the content s of a string literal
// stands for to dst, as encoding/json decodes it: escapes replaced, a
// lone UTF-16 surrogate and each byte that is not UTF-8 replaced by
// U+FFFD.
func (j *jsonReader) unquote(dst, s []byte) ([]byte, error) {
	for r := 0; r < len(s); {
		switch c := s[r]; {
		case c == '\\':
			if r+1 == len(s) {
				return dst, j.syntax("unexpected end of string escape")
			}
			switch e := s[r+1]; e {
			case '"', '\\', '/':
				dst = append(dst, e)
				r += 2
			case 'b':
				dst, r = append(dst, '\b'), r+2
			case 'f':
				dst, r = append(dst, '\f'), r+2
			case 'n':
				dst, r = append(dst, '\n'), r+2
			case 'r':
				dst, r = append(dst, '\r'), r+2
			case 't':
				dst, r = append(dst, '\t'), r+2
			case 'u':
				rr := hex4(s[r+2:])
				if rr < 0 {
					return dst, j.syntax("invalid \\u escape in string literal")
				}
				r += 6
				if utf16.IsSurrogate(rr) {
					if r+1 < len(s) && s[r] == '\\' && s[r+1] == 'u' {
						if rr1 := hex4(s[r+2:]); rr1 < 0 {
							return dst, j.syntax("invalid \\u escape in string literal")
						} else if dec := utf16.DecodeRune(rr, rr1); dec != unicode.ReplacementChar {
							dst = utf8.AppendRune(dst, dec)
							r += 6
							break
						}
					}
					rr = unicode.ReplacementChar
				}
				dst = utf8.AppendRune(dst, rr)
			default:
				return dst, j.invalid(e, "in string escape code")
			}
		case c < utf8.RuneSelf:
			dst = append(dst, c)
			r++
		default:
			rr, size := utf8.DecodeRune(s[r:])
			if rr == utf8.RuneError && size == 1 {
				dst = utf8.AppendRune(dst, unicode.ReplacementChar)
			} else {
				dst = append(dst, s[r:r+size]...)
			}
			r += size
		}
	}
	return dst, nil
}

// hex4 decodes the 4 hexadecimal digits at the start of s, or is -1.
func hex4(s []byte) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for _, c := range s[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}

// skip reads a value of any kind, checking that it is JSON, and drops it.
func (j *jsonReader) skip(depth int) error {
	if depth > maxDepth {
		return j.syntax("values nested more than %d deep", maxDepth)
	}
	c, err := j.peek()
	if err != nil {
		return err
	}
	switch {
	case c == '{':
		_, err := j.object("", func([]byte) error { return j.skip(depth + 1) })
		return err
	case c == '[':
		_, err := j.array("", func() error { return j.skip(depth + 1) })
		return err
	case c == '"':
		raw, plain, err := j.rawString()
		if err == nil && !plain {
			_, err = j.unquote(nil, raw)
		}
		return err
	case c == 't':
		return j.literal("true")
	case c == 'f':
		return j.literal("false")
	case c == 'n':
		return j.literal("null")
	case c == '-' || isDigit(c):
		return j.number()
	}
	return j.invalid(c, "looking for beginning of value")
}

// raw reads a value of any kind, checking that it is JSON as skip does,
// and returns its text, for the few small parts of a file that are
// decoded whole. A value longer than limit bytes is refused.
func (j *jsonReader) raw(what string, limit int) ([]byte, error) {
	if _, err := j.peek(); err != nil {
		return nil, err
	}
	j.recording, j.recordFrom, j.recorded = true, j.pos, j.recorded[:0]
	err := j.skip(1)
	j.recording = false
	if err != nil {
		return nil, err
	}
	out := append(j.recorded, j.buf[j.recordFrom:j.pos]...)
	if len(out) > limit {
		return nil, j.syntax("%s take %d bytes; at most %d are read", what, len(out), limit)
	}
	return out, nil
}

// number reads a number of any form: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (j *jsonReader) number() error {
	next := func() (byte, bool) {
		if j.pos == j.end && !j.fill() {
			return 0, false
		}
		return j.buf[j.pos], true
	}
	digits := func() error {
		c, ok := next()
		if !ok {
			return j.ended()
		}
		if !isDigit(c) {
			return j.invalid(c, "in numeric literal")
		}
		for ok && isDigit(c) {
			j.pos++
			c, ok = next()
		}
		return nil
	}
	if c, _ := next(); c == '-' {
		j.pos++
	}
	c, ok := next()
	switch {
	case !ok:
		return j.ended()
	case c == '0':
		j.pos++
	default:
		if err := digits(); err != nil {
			return err
		}
	}
	if c, ok := next(); ok && c == '.' {
		j.pos++
		if err := digits(); err != nil {
			return err
		}
	}
	if c, ok := next(); ok && (c == 'e' || c == 'E') {
		j.pos++
		if c, ok := next(); ok && (c == '+' || c == '-') {
			j.pos++
		}
		if err := digits(); err != nil {
			return err
		}
	}
	return nil
}
