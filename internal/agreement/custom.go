package agreement

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/sla-dev/sla/internal/calendar"
	"github.com/sla-dev/sla/internal/diag"
	"github.com/sla-dev/sla/internal/suggest"
	"gopkg.in/yaml.v3"
)

func (e *Expectation) decodeNode(d *decoder, n *yaml.Node) {
	if n.Kind == yaml.ScalarNode {
		e.Loc = Loc{File: d.file, node: n}
		e.Text = n.Value
		d.checkProse(n)
		return
	}
	d.decodeStruct(n, reflect.ValueOf(e).Elem())
}

// decodeNode decodes an objective, noting the calendar it names for its
// within.
func (o *Objective) decodeNode(d *decoder, n *yaml.Node) {
	d.objectiveCalendar = scalarValue(n, "calendar")
	d.decodeStruct(n, reflect.ValueOf(o).Elem())
	d.objectiveCalendar = ""
}

// scalarValue is the value of a mapping's key, as a name, if it is a
// single value.
func scalarValue(m *yaml.Node, key string) Name {
	if _, v := lookupKey(m, key); resolve(v) != nil && resolve(v).Kind == yaml.ScalarNode && !isNull(resolve(v)) {
		return Name(resolve(v).Value)
	}
	return ""
}

// Hours are a calendar's weekly open hours, by weekday (time.Sunday = 0).
type Hours struct {
	Week [7][]calendar.Range
	// Invalid is set when some day or range could not be read, so that the
	// week's emptiness says nothing.
	Invalid bool
}

var dayNames = []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun", "mon-fri", "sat-sun"}

func (h *Hours) decodeNode(d *decoder, n *yaml.Node) {
	if n.Kind != yaml.MappingNode {
		d.diags.Add(nodePos(d.file, n), diag.WrongType, "hours must be a mapping of weekdays to ranges, not %s", describe(n))
		return
	}
	setBy := map[time.Weekday]*yaml.Node{}
	for _, p := range entries(n) {
		days, err := calendar.ParseDays(p.key.Value)
		if err != nil {
			hint := suggest.Hint(p.key.Value, dayNames)
			if short := shortDays(p.key.Value); short != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", short)
			}
			d.diags.Add(nodePos(d.file, p.key), diag.InvalidDay, "%v%s", err, hint)
			h.Invalid = true
			continue
		}
		var ranges []calendar.Range
		if list := resolve(p.value); list.Kind == yaml.SequenceNode {
			for _, item := range list.Content {
				item = resolve(item)
				r, err := calendar.ParseRange(item.Value)
				if item.Kind != yaml.ScalarNode || err != nil {
					if err == nil {
						err = fmt.Errorf("expected a range such as \"09:00-17:00\", not %s", describe(item))
					}
					d.diags.Add(nodePos(d.file, item), diag.InvalidHours, "%v", err)
					h.Invalid = true
					continue
				}
				ranges = append(ranges, r)
			}
		} else if !isNull(list) {
			d.diags.Add(nodePos(d.file, list), diag.WrongType, "hours of %s must be a list of ranges such as [\"09:00-17:00\"], not %s", p.key.Value, describe(list))
			continue
		}
		for _, day := range days {
			if first, ok := setBy[day]; ok {
				d.diags.Add(nodePos(d.file, p.key), diag.DuplicateDay,
					"%s is already given by %q on line %d: give each day once", dayName(day), first.Value, first.Line)
				continue
			}
			setBy[day] = p.key
			h.Week[day] = ranges
		}
		if a, b, ok := overlap(ranges); ok {
			d.diags.Add(nodePos(d.file, p.key), diag.HoursOverlap,
				"ranges %s and %s of %s overlap: merge them or fix one", a, b, p.key.Value)
		}
	}
}

// shortDays writes days named in full, or in capitals, as hours keys:
// "Friday" → fri, "monday-friday" → mon-fri; "" when that is no key.
func shortDays(s string) string {
	parts := strings.Split(strings.ToLower(strings.TrimSpace(s)), "-")
	for i, p := range parts {
		if len(p) < 3 {
			return ""
		}
		parts[i] = p[:3]
	}
	short := strings.Join(parts, "-")
	if _, err := calendar.ParseDays(short); err != nil || short == s {
		return ""
	}
	return short
}

// overlap returns two ranges that overlap, if any do.
func overlap(ranges []calendar.Range) (a, b calendar.Range, ok bool) {
	sorted := slices.Clone(ranges)
	slices.SortFunc(sorted, func(x, y calendar.Range) int { return x.Start - y.Start })
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Start < sorted[i-1].End {
			return sorted[i-1], sorted[i], true
		}
	}
	return a, b, false
}

func dayName(d time.Weekday) string {
	return [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}[d]
}
