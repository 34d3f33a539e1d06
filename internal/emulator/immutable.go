package emulator

import (
	"encoding/json"
	"reflect"
	"time"
)

// dateTimeFields are the top-level date-time fields of the objects a client may send back.
var dateTimeFields = setOf("created", "modified")

// unchanged reports whether sent, the value a client sends for the top-level field name (in a
// PUT body or a patch operation), is the field's stored value. Values are compared as JSON (key
// order and spacing do not matter). A date-time is an instant, not a string: ISC writes
// 2025-06-01T12:00:24.810Z, and a client may send it back as 2025-06-01T12:00:24.810000+00:00 or
// 2025-06-01T12:00:24.81Z, which is no change. PUT and PATCH both decide immutability with it.
func unchanged(name string, stored, sent any) bool {
	a, okA := jsonValue(stored)
	b, okB := jsonValue(sent)
	if !okA || !okB {
		return false
	}
	if dateTimeFields[name] {
		if sa, ok := a.(string); ok {
			if sb, ok := b.(string); ok {
				return sameInstant(sa, sb)
			}
		}
	}
	return reflect.DeepEqual(a, b)
}

// jsonValue is v as decoded JSON (string, float64, bool, nil, []any or map[string]any); v may be
// a Go value or raw JSON.
func jsonValue(v any) (any, bool) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, false
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, false
	}
	return out, true
}

// sameInstant reports whether two date-times are the same instant, in any RFC 3339 spelling
// (fraction digits and UTC offset free). Strings that are not RFC 3339 date-times are the same
// only when they are equal.
func sameInstant(a, b string) bool {
	if a == b {
		return true
	}
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	return errA == nil && errB == nil && ta.Equal(tb)
}
