package client

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	jsonpatch "github.com/evanphx/json-patch/v5"
	"github.com/wI2L/jsondiff"
)

// PatchOperation is one RFC 6902 operation. Only add, remove and replace are generated.
type PatchOperation struct {
	Op    string          `json:"op"`
	Path  string          `json:"path"`
	Value json.RawMessage `json:"value,omitempty"`
}

// Patch is an RFC 6902 JSON Patch document.
type Patch []PatchOperation

// JSONPatchContentType is the media type ISC requires for patch bodies.
const JSONPatchContentType = "application/json-patch+json"

// Diff returns the patch that turns the JSON document from into to: only the paths that differ,
// arrays compared element by element so an item inserted in the middle is one add. The patch is
// applied to from before it is returned, and an error is returned unless that yields to.
func Diff(from, to []byte) (Patch, error) {
	ops, err := jsondiff.CompareJSON(from, to, jsondiff.LCS())
	if err != nil {
		return nil, fmt.Errorf("comparing JSON documents: %w", err)
	}
	patch := make(Patch, 0, len(ops))
	for _, op := range ops {
		p := PatchOperation{Op: op.Type, Path: op.Path}
		switch op.Type {
		case jsondiff.OperationAdd, jsondiff.OperationReplace:
			if p.Value, err = json.Marshal(op.Value); err != nil {
				return nil, fmt.Errorf("encoding the value at %s: %w", op.Path, err)
			}
		case jsondiff.OperationRemove:
		default:
			return nil, fmt.Errorf("unexpected %q operation at %s", op.Type, op.Path)
		}
		patch = append(patch, p)
	}
	if err := patch.verify(from, to); err != nil {
		return nil, err
	}
	return patch, nil
}

// DiffDocuments returns the patch between the JSON forms of from and to, leaving out the
// top-level members named in skip: members ISC owns or refuses to change.
func DiffDocuments(from, to any, skip ...string) (Patch, error) {
	return diffDocuments(from, to, skip, nil)
}

// diffDocuments is DiffDocuments where the top-level members named in keyed are objects compared
// key by key: when one side lacks the member it counts as {}, so the patch adds or removes single
// keys instead of replacing the whole object.
func diffDocuments(from, to any, skip, keyed []string) (Patch, error) {
	fromDoc, err := document(from, skip, keyed)
	if err != nil {
		return nil, err
	}
	toDoc, err := document(to, skip, keyed)
	if err != nil {
		return nil, err
	}
	return Diff(fromDoc, toDoc)
}

func document(v any, skip, keyed []string) ([]byte, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("a patched document must be a JSON object: %w", err)
	}
	for _, k := range skip {
		delete(m, k)
	}
	for _, k := range keyed {
		if v, ok := m[k]; !ok || string(v) == "null" {
			m[k] = json.RawMessage("{}")
		}
	}
	return json.Marshal(m)
}

// replaceSet adds to p one replace of the whole array at path when from and to differ as sets.
// ISC does not keep the order of set-like arrays (features), so indexes into them would be
// guesses.
func (p Patch) replaceSet(path string, from, to []string) (Patch, error) {
	if sameSet(from, to) {
		return p, nil
	}
	if to == nil {
		to = []string{}
	}
	value, err := json.Marshal(to)
	if err != nil {
		return nil, err
	}
	return append(p, PatchOperation{Op: "replace", Path: path, Value: value}), nil
}

func sameSet(a, b []string) bool {
	as, bs := slices.Clone(a), slices.Clone(b)
	slices.Sort(as)
	slices.Sort(bs)
	return slices.Equal(slices.Compact(as), slices.Compact(bs))
}

// orderLike returns elems ordered like the elements of the same key in order, followed by those
// whose key order lacks, in their own order. ISC keeps an array in the order it was written, and
// a collection the provider keys by name has no order of its own: a patch keeps ISC's order for
// the elements that stay and appends the new ones, so that it never reorders ISC's array and its
// indexes are ISC's.
func orderLike[E any](order, elems []E, key func(*E) string) []E {
	pos := make(map[string]int, len(order))
	for i := range order {
		pos[key(&order[i])] = i
	}
	out := slices.Clone(elems)
	slices.SortStableFunc(out, func(a, b E) int {
		pa, inA := pos[key(&a)]
		pb, inB := pos[key(&b)]
		switch {
		case inA && inB:
			return cmp.Compare(pa, pb)
		case inA:
			return -1
		case inB:
			return 1
		}
		return 0
	})
	return out
}

// Apply applies the patch to doc.
func (p Patch) Apply(doc []byte) ([]byte, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	decoded, err := jsonpatch.DecodePatch(body)
	if err != nil {
		return nil, err
	}
	return decoded.Apply(doc)
}

func (p Patch) verify(from, to []byte) error {
	got, err := p.Apply(from)
	if err != nil {
		return fmt.Errorf("the generated patch %s does not apply: %w", p, err)
	}
	if !JSONEqual(got, to) {
		return fmt.Errorf("the generated patch %s does not produce the intended document", p)
	}
	return nil
}

// JSONEqual reports whether two JSON texts hold the same value, whatever their key order and
// spacing. Text that is not JSON equals nothing.
func JSONEqual(a, b []byte) bool {
	var va, vb any
	if json.Unmarshal(a, &va) != nil || json.Unmarshal(b, &vb) != nil {
		return false
	}
	return reflect.DeepEqual(va, vb)
}

// touches reports whether an operation of the patch changes the member at path or below it.
func (p Patch) touches(path string) bool {
	for _, op := range p {
		if op.Path == path || strings.HasPrefix(op.Path, path+"/") {
			return true
		}
	}
	return false
}

func (p Patch) String() string {
	b, err := json.Marshal(p)
	if err != nil {
		return "<invalid patch>"
	}
	return string(b)
}
