package client

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// The settings of a source are read and replaced whole at their paths below the source; the
// experimental header goes only where ISC requires it, and a native change detection config's
// unset lists go as []; the v1 API's custom request form, which the provider does not manage,
// is kept by a replacement of the entitlement request config.
func TestSourceSettingCalls(t *testing.T) {
	type call struct{ method, path, experimental, body string }
	var got []call
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, call{r.Method, r.URL.EscapedPath(), r.Header.Get("X-SailPoint-Experimental"), string(body)})
		switch {
		case r.Method == http.MethodDelete:
			w.WriteHeader(http.StatusNoContent)
		case r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/entitlement-request-config"):
			writeJSON(w, 200, `{"accessRequestConfig":{"approvalSchemes":[],"formDefinitionId":"f1"}}`)
		default:
			writeJSON(w, 200, `{}`)
		}
	})
	c, _ := newTestClient(t, f.URL)
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := c.PutCorrelationConfig(ctx, "s1", &CorrelationConfig{AttributeAssignments: []CorrelationAssignment{{Property: "uid", Value: "id", Operation: "EQ"}}})
	must(err)
	_, err = c.PutNativeChangeDetectionConfig(ctx, "s1", &NativeChangeDetectionConfig{Enabled: true})
	must(err)
	must(c.DeleteNativeChangeDetectionConfig(ctx, "s1"))
	_, err = c.GetAttrSyncConfig(ctx, "s1")
	must(err)
	_, err = c.PutSourceEntitlementRequestConfig(ctx, "s1", DefaultEntitlementRequestConfig())
	must(err)
	_, err = c.PeekResourceObjects(ctx, "s1", ResourceObjectsRequest{ObjectType: "group", MaxCount: 5})
	must(err)
	_, err = c.GetSourceConfig(ctx, "s1")
	must(err)

	want := []call{
		{"PUT", "/sources/v1/s1/correlation-config", "", `{"attributeAssignments":[{"property":"uid","value":"id","operation":"EQ","complex":false,"ignoreCase":false}]}`},
		{"PUT", "/sources/v1/s1/native-change-detection-config", "", `{"enabled":true,"operations":[],"allEntitlements":false,"allNonEntitlementAttributes":false,"selectedEntitlements":[],"selectedNonEntitlementAttributes":[]}`},
		{"DELETE", "/sources/v1/s1/native-change-detection-config", "", ""},
		{"GET", "/sources/v1/s1/attribute-sync-config", "true", ""},
		{"GET", "/sources/v1/s1/entitlement-request-config", "", ""},
		{"PUT", "/sources/v1/s1/entitlement-request-config", "", `{"accessRequestConfig":{"approvalSchemes":[],"requestCommentRequired":false,"denialCommentRequired":false,"reauthorizationRequired":false,"requireEndDate":false,"formDefinitionId":"f1"}}`},
		{"POST", "/sources/v1/s1/connector/peek-resource-objects", "", `{"objectType":"group","maxCount":5}`},
		{"GET", "/sources/v1/s1/connectors/source-config", "", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("calls %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].method != want[i].method || got[i].path != want[i].path || got[i].experimental != want[i].experimental ||
			strings.TrimSpace(got[i].body) != want[i].body {
			t.Errorf("call %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
