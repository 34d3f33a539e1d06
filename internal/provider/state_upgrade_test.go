package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// upgradeTestdata holds a state that version 0 of the schemas wrote (the provider before keyed
// collections, after importing every object of the snapshot beside it), shared with the e2e test
// that plans with it.
const upgradeTestdata = "../e2e/testdata/upgrade"

// tfstateResource is one resource of a state file, with its one instance.
type tfstateResource struct {
	Type, Name string
	Instances  []struct {
		SchemaVersion int64           `json:"schema_version"`
		Attributes    json.RawMessage `json:"attributes"`
	}
}

func readV0State(t *testing.T) []tfstateResource {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(upgradeTestdata, "v0-state.json"))
	must(t, err)
	var state struct{ Resources []tfstateResource }
	must(t, json.Unmarshal(raw, &state))
	return state.Resources
}

// Every resource of the version 0 state upgrades to exactly the state that a read of the same
// object gives, so that neither a refresh nor a plan shows a change.
func TestStateUpgradeMatchesRead(t *testing.T) {
	f, err := os.Open(filepath.Join(upgradeTestdata, "snapshot.json"))
	must(t, err)
	snap, err := emulator.ReadSnapshot(f)
	f.Close()
	must(t, err)
	srv := tenantProvider(t, startTenant(t, emulator.Config{Snapshot: snap, DeleteDelay: -1}))
	ctx := context.Background()
	schemas, err := srv.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	must(t, err)
	upgraded := map[string]bool{}
	for _, r := range readV0State(t) {
		t.Run(r.Type+"."+r.Name, func(t *testing.T) {
			sch := schemas.ResourceSchemas[r.Type]
			typ := sch.ValueType()
			inst := r.Instances[0]
			up, err := srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
				TypeName: r.Type, Version: inst.SchemaVersion, RawState: &tfprotov6.RawState{JSON: inst.Attributes},
			})
			must(t, err)
			checkDiags(t, up.Diagnostics, nil)
			read, err := srv.ReadResource(ctx, &tfprotov6.ReadResourceRequest{TypeName: r.Type, CurrentState: up.UpgradedState})
			must(t, err)
			checkDiags(t, read.Diagnostics, nil)
			before, err := up.UpgradedState.Unmarshal(typ)
			must(t, err)
			after, err := read.NewState.Unmarshal(typ)
			must(t, err)
			if diffs, err := before.Diff(after); err != nil || len(diffs) > 0 {
				t.Fatalf("a read changes the upgraded state (%v):\n%s", err, describeDiffs(diffs))
			}
			if inst.SchemaVersion < sch.Version {
				upgraded[r.Type] = true
			}
		})
	}
	for _, typ := range []string{"sailpoint_source_schema", "sailpoint_identity_profile"} {
		if !upgraded[typ] {
			t.Errorf("the state has no %s of an earlier schema version", typ)
		}
	}
}

func describeDiffs(diffs []tftypes.ValueDiff) string {
	lines := make([]string, len(diffs))
	for i, d := range diffs {
		lines[i] = d.Path.String() + ": " + d.Value1.String() + " -> " + d.Value2.String()
	}
	return strings.Join(lines, "\n")
}

// The upgrade keys each element by its name, with the values the list held; a list that holds a
// name twice, which ISC refuses, cannot be keyed and fails saying what to do.
func TestStateUpgradeKeysByName(t *testing.T) {
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	must(t, err)
	ctx := context.Background()
	upgrade := func(typeName string, attrs string) *tfprotov6.UpgradeResourceStateResponse {
		resp, err := srv.UpgradeResourceState(ctx, &tfprotov6.UpgradeResourceStateRequest{
			TypeName: typeName, Version: 0, RawState: &tfprotov6.RawState{JSON: []byte(attrs)},
		})
		must(t, err)
		return resp
	}
	var schema, profile string
	for _, r := range readV0State(t) {
		switch {
		case r.Type == "sailpoint_source_schema" && r.Name == "account":
			schema = string(r.Instances[0].Attributes)
		case r.Type == "sailpoint_identity_profile":
			profile = string(r.Instances[0].Attributes)
		}
	}

	resp := upgrade("sailpoint_source_schema", schema)
	checkDiags(t, resp.Diagnostics, nil)
	sc := upgradedModel[sourceSchemaModel](t, NewSourceSchemaResource(), resp)
	var attrs map[string]schemaAttributeModel
	if d := sc.Attributes.ElementsAs(ctx, &attrs, false); d.HasError() {
		t.Fatal(d)
	}
	want := schemaAttributeModel{Type: types.StringValue("STRING"), Description: types.StringValue("Groups"), IsMulti: types.BoolValue(true),
		IsEntitlement: types.BoolValue(true), IsGroup: types.BoolValue(true), SchemaID: types.StringValue("2c9180877f2a4b0e8f2d3c4b5a697803")}
	if len(attrs) != 5 || attrs["memberOf"] != want || !attrs["mail"].Description.IsNull() {
		t.Errorf("upgraded attributes = %v, want 5 with memberOf = %v", attrs, want)
	}

	resp = upgrade("sailpoint_identity_profile", profile)
	checkDiags(t, resp.Diagnostics, nil)
	p := upgradedModel[identityProfileModel](t, NewIdentityProfileResource(), resp)
	transforms := p.IdentityAttributeConfig.AttributeTransforms
	if email := transforms["email"].TransformDefinition; len(transforms) != 3 || email.Type.ValueString() != "accountAttribute" ||
		email.Attributes.ValueString() != `{"attributeName":"mail","sourceName":"LDAP"}` {
		t.Errorf("upgraded transforms = %v", transforms)
	}

	twice := strings.Replace(schema, `"name": "mail"`, `"name": "uid"`, 1)
	if twice == schema {
		t.Fatal("the fixture has no attribute mail")
	}
	checkDiags(t, upgrade("sailpoint_source_schema", twice).Diagnostics, []wantDiag{errAt("attributes[1].name", "Cannot upgrade the state",
		`The state holds two elements named "uid" in its list of attributes, which are now keyed by name. `+
			`Remove the resource from the state (terraform state rm) and import it again.`)})
}

// upgradedModel is the upgraded state of a response as the model of resource r.
func upgradedModel[M any](t *testing.T, r fwresource.Resource, resp *tfprotov6.UpgradeResourceStateResponse) M {
	t.Helper()
	ctx := context.Background()
	var sr fwresource.SchemaResponse
	r.Schema(ctx, fwresource.SchemaRequest{}, &sr)
	v, err := resp.UpgradedState.Unmarshal(sr.Schema.Type().TerraformType(ctx))
	must(t, err)
	var m M
	if d := (tfsdk.State{Schema: sr.Schema, Raw: v}).Get(ctx, &m); d.HasError() {
		t.Fatal(d)
	}
	return m
}
