package provider

import (
	"encoding/json"
	"testing"
)

// marshalled is what normalizedJSON writes for the object doc, or ok false when doc is not one.
func marshalled(doc []byte) (string, bool) {
	var obj map[string]any
	if err := json.Unmarshal(doc, &obj); err != nil || obj == nil {
		return "", false
	}
	out, err := json.Marshal(obj)
	return string(out), err == nil
}

var canonicalSeeds = []struct {
	doc  string
	fast bool // appendCanonicalJSON handles it without encoding/json
}{
	{`{}`, true},
	{` { "b" : 1 , "a" : [ true , false , null , -0 , 0 ] } `, true},
	{`{"z": {"y": {"x": [[], {}, "é日本"]}}, "a": -123456789012345}`, true},
	{`{"b": 1, "a": 2, "c": {"k2": "v", "k1": "w"}}`, true},
	{`{"a": 1234567890123456}`, false},                           // 16 digits: float64 may round it
	{`{"a": 1.0}`, false},                                        // encoding/json writes 1
	{`{"a": 1e3}`, false},                                        // and 1000
	{`{"a": "x\"y"}`, false},                                     // escapes
	{`{"a": "<b>&"}`, false},                                     // HTML characters, escaped by json.Marshal
	{`{"a": "\u2028"}`, false},                                   // escaped line separator
	{"{\"a\": \"\u2028\"}", false},                               // raw line separator, escaped by json.Marshal
	{`{"a": 1, "a": 2}`, false},                                  // duplicate keys: the last wins
	{`{"b": 1, "a": 2, "b": 3}`, false},                          // also when unsorted
	{`{"\u0061": 1}`, false},                                     // escaped key
	{"{\"a\": \"\xff\"}", false},                                 // invalid UTF-8, replaced by json.Marshal
	{`{"a": 01}`, false},                                         // not JSON
	{`[1]`, false},                                               // not an object
	{`{"a": 1} x`, false},                                        // trailing text
	{`{"a": [1,]}`, false},                                       // not JSON
	{`{"a": tru}`, false},                                        // not JSON
	{`{"a": "unterminated}`, false},                              // not JSON
	{`{"key with spaces": "Dana Dubois", "@odd/key": ""}`, true}, // any unescaped key
}

func TestAppendCanonicalJSON(t *testing.T) {
	for _, c := range canonicalSeeds {
		got, ok := appendCanonicalJSON([]byte("prefix"), []byte(c.doc))
		if ok != c.fast {
			t.Errorf("%s: ok = %v, want %v", c.doc, ok, c.fast)
			continue
		}
		if !ok {
			if string(got) != "prefix" {
				t.Errorf("%s: left %q in the buffer, want the prefix alone", c.doc, got)
			}
			continue
		}
		want, _ := marshalled([]byte(c.doc))
		if string(got) != "prefix"+want {
			t.Errorf("%s: got %s, want prefix%s", c.doc, got, want)
		}
	}
}

// FuzzCanonicalJSON checks that the fast way agrees with encoding/json whenever it answers, and
// that canonicalJSON always does.
func FuzzCanonicalJSON(f *testing.F) {
	for _, c := range canonicalSeeds {
		f.Add([]byte(c.doc))
	}
	f.Fuzz(func(t *testing.T, doc []byte) {
		want, isObject := marshalled(doc)
		if got, ok := appendCanonicalJSON(nil, doc); ok && (!isObject || string(got) != want) {
			t.Fatalf("%q: got %s, want %s (object %v)", doc, got, want, isObject)
		}
		if !isObject {
			return
		}
		got, err := canonicalJSON(make([]byte, 3), doc)
		if err != nil || string(got) != want {
			t.Fatalf("%q: canonicalJSON = %s, %v, want %s", doc, got, err, want)
		}
	})
}
