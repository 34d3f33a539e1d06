// Package quartz checks the Quartz cron expressions ISC runs schedules from. They differ from
// Unix cron: seconds come first, an optional year comes last, days of the week count 1-7 from
// Sunday, and exactly one of the two day fields must be "?". Go cron libraries follow other
// dialects (Unix, or a Quartz look-alike that accepts "*" in both day fields and rejects Quartz's
// wrap-around ranges such as FRI-MON), so the expression is checked here, field by field, so the
// error can name the field at fault. The provider checks expressions with it at plan time, and
// the emulator refuses with it what ISC refuses.
package quartz

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// field is what one field of an expression takes.
type field struct {
	name     string
	min, max int
	// names[i] stands for min+i: month and day names, which Quartz reads case-insensitively.
	names []string
	// expected says what the field takes, for error messages.
	expected string
}

// Indexes of the fields with rules of their own.
const (
	dayOfMonth = 3
	dayOfWeek  = 5
	year       = 6
)

// specs are the fields of an expression in order: seconds first, the year last and optional.
var specs = [...]field{
	{name: "seconds", min: 0, max: 59, expected: "0-59"},
	{name: "minutes", min: 0, max: 59, expected: "0-59"},
	{name: "hours", min: 0, max: 23, expected: "0-23"},
	dayOfMonth: {name: "day-of-month", min: 1, max: 31, expected: `1-31, L (last day), L-n (n days before the last), nW (weekday nearest day n), LW, or ?`},
	{name: "month", min: 1, max: 12, expected: "1-12 or JAN-DEC",
		names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
	dayOfWeek: {name: "day-of-week", min: 1, max: 7, expected: `1-7 (1 = SUN, 7 = SAT) or SUN-SAT, nL (last day n of the month), n#k (k-th day n of the month), or ?`,
		names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
	year: {name: "year", min: 1970, max: 2099, expected: "1970-2099"},
}

// Check says what is wrong with a Quartz cron expression, or returns nil. The error names the
// field at fault and, where one is clear, the expression to write instead.
func Check(expr string) error {
	fields := strings.Fields(expr)
	switch n := len(fields); {
	case n == 0:
		return errors.New("it is empty")
	case n == 5 && fields[4] == "*":
		return fmt.Errorf("it has 5 fields, like a Unix cron expression; Quartz expressions have 6 or 7 and start with seconds, so %q becomes %q",
			expr, "0 "+strings.Join(fields[:4], " ")+" ?")
	case n == 5:
		return errors.New("it has 5 fields, like a Unix cron expression; Quartz expressions have 6 or 7 and start with seconds, and number days of the week 1-7 from SUN")
	case n < 6 || n > 7:
		return fmt.Errorf("it has %d fields; expected 6 or 7 (seconds minutes hours day-of-month month day-of-week [year])", n)
	}
	for i, raw := range fields {
		if err := specs[i].check(raw); err != nil {
			return err
		}
	}
	dom, dow := fields[dayOfMonth], fields[dayOfWeek]
	switch {
	case dom != "?" && dow != "?":
		msg := fmt.Sprintf(`day-of-month %q and day-of-week %q are both set; Quartz needs "?" in one of them`, dom, dow)
		switch {
		case dom == "*":
			return fmt.Errorf("%s: write %q", msg, withField(fields, dayOfMonth, "?"))
		case dow == "*":
			return fmt.Errorf("%s: write %q", msg, withField(fields, dayOfWeek, "?"))
		}
		return fmt.Errorf("%s: a schedule runs either on days of the month or on days of the week, not both", msg)
	case dom == "?" && dow == "?":
		return fmt.Errorf(`day-of-month and day-of-week are both "?"; exactly one of them must be "?": write %q`, withField(fields, dayOfMonth, "*"))
	}
	return nil
}

func withField(fields []string, i int, v string) string {
	f := slices.Clone(fields)
	f[i] = v
	return strings.Join(f, " ")
}

// check checks one field. Like Quartz, it reads letters case-insensitively.
func (f *field) check(raw string) error {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("the %s field %q is invalid: %s; expected %s", f.name, raw, fmt.Sprintf(format, args...), f.expected)
	}
	v := strings.ToUpper(raw)
	isDay := f == &specs[dayOfMonth] || f == &specs[dayOfWeek]
	switch {
	case v == "?" && isDay:
		return nil
	case strings.Contains(v, "?"):
		if isDay {
			return fail(`"?" must stand alone`)
		}
		return fail(`"?" is only allowed in day-of-month and day-of-week`)
	}
	if special, err := f.checkSpecial(v); special || err != nil {
		if err != nil {
			return fail("%s", err)
		}
		return nil
	}
	for _, item := range strings.Split(v, ",") {
		if err := f.checkItem(item); err != nil {
			return fail("%s", err)
		}
	}
	return nil
}

// checkSpecial checks Quartz's day forms (L, W, #), which stand alone in their field. It reports
// whether v is one of them.
func (f *field) checkSpecial(v string) (bool, error) {
	switch f {
	case &specs[dayOfMonth]:
		// Other letters are no day form: the value check reports them.
		if !strings.ContainsAny(v, "LW") || strings.Trim(v, "0123456789LW-,/*") != "" {
			return false, nil
		}
		if strings.ContainsAny(v, ",/*") {
			return true, errors.New("the forms L and W must stand alone, without lists, ranges or steps")
		}
		if v == "L" || v == "LW" {
			return true, nil
		}
		if offset, ok := strings.CutPrefix(v, "L-"); ok {
			if n, ok := number(strings.TrimSuffix(offset, "W")); !ok || n > 30 {
				return true, errors.New("the offset n of L-n must be from 0 to 30, e.g. L-3")
			}
			return true, nil
		}
		if day, ok := strings.CutSuffix(v, "W"); ok {
			if n, ok := number(day); !ok || n < 1 || n > 31 {
				return true, errors.New("the form nW needs one day n from 1 to 31, e.g. 15W")
			}
			return true, nil
		}
		return true, errors.New("the forms with L and W are L, L-n, nW and LW")
	case &specs[dayOfWeek]:
		if !strings.ContainsAny(v, "L#") {
			return false, nil
		}
		if strings.ContainsAny(v, ",-/*") {
			return true, errors.New("the forms L and # must stand alone, without lists, ranges or steps")
		}
		if v == "L" {
			return true, nil
		}
		if day, ok := strings.CutSuffix(v, "L"); ok {
			_, _, err := f.value(day)
			return true, err
		}
		day, nth, ok := strings.Cut(v, "#")
		if !ok {
			return true, errors.New("the form with L is L or nL, e.g. 6L for the last Friday")
		}
		if _, _, err := f.value(day); err != nil {
			return true, err
		}
		if k, ok := number(nth); !ok || k < 1 || k > 5 {
			return true, errors.New("n#k needs k from 1 to 5, e.g. 6#3 for the third Friday")
		}
		return true, nil
	}
	return false, nil
}

// checkItem checks one list item: *, a value or a range, optionally followed by /step.
func (f *field) checkItem(item string) error {
	base, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		maxStep := f.max
		if f == &specs[year] {
			maxStep = f.max - f.min
		}
		if n, ok := number(step); !ok || n < 1 || n > maxStep {
			return fmt.Errorf("the step %q must be a number from 1 to %d", step, maxStep)
		}
	}
	switch {
	case item == "":
		return errors.New("a list item is empty")
	case base == "*" || (base == "" && hasStep): // Quartz reads "/n" as "*/n"
		return nil
	}
	lo, hi, isRange := strings.Cut(base, "-")
	from, isName, err := f.value(lo)
	if err != nil {
		return err
	}
	numeric := strconv.Itoa(from)
	if isRange {
		to, toName, err := f.value(hi)
		if err != nil {
			return err
		}
		if isName != toName {
			return fmt.Errorf("the range %q mixes a name and a number", base)
		}
		// Quartz wraps other ranges around (FRI-MON, 22-2), but not years.
		if f == &specs[year] && to < from {
			return fmt.Errorf("the range %q ends before it starts", base)
		}
		numeric += "-" + strconv.Itoa(to)
	}
	if hasStep && isName {
		// Quartz silently drops a step after a name, so MON-FRI/2 would run every weekday.
		return fmt.Errorf("a step cannot follow a name, since Quartz would ignore it; write %s/%s instead of %s", numeric, step, item)
	}
	return nil
}

// value reads one number or name of the field and reports whether it was a name.
func (f *field) value(s string) (int, bool, error) {
	if s == "" {
		return 0, false, errors.New("a value is missing")
	}
	if n, ok := number(s); ok {
		if n < f.min || n > f.max {
			if f == &specs[dayOfWeek] && n == 0 {
				return 0, false, errors.New("0 is out of range: Quartz counts days of the week from 1 = SUN, not from 0")
			}
			return 0, false, fmt.Errorf("%s is out of range", s)
		}
		return n, false, nil
	}
	if i := slices.Index(f.names, s); i >= 0 {
		return f.min + i, true, nil
	}
	if f.names != nil {
		return 0, false, fmt.Errorf("%q is neither a number nor a name (%s-%s)", s, f.names[0], f.names[len(f.names)-1])
	}
	return 0, false, fmt.Errorf("%q is not a number", s)
}

// number reads a decimal number of digits only; an overlong one is out of every range.
func number(s string) (int, bool) {
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 1 << 30, true
	}
	return n, true
}

// Same reports whether two cron expressions differ at most in letter case and spacing, which
// Quartz ignores.
func Same(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}
