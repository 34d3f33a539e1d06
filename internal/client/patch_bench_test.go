package client

import (
	"encoding/json"
	"fmt"
	"maps"
	"testing"
)

// largeConnectorAttributes is a connector-attributes document the size of a big web-services
// source: 300 scalar keys, 40 connection parameters with nested arrays, and a nested map.
func largeConnectorAttributes() map[string]any {
	attrs := map[string]any{}
	for i := range 300 {
		switch i % 3 {
		case 0:
			attrs[fmt.Sprintf("setting%03d", i)] = fmt.Sprintf("value %d", i)
		case 1:
			attrs[fmt.Sprintf("setting%03d", i)] = float64(i)
		default:
			attrs[fmt.Sprintf("setting%03d", i)] = i%2 == 0
		}
	}
	params := make([]any, 40)
	for i := range params {
		params[i] = map[string]any{
			"operationType": fmt.Sprintf("Operation %d", i),
			"httpMethod":    "GET",
			"contextUrl":    fmt.Sprintf("/api/v1/resource%d?limit=100", i),
			"headers":       map[string]any{"Accept": "application/json", "X-Request": fmt.Sprint(i)},
			"responseMap":   []any{"id", "name", "email", "department", "manager"},
			"pagingSteps":   []any{map[string]any{"step": 1, "expr": "$.next"}, map[string]any{"step": 2, "expr": "$.offset"}},
		}
	}
	attrs["connectionParameters"] = params
	attrs["mapping"] = map[string]any{"account": map[string]any{"id": "uid", "name": "cn", "groups": []any{"memberOf", "roles"}}}
	return attrs
}

// changedCopy deep-copies attrs (through JSON) and makes five changes: two scalars, a field deep
// in one connection parameter, a parameter inserted in the middle, and a key removed.
func changedCopy(b *testing.B, attrs map[string]any) map[string]any {
	b.Helper()
	raw, err := json.Marshal(attrs)
	if err != nil {
		b.Fatal(err)
	}
	var to map[string]any
	if err := json.Unmarshal(raw, &to); err != nil {
		b.Fatal(err)
	}
	to["setting000"] = "changed"
	to["setting001"] = 1001.0
	params := to["connectionParameters"].([]any)
	params[7].(map[string]any)["headers"].(map[string]any)["Accept"] = "application/xml"
	inserted := maps.Clone(params[20].(map[string]any))
	inserted["operationType"] = "Inserted operation"
	to["connectionParameters"] = append(params[:20:20], append([]any{inserted}, params[20:]...)...)
	delete(to, "setting299")
	return to
}

// BenchmarkDiffLargeDocument times Diff (compare, then verify by applying) on the JSON of a large
// connector-attributes document with five changes.
func BenchmarkDiffLargeDocument(b *testing.B) {
	attrs := largeConnectorAttributes()
	from, err := json.Marshal(attrs)
	if err != nil {
		b.Fatal(err)
	}
	to, err := json.Marshal(changedCopy(b, attrs))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.SetBytes(int64(len(from)))
	var p Patch
	for b.Loop() {
		if p, err = Diff(from, to); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(p)), "ops/patch")
}

// BenchmarkSourcePatchLargeConnectorAttributes times SourcePatch between two sources that differ
// in the large connector attributes and the description: the path every source update takes.
func BenchmarkSourcePatchLargeConnectorAttributes(b *testing.B) {
	attrs := largeConnectorAttributes()
	from := &Source{
		ID: "2c9180835d191a86015d28455b4a2329", Name: "Web services", Description: "before",
		Owner: &Reference{Type: RefIdentity, ID: "2c9180835d191a86015d28455b4b232a", Name: "Admin"}, Connector: "web-services",
		Features: []string{"PROVISIONING", "AUTHENTICATE"}, ConnectorAttributes: attrs,
	}
	to := *from
	to.Description = "after"
	to.ConnectorAttributes = changedCopy(b, attrs)
	b.ReportAllocs()
	var p Patch
	var err error
	for b.Loop() {
		if p, err = SourcePatch(from, &to); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(p)), "ops/patch")
}
