package emulator

import (
	"cmp"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// This file implements ISC's collection filter language (the `filters` query parameter):
//
//	expr    = or
//	or      = and { "or" and }
//	and     = unary { "and" unary }
//	unary   = "not" unary | "(" expr ")" | "pr" field | field "isnull" | field op value
//	          | field ("in" | "ca") "(" value { "," value } ")"
//	op      = "eq" | "ne" | "co" | "sw" | "gt" | "ge" | "lt" | "le" | "ca"
//	value   = "double-quoted string with \" and \\ escapes" | true | false | null | number | date-time
//
// Operators are lower case. Parsing yields an AST; compileFilter checks it against the fields and
// operators a list operation supports and turns it into a predicate.

// filterExpr is a node of a parsed filter.
type filterExpr interface{ String() string }

type (
	orExpr  struct{ left, right filterExpr }
	andExpr struct{ left, right filterExpr }
	notExpr struct{ x filterExpr }
	// cmpExpr is a primitive comparison; values is empty for pr and isnull.
	cmpExpr struct {
		field, op string
		values    []literal
	}
)

// literal is a filter value; quoted tells a string from a bare word (true, 12, 2024-01-01T00:00:00Z).
type literal struct {
	text   string
	quoted bool
}

func (e orExpr) String() string  { return "(" + e.left.String() + " or " + e.right.String() + ")" }
func (e andExpr) String() string { return "(" + e.left.String() + " and " + e.right.String() + ")" }
func (e notExpr) String() string { return "not " + e.x.String() }
func (e cmpExpr) String() string {
	switch {
	case e.op == "pr":
		return "pr " + e.field
	case len(e.values) == 0:
		return e.field + " " + e.op
	case e.op == "in" || e.op == "ca":
		parts := make([]string, len(e.values))
		for i, v := range e.values {
			parts[i] = v.String()
		}
		return e.field + " " + e.op + " (" + strings.Join(parts, ",") + ")"
	}
	return e.field + " " + e.op + " " + e.values[0].String()
}

// quoteFilterString quotes s with the filter language's two escapes.
var quoteFilterString = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace

func (l literal) String() string {
	if l.quoted {
		return `"` + quoteFilterString(l.text) + `"`
	}
	return l.text
}

const (
	maxFilterLength = 16 << 10
	maxFilterDepth  = 64
)

// filterOps are the primitive operators; each takes one value unless noted.
var filterOps = map[string]bool{
	"eq": true, "ne": true, "co": true, "sw": true, "gt": true, "ge": true, "lt": true, "le": true,
	"in": true, "ca": true, // a parenthesised list
	"isnull": true, "pr": true, // no value; pr is written before the field
}

type tokenKind int

const (
	tokEOF tokenKind = iota
	tokWord
	tokString
	tokLParen
	tokRParen
	tokComma
)

type filterToken struct {
	kind tokenKind
	text string
	pos  int
}

func (t filterToken) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of filter"
	case tokString:
		return strconv.Quote(t.text)
	}
	return "'" + t.text + "'"
}

func lexFilter(src string) ([]filterToken, error) {
	var toks []filterToken
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, filterToken{tokLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, filterToken{tokRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, filterToken{tokComma, ",", i})
			i++
		case c == '"':
			start := i
			var sb strings.Builder
			i++
			for {
				if i >= len(src) {
					return nil, fmt.Errorf("unterminated string starting at position %d", start)
				}
				if src[i] == '"' {
					i++
					break
				}
				if src[i] == '\\' {
					if i+1 >= len(src) || (src[i+1] != '"' && src[i+1] != '\\') {
						return nil, fmt.Errorf("invalid escape at position %d: only \\\" and \\\\ are allowed", i)
					}
					i++
				}
				sb.WriteByte(src[i])
				i++
			}
			toks = append(toks, filterToken{tokString, sb.String(), start})
		default:
			start := i
			for i < len(src) && !strings.ContainsRune(" \t\n\r(),\"", rune(src[i])) {
				i++
			}
			toks = append(toks, filterToken{tokWord, src[start:i], start})
		}
	}
	return append(toks, filterToken{kind: tokEOF, pos: len(src)}), nil
}

type filterParser struct {
	toks []filterToken
	i    int
}

func (p *filterParser) peek() filterToken { return p.toks[p.i] }

func (p *filterParser) next() filterToken {
	t := p.toks[p.i]
	if t.kind != tokEOF {
		p.i++
	}
	return t
}

func (p *filterParser) isWord(w string) bool {
	t := p.peek()
	return t.kind == tokWord && t.text == w
}

// parseFilter parses a filters expression into an AST, or explains why it cannot.
func parseFilter(src string) (filterExpr, error) {
	if len(src) > maxFilterLength {
		return nil, fmt.Errorf("filter is longer than %d characters", maxFilterLength)
	}
	toks, err := lexFilter(src)
	if err != nil {
		return nil, err
	}
	p := &filterParser{toks: toks}
	e, err := p.parseOr(0)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, fmt.Errorf("unexpected %s at position %d", t.describe(), t.pos)
	}
	return e, nil
}

func (p *filterParser) parseOr(depth int) (filterExpr, error) {
	left, err := p.parseAnd(depth)
	if err != nil {
		return nil, err
	}
	for p.isWord("or") {
		p.next()
		right, err := p.parseAnd(depth)
		if err != nil {
			return nil, err
		}
		left = orExpr{left, right}
	}
	return left, nil
}

func (p *filterParser) parseAnd(depth int) (filterExpr, error) {
	left, err := p.parseUnary(depth)
	if err != nil {
		return nil, err
	}
	for p.isWord("and") {
		p.next()
		right, err := p.parseUnary(depth)
		if err != nil {
			return nil, err
		}
		left = andExpr{left, right}
	}
	return left, nil
}

func (p *filterParser) parseUnary(depth int) (filterExpr, error) {
	if depth > maxFilterDepth {
		return nil, fmt.Errorf("filter is nested deeper than %d levels", maxFilterDepth)
	}
	t := p.peek()
	switch {
	case t.kind == tokWord && t.text == "not":
		p.next()
		x, err := p.parseUnary(depth + 1)
		if err != nil {
			return nil, err
		}
		return notExpr{x}, nil
	case t.kind == tokLParen:
		p.next()
		e, err := p.parseOr(depth + 1)
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tokRParen {
			return nil, fmt.Errorf("expected ')' at position %d, got %s", c.pos, c.describe())
		}
		return e, nil
	case t.kind == tokWord && t.text == "pr":
		p.next()
		field, err := p.parseField()
		if err != nil {
			return nil, err
		}
		return cmpExpr{field: field, op: "pr"}, nil
	}
	field, err := p.parseField()
	if err != nil {
		return nil, err
	}
	opTok := p.next()
	op := opTok.text
	if opTok.kind != tokWord || !filterOps[op] || op == "pr" {
		if opTok.kind == tokWord && filterOps[strings.ToLower(op)] {
			return nil, fmt.Errorf("operator '%s' at position %d must be lower case", op, opTok.pos)
		}
		return nil, fmt.Errorf("expected an operator after field '%s' at position %d, got %s", field, opTok.pos, opTok.describe())
	}
	switch op {
	case "isnull":
		return cmpExpr{field: field, op: op}, nil
	case "in", "ca":
		values, err := p.parseList(op)
		if err != nil {
			return nil, err
		}
		return cmpExpr{field: field, op: op, values: values}, nil
	}
	v, err := p.parseValue()
	if err != nil {
		return nil, err
	}
	return cmpExpr{field: field, op: op, values: []literal{v}}, nil
}

func (p *filterParser) parseField() (string, error) {
	t := p.next()
	if t.kind != tokWord || !isFieldName(t.text) {
		return "", fmt.Errorf("expected a field name at position %d, got %s", t.pos, t.describe())
	}
	return t.text, nil
}

func isFieldName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r == '.' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return s != ""
}

func (p *filterParser) parseList(op string) ([]literal, error) {
	if t := p.next(); t.kind != tokLParen {
		return nil, fmt.Errorf("operator '%s' expects a parenthesised list at position %d, got %s", op, t.pos, t.describe())
	}
	var values []literal
	for {
		v, err := p.parseValue()
		if err != nil {
			return nil, err
		}
		values = append(values, v)
		t := p.next()
		if t.kind == tokRParen {
			return values, nil
		}
		if t.kind != tokComma {
			return nil, fmt.Errorf("expected ',' or ')' at position %d, got %s", t.pos, t.describe())
		}
	}
}

func (p *filterParser) parseValue() (literal, error) {
	t := p.next()
	switch {
	case t.kind == tokString:
		return literal{text: t.text, quoted: true}, nil
	case t.kind == tokWord && isBareValue(t.text):
		return literal{text: t.text}, nil
	case t.kind == tokWord:
		return literal{}, fmt.Errorf("expected a value at position %d, got %s (strings must be double-quoted)", t.pos, t.describe())
	}
	return literal{}, fmt.Errorf("expected a value at position %d, got %s", t.pos, t.describe())
}

// isBareValue accepts unquoted true, false, null, numbers and date-times.
func isBareValue(s string) bool {
	switch s {
	case "true", "false", "null":
		return true
	}
	return s[0] == '-' || s[0] == '+' || (s[0] >= '0' && s[0] <= '9')
}

// fieldKind is the type of a filterable field, which decides how values compare.
type fieldKind int

const (
	kindString  fieldKind = iota // get returns string ("" or nil when absent)
	kindStrings                  // get returns []string; eq, co and in match any element, ca all
	kindBool                     // get returns bool
	kindNumber                   // get returns int64
	kindTime                     // get returns a timeLayout string
)

// filterField is one field a list operation can filter on.
type filterField[T any] struct {
	kind fieldKind
	ops  string // the operators allowed, space separated
	get  func(T) any
}

// filterFields configures filtering for one list operation.
type filterFields[T any] map[string]filterField[T]

// compile checks a parsed filter against the supported fields and operators and returns a predicate.
func (ff filterFields[T]) compile(e filterExpr) (func(T) bool, error) {
	switch e := e.(type) {
	case orExpr:
		l, r, err := ff.compilePair(e.left, e.right)
		if err != nil {
			return nil, err
		}
		return func(x T) bool { return l(x) || r(x) }, nil
	case andExpr:
		l, r, err := ff.compilePair(e.left, e.right)
		if err != nil {
			return nil, err
		}
		return func(x T) bool { return l(x) && r(x) }, nil
	case notExpr:
		inner, err := ff.compile(e.x)
		if err != nil {
			return nil, err
		}
		return func(x T) bool { return !inner(x) }, nil
	case cmpExpr:
		f, ok := ff[e.field]
		if !ok {
			return nil, fmt.Errorf("filtering is not supported for field '%s'", e.field)
		}
		if !containsWord(f.ops, e.op) {
			return nil, fmt.Errorf("operator '%s' is not supported for field '%s' (supported: %s)", e.op, e.field, f.ops)
		}
		match, err := matcher(f.kind, e)
		if err != nil {
			return nil, err
		}
		get := f.get
		return func(x T) bool { return match(get(x)) }, nil
	}
	return nil, fmt.Errorf("unsupported filter expression %v", e)
}

func (ff filterFields[T]) compilePair(a, b filterExpr) (func(T) bool, func(T) bool, error) {
	l, err := ff.compile(a)
	if err != nil {
		return nil, nil, err
	}
	r, err := ff.compile(b)
	return l, r, err
}

func containsWord(list, w string) bool {
	for _, x := range strings.Fields(list) {
		if x == w {
			return true
		}
	}
	return false
}

// matcher builds the test of one comparison against a field value of the given kind.
// String comparisons ignore case, as ISC's do.
func matcher(kind fieldKind, e cmpExpr) (func(any) bool, error) {
	switch e.op {
	case "pr":
		return func(v any) bool { return !isAbsent(v) }, nil
	case "isnull":
		return isAbsent, nil
	}
	for _, v := range e.values {
		if v.text == "null" && !v.quoted {
			return nil, fmt.Errorf("field '%s': compare with null using isnull", e.field)
		}
	}
	switch kind {
	case kindBool:
		want, err := boolLiteral(e)
		if err != nil {
			return nil, err
		}
		return func(v any) bool {
			b, ok := v.(bool)
			return ok && (b == want) == (e.op == "eq")
		}, nil
	case kindNumber:
		return numberMatcher(e)
	case kindTime:
		return timeMatcher(e)
	case kindStrings:
		return stringsMatcher(e)
	}
	return stringMatcher(e)
}

func isAbsent(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return v == ""
	case []string:
		return len(v) == 0
	}
	return false
}

func boolLiteral(e cmpExpr) (bool, error) {
	if e.op != "eq" && e.op != "ne" {
		return false, fmt.Errorf("operator '%s' cannot compare boolean field '%s'", e.op, e.field)
	}
	switch e.values[0].text {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, fmt.Errorf("field '%s' is a boolean: compare it with true or false", e.field)
}

func lowered(values []literal) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = strings.ToLower(v.text)
	}
	return out
}

func stringMatcher(e cmpExpr) (func(any) bool, error) {
	want := lowered(e.values)
	w := want[0]
	var test func(s string) bool
	switch e.op {
	case "eq":
		test = func(s string) bool { return strings.EqualFold(s, w) }
	case "ne":
		test = func(s string) bool { return !strings.EqualFold(s, w) }
	case "co":
		test = func(s string) bool { return strings.Contains(strings.ToLower(s), w) }
	case "sw":
		test = func(s string) bool { return hasPrefixFold(s, w) }
	case "in":
		test = func(s string) bool {
			for _, x := range want {
				if strings.EqualFold(s, x) {
					return true
				}
			}
			return false
		}
	case "gt":
		test = func(s string) bool { return compareFold(s, w) > 0 }
	case "ge":
		test = func(s string) bool { return compareFold(s, w) >= 0 }
	case "lt":
		test = func(s string) bool { return compareFold(s, w) < 0 }
	case "le":
		test = func(s string) bool { return compareFold(s, w) <= 0 }
	default:
		return nil, fmt.Errorf("operator '%s' cannot compare field '%s'", e.op, e.field)
	}
	return func(v any) bool {
		s, ok := v.(string)
		if !ok || s == "" {
			return e.op == "ne" // an absent value differs from everything
		}
		return test(s)
	}, nil
}

// hasPrefixFold is strings.HasPrefix ignoring case, without allocating for ASCII.
func hasPrefixFold(s, prefix string) bool {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return true
	}
	return strings.HasPrefix(strings.ToLower(s), strings.ToLower(prefix))
}

// compareFold orders strings ignoring case, rune by rune, without allocating.
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if la, lb := unicode.ToLower(ra), unicode.ToLower(rb); la != lb {
			return cmp.Compare(la, lb)
		}
		a, b = a[na:], b[nb:]
	}
	return cmp.Compare(len(a), len(b))
}

func stringsMatcher(e cmpExpr) (func(any) bool, error) {
	want := lowered(e.values)
	has := func(list []string, w string) bool {
		for _, s := range list {
			if strings.EqualFold(s, w) {
				return true
			}
		}
		return false
	}
	var test func([]string) bool
	switch e.op {
	case "eq", "co":
		test = func(l []string) bool { return has(l, want[0]) }
	case "ne":
		test = func(l []string) bool { return !has(l, want[0]) }
	case "in":
		test = func(l []string) bool {
			for _, w := range want {
				if has(l, w) {
					return true
				}
			}
			return false
		}
	case "ca":
		test = func(l []string) bool {
			for _, w := range want {
				if !has(l, w) {
					return false
				}
			}
			return true
		}
	default:
		return nil, fmt.Errorf("operator '%s' cannot compare list field '%s'", e.op, e.field)
	}
	return func(v any) bool {
		l, _ := v.([]string)
		return test(l)
	}, nil
}

// ordered compares a field value with the wanted values given a three-way comparison.
func ordered(e cmpExpr, n int, cmp func(v any, i int) (int, bool)) (func(any) bool, error) {
	var test func(c int) bool
	switch e.op {
	case "eq", "in":
		test = func(c int) bool { return c == 0 }
	case "ne":
		test = func(c int) bool { return c != 0 }
	case "gt":
		test = func(c int) bool { return c > 0 }
	case "ge":
		test = func(c int) bool { return c >= 0 }
	case "lt":
		test = func(c int) bool { return c < 0 }
	case "le":
		test = func(c int) bool { return c <= 0 }
	default:
		return nil, fmt.Errorf("operator '%s' cannot compare field '%s'", e.op, e.field)
	}
	return func(v any) bool {
		for i := 0; i < n; i++ {
			c, ok := cmp(v, i)
			if !ok {
				return e.op == "ne"
			}
			if test(c) {
				return true
			}
		}
		return false
	}, nil
}

func numberMatcher(e cmpExpr) (func(any) bool, error) {
	want := make([]int64, len(e.values))
	for i, v := range e.values {
		n, err := strconv.ParseInt(v.text, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("field '%s' is a number: %q is not an integer", e.field, v.text)
		}
		want[i] = n
	}
	return ordered(e, len(want), func(v any, i int) (int, bool) {
		n, ok := v.(int64)
		if !ok {
			return 0, false
		}
		switch {
		case n < want[i]:
			return -1, true
		case n > want[i]:
			return 1, true
		}
		return 0, true
	})
}

func timeMatcher(e cmpExpr) (func(any) bool, error) {
	want := make([]time.Time, len(e.values))
	for i, v := range e.values {
		t, err := time.Parse(time.RFC3339Nano, v.text)
		if err != nil {
			return nil, fmt.Errorf("field '%s' is a date-time: %q is not RFC 3339", e.field, v.text)
		}
		want[i] = t
	}
	return ordered(e, len(want), func(v any, i int) (int, bool) {
		s, _ := v.(string)
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return 0, false
		}
		return t.Compare(want[i]), true
	})
}
