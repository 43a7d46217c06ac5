package agreement

import (
	"reflect"
	"strings"

	"github.com/sla-dev/sla/internal/diag"
	"gopkg.in/yaml.v3"
)

// A nodeDecoder decodes itself from a YAML node: for values that may be
// written in more than one shape.
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node)
}

// decoder fills Go values from YAML nodes by their `yaml` tags, reporting
// every problem with its position instead of stopping at the first. It runs
// after the JSON Schema has passed, so shape errors here are a safety net.
type decoder struct {
	file  string
	diags *diag.List
	// inRef is set while a reference to another document is decoded
	// (tag option "ref"): validation reports a reference that is not a
	// valid name, since it can say which document was meant.
	inRef bool
	// The calendar written on the agreement being decoded, and on the
	// objective: what a within counts in.
	agreementCalendar, objectiveCalendar Name
}

// calendar names the calendar the value being decoded counts time in.
func (d *decoder) calendar() Name {
	return EffectiveCalendar(d.objectiveCalendar, d.agreementCalendar)
}

var (
	locType         = reflect.TypeFor[Loc]()
	scalarType      = reflect.TypeFor[scalar]()
	nodeDecoderType = reflect.TypeFor[nodeDecoder]()
)

func (d *decoder) decode(n *yaml.Node, v reflect.Value) {
	n = resolve(n)
	if v.CanAddr() {
		switch p := v.Addr(); {
		case p.Type().Implements(nodeDecoderType):
			p.Interface().(nodeDecoder).decodeNode(d, n)
			return
		case p.Type().Implements(scalarType):
			if n.Kind != yaml.ScalarNode {
				d.diags.Add(nodePos(d.file, n), diag.WrongType, "expected a single value, not %s", describe(n))
				return
			}
			if err := p.Interface().(scalar).setScalar(n.Value); err != nil && !(d.inRef && err.rule == diag.InvalidName) {
				d.diags.Add(nodePos(d.file, n), err.rule, "%s", err.msg)
			}
			return
		}
	}
	if isNull(n) {
		return // an empty value leaves the zero value
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.diags.Add(nodePos(d.file, n), diag.WrongType, "expected a list, not %s", describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i))
		}
		v.Set(s)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.diags.Add(nodePos(d.file, n), diag.WrongType, "expected text, not %s", describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		var i int
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" || n.Decode(&i) != nil {
			d.diags.Add(nodePos(d.file, n), diag.WrongType, "expected a whole number, not %s", describe(n))
			return
		}
		v.SetInt(int64(i))
	case reflect.Bool:
		var b bool
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
			d.diags.Add(nodePos(d.file, n), diag.WrongType, "expected true or false, not %s", describe(n))
			return
		}
		v.SetBool(b)
	}
}

// decodeStruct fills a struct from a mapping, recording its location.
func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value) {
	if n.Kind != yaml.MappingNode {
		d.diags.Add(nodePos(d.file, n), diag.WrongType, "expected a mapping, not %s", describe(n))
		return
	}
	fields, opts := map[string]reflect.Value{}, map[string]string{}
	collectFields(v, fields, opts, Loc{File: d.file, node: n})
	for _, p := range entries(n) {
		f, ok := fields[p.key.Value]
		if !ok {
			d.diags.Add(nodePos(d.file, p.key), diag.UnknownField, "unknown field %q", p.key.Value)
			continue
		}
		if opts[p.key.Value] == "prose" {
			d.checkProse(p.value)
		}
		d.inRef = opts[p.key.Value] == "ref"
		d.decode(p.value, f)
		d.inRef = false
	}
}

// collectFields maps yaml names to settable fields and their tag options
// ("prose", "ref"), descending into inline structs, and sets every Loc it
// meets.
func collectFields(v reflect.Value, fields map[string]reflect.Value, opts map[string]string, loc Loc) {
	t := v.Type()
	for i := range t.NumField() {
		sf := t.Field(i)
		if sf.Type == locType {
			v.Field(i).Set(reflect.ValueOf(loc))
			continue
		}
		name, opt, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
		if opt == "inline" {
			collectFields(v.Field(i), fields, opts, loc)
			continue
		}
		if name != "" && name != "-" {
			fields[name] = v.Field(i)
			opts[name] = opt
		}
	}
}

// checkProse warns about free text cut short by YAML: in an unquoted
// value, " #" starts a comment, so "Post in #platform-help" reads as
// "Post in".
func (d *decoder) checkProse(n *yaml.Node) {
	if n.Kind == yaml.ScalarNode && n.Style == 0 && n.LineComment != "" {
		d.diags.Warn(nodePos(d.file, n), diag.CommentInText,
			"this text stops before %q: in unquoted YAML, \" #\" starts a comment; put the whole text in quotes", strings.TrimSpace(n.LineComment))
	}
}

// checkDuplicateKeys reports a key written twice in one mapping, which
// yaml.v3 would otherwise resolve silently to the last value.
func checkDuplicateKeys(file string, n *yaml.Node, diags *diag.List) {
	if n.Kind == yaml.MappingNode {
		seen := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			if k.Kind != yaml.ScalarNode || k.Tag == "!!merge" {
				continue
			}
			if first, ok := seen[k.Value]; ok {
				diags.Add(nodePos(file, k), diag.DuplicateKey,
					"key %q is already set on line %d of this mapping: remove one of them", k.Value, first.Line)
				continue
			}
			seen[k.Value] = k
		}
	}
	if n.Kind == yaml.AliasNode {
		return
	}
	for _, c := range n.Content {
		checkDuplicateKeys(file, c, diags)
	}
}
