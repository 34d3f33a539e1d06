package provider

import (
	"bytes"
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// appendCanonicalJSON appends to dst the JSON object doc exactly as normalizedJSON writes it
// once decoded (json.Marshal of a map[string]any: compact, keys sorted, strings escaped the way
// encoding/json does), without decoding it into maps. It handles what ISC's documents are made
// of: keys and strings that need no escaping, integers of up to 15 digits, true, false and null;
// for anything else (escapes, fractions, exponents, big numbers, duplicate keys, not an object),
// ok is false and the caller takes the slow way. doc must be valid JSON.
func appendCanonicalJSON(dst, doc []byte) (out []byte, ok bool) {
	c := canonicalizer{in: doc, out: dst}
	c.space()
	if c.pos >= len(c.in) || c.in[c.pos] != '{' || !c.value() {
		return dst, false
	}
	if c.space(); c.pos != len(c.in) {
		return dst, false
	}
	return c.out, true
}

// canonicalizer is one pass of appendCanonicalJSON over in.
type canonicalizer struct {
	in      []byte
	pos     int
	out     []byte
	scratch []byte // reordered object members, reused
}

func (c *canonicalizer) space() {
	for c.pos < len(c.in) {
		switch c.in[c.pos] {
		case ' ', '\t', '\n', '\r':
			c.pos++
		default:
			return
		}
	}
}

func (c *canonicalizer) value() bool {
	if c.pos >= len(c.in) {
		return false
	}
	switch b := c.in[c.pos]; {
	case b == '{':
		return c.object()
	case b == '[':
		return c.array()
	case b == '"':
		s, ok := c.string()
		c.out = append(c.out, '"')
		c.out = append(c.out, s...)
		c.out = append(c.out, '"')
		return ok
	case b == '-' || '0' <= b && b <= '9':
		return c.number()
	}
	for _, lit := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(c.in[c.pos:], []byte(lit)) {
			c.pos += len(lit)
			c.out = append(c.out, lit...)
			return true
		}
	}
	return false
}

// string reads a string that json.Marshal writes back byte for byte, and returns what is
// between its quotes.
func (c *canonicalizer) string() ([]byte, bool) {
	start := c.pos + 1
	for i := start; i < len(c.in); {
		b := c.in[i]
		switch {
		case b == '"':
			c.pos = i + 1
			return c.in[start:i], true
		case b == '\\' || b < 0x20 || b == '<' || b == '>' || b == '&':
			return nil, false // escaped in or out: left to encoding/json
		case b < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(c.in[i:])
			if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
				return nil, false
			}
			i += size
		}
	}
	return nil, false
}

// number reads an integer that a float64 holds exactly and json.Marshal writes as it is.
func (c *canonicalizer) number() bool {
	start := c.pos
	if c.in[c.pos] == '-' {
		c.pos++
	}
	digits := c.pos
	for c.pos < len(c.in) && '0' <= c.in[c.pos] && c.in[c.pos] <= '9' {
		c.pos++
	}
	n := c.pos - digits
	if n == 0 || n > 15 || n > 1 && c.in[digits] == '0' {
		return false
	}
	if c.pos < len(c.in) {
		if b := c.in[c.pos]; b == '.' || b == 'e' || b == 'E' {
			return false
		}
	}
	c.out = append(c.out, c.in[start:c.pos]...)
	return true
}

func (c *canonicalizer) array() bool {
	c.pos++
	c.out = append(c.out, '[')
	for first := true; ; first = false {
		c.space()
		if c.pos < len(c.in) && c.in[c.pos] == ']' {
			c.pos++
			c.out = append(c.out, ']')
			return true
		}
		if !first {
			if c.pos >= len(c.in) || c.in[c.pos] != ',' {
				return false
			}
			c.pos++
			c.out = append(c.out, ',')
			c.space()
		}
		if !c.value() {
			return false
		}
	}
}

// member is one "key":value of an object, as written at out[from:to].
type member struct {
	key      []byte
	from, to int
}

// object writes the members in the order of their keys; the input's order is kept when it is
// already that one, as it is for documents json.Marshal wrote.
func (c *canonicalizer) object() bool {
	c.pos++
	c.out = append(c.out, '{')
	start := len(c.out)
	var stack [16]member
	members := stack[:0]
	sorted := true
	for {
		c.space()
		if c.pos < len(c.in) && c.in[c.pos] == '}' {
			c.pos++
			break
		}
		if len(members) > 0 {
			if c.pos >= len(c.in) || c.in[c.pos] != ',' {
				return false
			}
			c.pos++
			c.out = append(c.out, ',')
			c.space()
		}
		if c.pos >= len(c.in) || c.in[c.pos] != '"' {
			return false
		}
		from := len(c.out)
		key, ok := c.string()
		if !ok {
			return false
		}
		c.out = append(c.out, '"')
		c.out = append(c.out, key...)
		c.out = append(c.out, '"', ':')
		c.space()
		if c.pos >= len(c.in) || c.in[c.pos] != ':' {
			return false
		}
		c.pos++
		c.space()
		if !c.value() {
			return false
		}
		if n := len(members); n > 0 {
			switch cmp := bytes.Compare(members[n-1].key, key); {
			case cmp == 0:
				return false // encoding/json keeps the last: left to it
			case cmp > 0:
				sorted = false
			}
		}
		members = append(members, member{key: key, from: from, to: len(c.out)})
	}
	if !sorted {
		slices.SortFunc(members, func(a, b member) int { return bytes.Compare(a.key, b.key) })
		for i := 1; i < len(members); i++ {
			if bytes.Equal(members[i-1].key, members[i].key) {
				return false
			}
		}
		c.scratch = append(c.scratch[:0], c.out[start:]...)
		c.out = c.out[:start]
		for i, m := range members {
			if i > 0 {
				c.out = append(c.out, ',')
			}
			c.out = append(c.out, c.scratch[m.from-start:m.to-start]...)
		}
	}
	c.out = append(c.out, '}')
	return true
}

// canonicalJSON is appendCanonicalJSON with encoding/json's way for the documents it leaves:
// the normalized text of a JSON object, for a JSON attribute.
func canonicalJSON(buf, doc []byte) ([]byte, error) {
	if out, ok := appendCanonicalJSON(buf[:0], doc); ok {
		return out, nil
	}
	var obj map[string]any
	if err := json.Unmarshal(doc, &obj); err != nil {
		return buf[:0], err
	}
	out, err := json.Marshal(obj)
	return append(buf[:0], out...), err
}
