package emulator

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	jsonpatch "github.com/evanphx/json-patch/v5"
)

const jsonPatchMediaType = "application/json-patch+json"

// patchOp is the decoded view of one RFC 6902 operation.
type patchOp struct {
	op, path, from string
	raw            jsonpatch.Operation
}

// jsonPatch is a validated RFC 6902 patch from a request body.
type jsonPatch []patchOp

var patchOpsNeedingValue = map[string]bool{"add": true, "replace": true, "test": true}

// decodePatch checks the content type and the shape of a JSON Patch request body.
func decodePatch(mediaType string, body []byte) (jsonPatch, error) {
	if mediaType != jsonPatchMediaType {
		return nil, badRequest("Content-Type must be %s for a JSON Patch, got %q", jsonPatchMediaType, mediaType)
	}
	var raw []map[string]*json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, badRequest("the request body must be a JSON array of JSON Patch operations: %v", err)
	}
	p := make(jsonPatch, 0, len(raw))
	for i, m := range raw {
		op := patchOp{raw: jsonpatch.Operation(m)}
		var err error
		if op.op, err = patchString(m, "op", i); err != nil {
			return nil, err
		}
		if op.path, err = patchString(m, "path", i); err != nil {
			return nil, err
		}
		switch op.op {
		case "add", "remove", "replace", "test":
		case "move", "copy":
			if op.from, err = patchString(m, "from", i); err != nil {
				return nil, err
			}
		default:
			return nil, badRequest("patch operation %d: 'op' must be one of add, remove, replace, move, copy, test, got %q", i, op.op)
		}
		if op.path != "" && !strings.HasPrefix(op.path, "/") {
			return nil, badRequest("patch operation %d: 'path' must be a JSON Pointer starting with '/', got %q", i, op.path)
		}
		if op.path == "" && op.op != "test" {
			return nil, badRequest("patch operation %d: 'path' must not be empty (the whole document cannot be replaced)", i)
		}
		if _, ok := m["value"]; patchOpsNeedingValue[op.op] && !ok {
			return nil, badRequest("patch operation %d: '%s' requires a 'value'", i, op.op)
		}
		p = append(p, op)
	}
	return p, nil
}

func patchString(m map[string]*json.RawMessage, key string, i int) (string, error) {
	v, ok := m[key]
	var s string
	if !ok || v == nil || json.Unmarshal(*v, &s) != nil {
		return "", badRequest("patch operation %d: '%s' is required and must be a string", i, key)
	}
	return s, nil
}

// changes reports whether an operation modifies the document at or under path (a JSON Pointer
// such as "/id"). test reads only; move also modifies its source.
func (op patchOp) changes(path string) bool {
	under := func(ptr string) bool { return ptr == path || strings.HasPrefix(ptr, path+"/") }
	return op.op != "test" && (under(op.path) || op.op == "move" && under(op.from))
}

// immutable refuses a patch that changes one of fields, top-level names such as "id", of doc,
// the stored object the patch applies to. An add or replace that sets such a field to its stored
// value (see unchanged: date-times compare as instants) changes nothing and is dropped; a test of
// a date-time field with its stored instant passes whatever the spelling. It returns the patch to
// apply.
func (p jsonPatch) immutable(doc any, fields ...string) (jsonPatch, error) {
	var stored map[string]json.RawMessage
	b, err := json.Marshal(doc)
	if err == nil {
		err = json.Unmarshal(b, &stored)
	}
	if err != nil {
		return nil, fmt.Errorf("the stored object is not a JSON object: %w", err) // an internal fault
	}
	out := make(jsonPatch, 0, len(p))
	for _, op := range p {
		keep := true
		sent, hasValue := op.value()
		for _, f := range fields {
			value, isStored := stored[f]
			same := op.path == "/"+f && isStored && hasValue && unchanged(f, value, sent)
			switch {
			case same && (op.op == "add" || op.op == "replace"):
				keep = false
			case same && op.op == "test" && dateTimeFields[f]:
				op = op.withValue(value)
			case op.changes("/" + f):
				return nil, badRequest("field '%s' is immutable and cannot be modified (patch operation '%s %s')", f, op.op, op.path)
			}
		}
		if keep {
			out = append(out, op)
		}
	}
	return out, nil
}

// value is the operation's value, if it has one.
func (op patchOp) value() (json.RawMessage, bool) {
	v, ok := op.raw["value"]
	switch {
	case !ok:
		return nil, false
	case v == nil: // a JSON null
		return json.RawMessage("null"), true
	}
	return *v, true
}

// withValue is op with its value replaced.
func (op patchOp) withValue(v json.RawMessage) patchOp {
	raw := maps.Clone(op.raw)
	raw["value"] = &v
	op.raw = raw
	return op
}

// without drops the operations whose path matches drop, for fields a server ignores.
func (p jsonPatch) without(drop func(path string) bool) jsonPatch {
	out := make(jsonPatch, 0, len(p))
	for _, op := range p {
		if !drop(op.path) {
			out = append(out, op)
		}
	}
	return out
}

// apply applies the patch to the JSON form of doc and decodes the result into out.
func (p jsonPatch) apply(doc any, out any) error {
	orig, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	ops := make(jsonpatch.Patch, len(p))
	for i, op := range p {
		ops[i] = op.raw
	}
	patched, err := ops.Apply(orig)
	if err != nil {
		return badRequest("the patch could not be applied: %v", err)
	}
	if err := json.Unmarshal(patched, out); err != nil {
		return jsonError(err)
	}
	return nil
}
