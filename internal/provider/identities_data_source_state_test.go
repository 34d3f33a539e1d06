package provider

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// stateTestIdentities has every exposed field set (the first), none but id and name (the
// second), and the edge values in between: attributes null, empty, with escapes and fractions
// (read by encoding/json), unsorted and with non-ASCII text (read by appendCanonicalJSON); a manager without a name; a lifecycle state without a name.
const stateTestIdentities = `[
 {"id": "2c9180835d2e5168015d32f890ca1581", "name": "Jane Doe", "alias": "jane.doe", "emailAddress": "jane@example.com",
  "processingState": "ERROR", "identityStatus": "ACTIVE", "isManager": true, "lastRefresh": "2026-01-03T00:00:00Z",
  "managerRef": {"type": "IDENTITY", "id": "m1", "name": "Mia Manager"},
  "lifecycleState": {"stateName": "active", "manuallyUpdated": true},
  "attributes": {"lastname": "Doe", "department": "R&D", "firstname": "Jane", "n": 42, "f": 1.50, "big": 12345678901234567890,
   "nested": {"z": [1, {"b": null, "a": true}], "a": "Zoë"}, "quote": "say \"hi\"", "empty": {}},
  "created": "2026-01-01T00:00:00Z", "modified": "2026-01-02T00:00:00Z", "protected": false, "unexposed": {"x": 1}},
 {"id": "i2", "name": "Bare"},
 {"id": "i3", "name": "Null attributes", "attributes": null, "managerRef": {"type": "IDENTITY", "id": "m1"},
  "lifecycleState": {"stateName": "", "manuallyUpdated": false}, "identityStatus": "UNREGISTERED"},
 {"id": "i4", "name": "Empty attributes", "attributes": {}, "managerRef": {"id": ""},
  "attributes2": null, "isManager": false, "lifecycleState": {"stateName": "inactive"}},
 {"id": "i5", "name": "Unsorted attributes", "attributes": { "uid" : "u5", "department": "Sales",
  "manager": {"name": "Mia", "id": -7}, "tags": ["b", "a", {"y": false, "x": "Zoë"}], "cloudStatus": "ACTIVE" }}
]`

// TestIdentitiesStateMatchesTheModel checks that Read's Terraform values are exactly what the
// identity model, set through the framework, gives for the same identities.
func TestIdentitiesStateMatchesTheModel(t *testing.T) {
	ctx := context.Background()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if strings.HasSuffix(r.URL.Path, "/oauth/token") {
			_, _ = w.Write([]byte(`{"access_token": "t", "token_type": "bearer", "expires_in": 3600}`))
			return
		}
		w.Header().Set("X-Total-Count", "7") // more than read: max_results cut the list short
		_, _ = w.Write([]byte(stateTestIdentities))
	}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: "id", ClientSecret: "secret"})
	if err != nil {
		t.Fatal(err)
	}
	ds := &identitiesDataSource{}
	ds.client = c
	var sch datasource.SchemaResponse
	ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
	typ := sch.Schema.Type().TerraformType(ctx).(tftypes.Object)
	config := map[string]tftypes.Value{
		"filters":              tftypes.NewValue(tftypes.String, `name sw "J"`),
		"sorters":              tftypes.NewValue(tftypes.String, nil),
		"include_uncorrelated": tftypes.NewValue(tftypes.Bool, true),
		"max_results":          tftypes.NewValue(tftypes.Number, 5),
		"identities":           tftypes.NewValue(typ.AttributeTypes["identities"], nil),
		"total":                tftypes.NewValue(tftypes.Number, nil),
	}
	req := datasource.ReadRequest{Config: tfsdk.Config{Schema: sch.Schema, Raw: tftypes.NewValue(typ, config)}}
	resp := datasource.ReadResponse{State: tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}}
	ds.Read(ctx, req, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}

	var list []client.Identity
	if err := json.Unmarshal([]byte(stateTestIdentities), &list); err != nil {
		t.Fatal(err)
	}
	m := identitiesDataSourceModel{Filters: types.StringValue(`name sw "J"`), IncludeUncorrelated: types.BoolValue(true),
		MaxResults: types.Int64Value(5), Total: types.Int64Value(7)}
	for i := range list {
		im, diags := identityFromClient(&list[i])
		if diags.HasError() {
			t.Fatal(diags)
		}
		m.Identities = append(m.Identities, im)
	}
	want := tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}
	if diags := want.Set(ctx, &m); diags.HasError() {
		t.Fatal(diags)
	}
	if !resp.State.Raw.Equal(want.Raw) {
		diffs, _ := resp.State.Raw.Diff(want.Raw)
		for _, d := range diffs {
			t.Errorf("%s: got %v, want %v", d.Path, d.Value1, d.Value2)
		}
		t.Fatal("Read's state differs from the model's")
	}
	if !config["identities"].IsNull() {
		t.Error("Read changed the configuration's values")
	}

	// What both agree on is what the schema promises.
	var got identitiesDataSourceModel
	if diags := resp.State.Get(ctx, &got); diags.HasError() {
		t.Fatal(diags)
	}
	first, bare := got.Identities[0], got.Identities[1]
	if want := `{"big":12345678901234567000,"department":"R\u0026D","empty":{},"f":1.5,"firstname":"Jane","lastname":"Doe","n":42,` +
		`"nested":{"a":"Zoë","z":[1,{"a":true,"b":null}]},"quote":"say \"hi\""}`; first.Attributes.ValueString() != want {
		t.Errorf("attributes = %s, want %s", first.Attributes.ValueString(), want)
	}
	if first.Manager == nil || first.Manager.Name.ValueString() != "Mia Manager" || first.LifecycleState == nil || !first.LifecycleState.ManuallyUpdated.ValueBool() {
		t.Errorf("first identity = %+v", first)
	}
	if !bare.Alias.IsNull() || !bare.Attributes.IsNull() || bare.Manager != nil || bare.LifecycleState != nil || bare.IsManager.ValueBool() {
		t.Errorf("bare identity = %+v, want nulls", bare)
	}
	if a := got.Identities[3].Attributes; a.ValueString() != "{}" || got.Identities[3].Manager != nil {
		t.Errorf("fourth identity = %+v, want attributes {} and no manager", got.Identities[3])
	}
	if want := `{"cloudStatus":"ACTIVE","department":"Sales","manager":{"id":-7,"name":"Mia"},"tags":["b","a",{"x":"Zoë","y":false}],"uid":"u5"}`; got.Identities[4].Attributes.ValueString() != want {
		t.Errorf("attributes = %s, want %s", got.Identities[4].Attributes.ValueString(), want)
	}
	if got.Total.ValueInt64() != 7 || len(got.Identities) != 5 {
		t.Errorf("total %d, identities %d, want 7 and 5", got.Total.ValueInt64(), len(got.Identities))
	}
}
