package client

import (
	"strings"
	"testing"
)

// readFilterString reads the ISC string literal at the start of s, as ISC's filter parser does:
// a double quote, then characters up to the next unescaped double quote, where `\\` and `\"`
// stand for `\` and `"` and any other escape is an error. It returns the value and the rest of s.
func readFilterString(s string) (value, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '"':
			return b.String(), s[i+1:], true
		case '\\':
			if i+1 >= len(s) || (s[i+1] != '"' && s[i+1] != '\\') {
				return "", s, false
			}
			i++
		}
		b.WriteByte(s[i])
	}
	return "", s, false // unterminated
}

func TestQuoteFilterValue(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", `""`},
		{"ISC Admin", `"ISC Admin"`},
		{`Dana "DJ" Dubois`, `"Dana \"DJ\" Dubois"`},
		{`C:\temp`, `"C:\\temp"`},
		{`\"`, `"\\\""`},
		{`x" or name sw "`, `"x\" or name sw \""`},
		// Reserved in URLs, not in filters: encoded with the whole query string.
		{"R&D #1 100%", `"R&D #1 100%"`},
		{"Zoë\nÅsa", "\"Zoë\nÅsa\""},
	} {
		if got := QuoteFilterValue(c.in); got != c.want {
			t.Errorf("QuoteFilterValue(%q) = %s, want %s", c.in, got, c.want)
		}
	}
	if got := FilterEq("alias", `a"b`); got != `alias eq "a\"b"` {
		t.Errorf("FilterEq = %s", got)
	}
}

func TestReadFilterStringRejectsBrokenLiterals(t *testing.T) {
	for _, s := range []string{`abc`, `"abc`, `"a\"`, `"a\x"`, `"\`} {
		if v, _, ok := readFilterString(s); ok {
			t.Errorf("readFilterString(%q) accepted %q", s, v)
		}
	}
}

// FuzzQuoteFilterValue checks that a quoted value reads back as itself and that its literal ends
// exactly where QuoteFilterValue's output ends, so nothing after it is swallowed and nothing in it
// escapes into the filter.
func FuzzQuoteFilterValue(f *testing.F) {
	for _, s := range []string{"", "plain", `a"b`, `a\b`, `\`, `"`, `\"`, `x" or name sw "`, `""\\""`, "R&D #1 100%"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q := QuoteFilterValue(s)
		const tail = ` or correlated eq false`
		got, rest, ok := readFilterString(q + tail)
		if !ok || got != s || rest != tail {
			t.Fatalf("QuoteFilterValue(%q) = %s reads back as %q (ok %v) with %q left, want the value and %q", s, q, got, ok, rest, tail)
		}
	})
}

func TestFilterIn(t *testing.T) {
	if got, want := FilterIn("id", "a1", `b"2`), `id in ("a1","b\"2")`; got != want {
		t.Errorf("FilterIn = %s, want %s", got, want)
	}
}
