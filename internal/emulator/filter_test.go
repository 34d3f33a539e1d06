package emulator

import (
	"strings"
	"testing"
)

func TestParseFilter(t *testing.T) {
	for src, want := range map[string]string{
		`name eq "x"`:                           `name eq "x"`,
		`a eq "1" or b eq "2" and c eq "3"`:     `(a eq "1" or (b eq "2" and c eq "3"))`,
		`not a eq "1" and b eq "2"`:             `(not a eq "1" and b eq "2")`,
		`not (a eq "1" or b eq "2")`:            `not (a eq "1" or b eq "2")`,
		`id in ("a", "b","c")`:                  `id in ("a","b","c")`,
		`name eq "say \"hi\" \\o/"`:             `name eq "say \"hi\" \\o/"`,
		`pr manager and email isnull`:           `(pr manager and email isnull)`,
		`created ge 2024-01-01T00:00:00Z`:       `created ge 2024-01-01T00:00:00Z`,
		`correlated eq true`:                    `correlated eq true`,
		`groups ca ("x")`:                       `groups ca ("x")`,
		` ( ( a eq "1" ) ) `:                    `a eq "1"`,
		`owner.id eq "x" and attributes.k ne 5`: `(owner.id eq "x" and attributes.k ne 5)`,
	} {
		e, err := parseFilter(src)
		if err != nil {
			t.Errorf("%s: %v", src, err)
			continue
		}
		if e.String() != want {
			t.Errorf("%s: parsed as %s, want %s", src, e, want)
		}
	}
}

func TestParseFilterErrors(t *testing.T) {
	for src, want := range map[string]string{
		``:                          "field name",
		`name`:                      "operator",
		`name EQ "x"`:               "lower case",
		`name eq`:                   "value",
		`name eq x`:                 "double-quoted",
		`name eq "x`:                "unterminated",
		`name eq "\x"`:              "escape",
		`name in "x"`:               "parenthesised",
		`name in ("x" "y")`:         "','",
		`(name eq "x"`:              "')'",
		`name eq "x")`:              "unexpected",
		`name eq "x" and`:           "field name",
		`name eq "x" AND b eq "y"`:  "unexpected",
		`"name" eq "x"`:             "field name",
		strings.Repeat("(", 100):    "nested",
		strings.Repeat("not ", 100): "nested",
	} {
		if _, err := parseFilter(src); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one mentioning %q", src, err, want)
		}
	}
}

type filterItem struct {
	name  string
	tags  []string
	ok    bool
	n     int64
	stamp string
}

var testFilterFields = filterFields[filterItem]{
	"name":  {kindString, "eq ne co sw in gt lt isnull pr", func(i filterItem) any { return i.name }},
	"tags":  {kindStrings, "eq co ca in ne", func(i filterItem) any { return i.tags }},
	"ok":    {kindBool, "eq ne", func(i filterItem) any { return i.ok }},
	"n":     {kindNumber, "eq ne gt ge lt le in", func(i filterItem) any { return i.n }},
	"stamp": {kindTime, "gt lt eq", func(i filterItem) any { return i.stamp }},
}

func TestCompileFilter(t *testing.T) {
	item := filterItem{name: "Alice", tags: []string{"a", "B"}, ok: true, n: 7, stamp: "2024-05-01T10:00:00.000Z"}
	for src, want := range map[string]bool{
		`name eq "alice"`:                      true,
		`name ne "alice"`:                      false,
		`name co "LIC"`:                        true,
		`name sw "al" and not name sw "alx"`:   true,
		`name in ("bob","ALICE")`:              true,
		`name gt "Aa"`:                         true,
		`pr name`:                              true,
		`name isnull`:                          false,
		`tags eq "b"`:                          true,
		`tags ca ("a","b")`:                    true,
		`tags ca ("a","c")`:                    false,
		`tags ne "c"`:                          true,
		`ok eq true`:                           true,
		`ok ne true`:                           false,
		`ok eq "false"`:                        false,
		`n ge 7 and n lt 8`:                    true,
		`n in (1,2,7)`:                         true,
		`stamp gt 2024-05-01T09:59:59Z`:        true,
		`stamp eq 2024-05-01T10:00:00Z`:        true,
		`stamp lt "2024-01-01T00:00:00+02:00"`: false,
	} {
		e, err := parseFilter(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		keep, err := testFilterFields.compile(e)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if got := keep(item); got != want {
			t.Errorf("%s: %v, want %v", src, got, want)
		}
	}
	for src, want := range map[string]string{
		`color eq "x"`: "'color'",
		`name le "x"`:  "'le'",
		`ok eq 1`:      "true or false",
		`n eq "x"`:     "integer",
		`stamp gt "x"`: "RFC 3339",
		`name eq null`: "isnull",
		`tags sw "x"`:  "'sw'",
	} {
		e, err := parseFilter(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if _, err := testFilterFields.compile(e); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want one mentioning %s", src, err, want)
		}
	}
}

// FuzzFilter checks that any input either fails to parse or compile with an error, or yields an
// AST whose printed form parses to the same AST and evaluates without panicking.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{`name eq "x"`, `a eq "1" or not (b sw "2" and c in ("3","4"))`, `pr name`, `n ge 5`,
		`tags ca ("a")`, `stamp gt 2024-01-01T00:00:00Z`, `name eq "\"\\"`, `((`, `ok eq true and name isnull`} {
		f.Add(s)
	}
	item := filterItem{name: "x", tags: []string{"a"}, n: 5, stamp: "2024-05-01T10:00:00.000Z"}
	f.Fuzz(func(t *testing.T, src string) {
		e, err := parseFilter(src)
		if err != nil {
			if e != nil {
				t.Fatalf("both an AST and an error for %q", src)
			}
			return
		}
		again, err := parseFilter(e.String())
		if err != nil || again.String() != e.String() {
			t.Fatalf("%q printed as %q does not round-trip: %v", src, e, err)
		}
		if keep, err := testFilterFields.compile(e); err == nil {
			keep(item)
			keep(filterItem{})
		}
	})
}
