package client

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
)

func TestDiff(t *testing.T) {
	cases := []struct {
		name, from, to, want string
	}{
		{"unchanged", `{"a":1,"b":[1,2]}`, `{"b":[1,2],"a":1}`, `[]`},
		{"replace", `{"a":1}`, `{"a":2}`, `[{"op":"replace","path":"/a","value":2}]`},
		{"add and remove", `{"a":1}`, `{"b":"x"}`, `[{"op":"remove","path":"/a"},{"op":"add","path":"/b","value":"x"}]`},
		{"nested", `{"c":{"host":"h","port":1}}`, `{"c":{"host":"h","port":2}}`, `[{"op":"replace","path":"/c/port","value":2}]`},
		{"insert in the middle", `{"l":[{"n":"a"},{"n":"c"}]}`, `{"l":[{"n":"a"},{"n":"b"},{"n":"c"}]}`, `[{"op":"add","path":"/l/1","value":{"n":"b"}}]`},
		{"escaped keys", `{"a/b":1,"c~d":1}`, `{"a/b":2,"c~d":2}`, `[{"op":"replace","path":"/a~1b","value":2},{"op":"replace","path":"/c~0d","value":2}]`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Diff([]byte(tc.from), []byte(tc.to))
			if err != nil {
				t.Fatal(err)
			}
			if !JSONEqual([]byte(p.String()), []byte(tc.want)) {
				t.Fatalf("Diff = %s, want %s", p, tc.want)
			}
		})
	}
}

func TestSourcePatchTouchesOnlyWhatAClientMayChange(t *testing.T) {
	threshold := int64(10)
	from := &Source{
		ID: "s1", Name: "HR", Connector: "delimited-file", Owner: &Reference{Type: RefIdentity, ID: "o1", Name: "Ann"},
		Modified: "2026-01-01T00:00:00Z", Healthy: true, Schemas: []Reference{{ID: "sc1", Name: "account"}},
		ConnectorAttributes: map[string]any{"host": "a", "gone": "x"},
	}
	to := &Source{
		ID: "s1", Name: "HR", Connector: "delimited-file", Owner: &Reference{Type: RefIdentity, ID: "o1", Name: "Ann"},
		Description: "people", DeleteThreshold: &threshold, Modified: "2027-01-01T00:00:00Z",
		ConnectorAttributes: map[string]any{"host": "b", "password": "p"},
	}
	p, err := SourcePatch(from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := `[
		{"op":"add","path":"/description","value":"people"},
		{"op":"replace","path":"/connectorAttributes/host","value":"b"},
		{"op":"remove","path":"/connectorAttributes/gone"},
		{"op":"add","path":"/connectorAttributes/password","value":"p"},
		{"op":"add","path":"/deleteThreshold","value":10}]`
	if !sameOps(t, p, want) {
		t.Fatalf("SourcePatch = %s,\nwant %s", p, want)
	}

	// Connector attributes appearing for the first time are added key by key, not as a whole object
	// that would wipe the keys ISC keeps there.
	p, err = SourcePatch(&Source{Name: "HR"}, &Source{Name: "HR", ConnectorAttributes: map[string]any{"k": "v"}})
	if err != nil {
		t.Fatal(err)
	}
	if !sameOps(t, p, `[{"op":"add","path":"/connectorAttributes/k","value":"v"}]`) {
		t.Fatalf("SourcePatch = %s", p)
	}
}

// sameOps compares patches as sets of operations: jsondiff orders object keys by its own rules.
func sameOps(t *testing.T, p Patch, want string) bool {
	t.Helper()
	var w Patch
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatal(err)
	}
	if len(w) != len(p) {
		return false
	}
	seen := map[string]int{}
	for _, op := range p {
		seen[op.Op+op.Path+compact(op.Value)]++
	}
	for _, op := range w {
		k := op.Op + op.Path + compact(op.Value)
		if seen[k] == 0 {
			return false
		}
		seen[k]--
	}
	return true
}

func compact(raw json.RawMessage) string {
	var v any
	if len(raw) == 0 || json.Unmarshal(raw, &v) != nil {
		return string(raw)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// randomJSON builds a random document whose shapes resemble ISC objects: nested objects,
// arrays of objects, and scalars of every JSON type.
func randomJSON(r *rand.Rand, depth int) any {
	switch k := r.IntN(8); {
	case depth <= 0 || k < 3:
		switch r.IntN(5) {
		case 0:
			return nil
		case 1:
			return r.IntN(2) == 0
		case 2:
			return float64(r.IntN(100))
		default:
			return fmt.Sprintf("v%d", r.IntN(6))
		}
	case k < 6:
		m := map[string]any{}
		for range r.IntN(5) {
			m[fmt.Sprintf("k%d", r.IntN(6))] = randomJSON(r, depth-1)
		}
		return m
	default:
		var l []any
		for range r.IntN(5) {
			l = append(l, randomJSON(r, depth-1))
		}
		return l
	}
}

// mutate changes some of a document, as an edit to a configuration would.
func mutate(r *rand.Rand, v any, depth int) any {
	if r.IntN(4) == 0 {
		return randomJSON(r, depth)
	}
	switch t := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, val := range t {
			if r.IntN(6) != 0 {
				out[k] = mutate(r, val, depth-1)
			}
		}
		if r.IntN(3) == 0 {
			out[fmt.Sprintf("k%d", r.IntN(8))] = randomJSON(r, depth-1)
		}
		return out
	case []any:
		var out []any
		for _, val := range t {
			if r.IntN(5) == 0 {
				out = append(out, randomJSON(r, depth-1))
			}
			if r.IntN(6) != 0 {
				out = append(out, mutate(r, val, depth-1))
			}
		}
		return out
	}
	return v
}

// Property: applying Diff(a, b) to a yields b, for many random pairs of related documents.
func TestDiffProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		a := map[string]any{"root": randomJSON(r, 4)}
		b := map[string]any{"root": mutate(r, a["root"], 4)}
		from, _ := json.Marshal(a)
		to, _ := json.Marshal(b)
		p, err := Diff(from, to)
		if err != nil {
			t.Fatalf("case %d: %v\nfrom %s\nto   %s", i, err, from, to)
		}
		for _, op := range p {
			if op.Op != "add" && op.Op != "remove" && op.Op != "replace" {
				t.Fatalf("case %d: operation %q", i, op.Op)
			}
		}
		got, err := p.Apply(from)
		if err != nil || !JSONEqual(got, to) {
			t.Fatalf("case %d: apply gave %s, %v; want %s", i, got, err, to)
		}
	}
}

func FuzzDiff(f *testing.F) {
	f.Add([]byte(`{"a":1}`), []byte(`{"a":2,"b":[1,2]}`))
	f.Add([]byte(`{"l":[{"n":"a"},{"n":"c"}]}`), []byte(`{"l":[{"n":"a"},{"n":"b"},{"n":"c"}]}`))
	f.Add([]byte(`{"x":{"y":{"z":null}}}`), []byte(`{"x":[]}`))
	f.Add([]byte(`{"a/b":"~"}`), []byte(`{"a~b":"/"}`))
	f.Fuzz(func(t *testing.T, from, to []byte) {
		var a, b map[string]any
		if json.Unmarshal(from, &a) != nil || json.Unmarshal(to, &b) != nil || a == nil || b == nil {
			return // not two JSON objects: nothing to diff
		}
		p, err := Diff(from, to)
		if err != nil {
			// The patch applier cannot address empty keys ("//0"); Diff refuses rather than send a
			// wrong patch. ISC documents have no empty keys.
			if hasEmptyKey(a) || hasEmptyKey(b) {
				return
			}
			t.Fatalf("Diff(%s, %s): %v", from, to, err)
		}
		got, err := p.Apply(from)
		if err != nil || !JSONEqual(got, to) {
			t.Fatalf("apply(%s, %s) = %s, %v; want %s", from, p, got, err, to)
		}
	})
}

func hasEmptyKey(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		for k, val := range t {
			if k == "" || hasEmptyKey(val) {
				return true
			}
		}
	case []any:
		for _, val := range t {
			if hasEmptyKey(val) {
				return true
			}
		}
	}
	return false
}

func TestSourcePatchReplacesChangedFeaturesWhole(t *testing.T) {
	from := &Source{Name: "AD", Features: []string{"PROVISIONING", "AUTHENTICATE"}}
	p, err := SourcePatch(from, &Source{Name: "AD", Features: []string{"AUTHENTICATE", "PROVISIONING"}})
	if err != nil || len(p) != 0 {
		t.Fatalf("reordered features gave %s, %v", p, err)
	}
	p, err = SourcePatch(from, &Source{Name: "AD", Features: []string{"AUTHENTICATE", "PASSWORD", "PROVISIONING"}})
	if err != nil || !sameOps(t, p, `[{"op":"replace","path":"/features","value":["AUTHENTICATE","PASSWORD","PROVISIONING"]}]`) {
		t.Fatalf("SourcePatch = %s, %v", p, err)
	}
}
