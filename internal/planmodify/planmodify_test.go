package planmodify

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

var ctx = context.Background()

// testSchema has an object reference, owner {id, name}, and two plain attributes.
var testSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"owner": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
		"id":   schema.StringAttribute{Required: true},
		"name": schema.StringAttribute{Optional: true, Computed: true},
	}},
	"config":  schema.StringAttribute{Optional: true},
	"derived": schema.BoolAttribute{Computed: true},
}}

// value is a value of testSchema: an owner of this id and name (nil for null, unknown for
// unknown; no owner when id is nil), config and derived.
func value(t *testing.T, id, name, config, derived any) tftypes.Value {
	t.Helper()
	typ := testSchema.Type().TerraformType(ctx).(tftypes.Object)
	ownerType := typ.AttributeTypes["owner"]
	prim := func(typ tftypes.Type, v any) tftypes.Value {
		if v == unknown {
			return tftypes.NewValue(typ, tftypes.UnknownValue)
		}
		return tftypes.NewValue(typ, v)
	}
	owner := tftypes.NewValue(ownerType, nil)
	if id != nil {
		owner = tftypes.NewValue(ownerType, map[string]tftypes.Value{
			"id": prim(tftypes.String, id), "name": prim(tftypes.String, name),
		})
	}
	return tftypes.NewValue(typ, map[string]tftypes.Value{
		"owner": owner, "config": prim(tftypes.String, config), "derived": prim(tftypes.Bool, derived),
	})
}

type unknownMarker struct{}

var unknown = unknownMarker{}

func TestRefName(t *testing.T) {
	namePath := path.Root("owner").AtName("name")
	cases := []struct {
		name string
		// state, config and plan (the plan before modifiers: config with unknown computed values)
		state, config, plan tftypes.Value
		want                types.String
		warn                string
	}{
		{
			name:   "unset name, same id: the state's name",
			state:  value(t, "i1", "ISC Admin", nil, nil),
			config: value(t, "i1", nil, nil, nil), plan: value(t, "i1", unknown, nil, nil),
			want: types.StringValue("ISC Admin"),
		},
		{
			name:   "name renamed in ISC, configured with the old one: the state's name, and a warning",
			state:  value(t, "i1", "Ann Smith", nil, nil),
			config: value(t, "i1", "Ann Jones", nil, nil), plan: value(t, "i1", "Ann Jones", nil, nil),
			want: types.StringValue("Ann Smith"),
			warn: `owner.name is "Ann Jones" in the configuration, but ISC names the object of id "i1" "Ann Smith". The reference is by id ` +
				`and its name is only informational, so the plan keeps ISC's name and changes nothing. Remove owner.name from the ` +
				`configuration, or set it to "Ann Smith".`,
		},
		{
			name:   "configured name equal to ISC's",
			state:  value(t, "i1", "ISC Admin", nil, nil),
			config: value(t, "i1", "ISC Admin", nil, nil), plan: value(t, "i1", "ISC Admin", nil, nil),
			want: types.StringValue("ISC Admin"),
		},
		{
			name:   "name known only after apply, same id: the state's name, no warning",
			state:  value(t, "i1", "ISC Admin", nil, nil),
			config: value(t, "i1", unknown, nil, nil), plan: value(t, "i1", unknown, nil, nil),
			want: types.StringValue("ISC Admin"),
		},
		{
			name:   "another id: ISC's name after apply",
			state:  value(t, "i1", "ISC Admin", nil, nil),
			config: value(t, "i2", nil, nil, nil), plan: value(t, "i2", unknown, nil, nil),
			want: types.StringUnknown(),
		},
		{
			name:   "another id with a configured name: the configuration's",
			state:  value(t, "i1", "ISC Admin", nil, nil),
			config: value(t, "i2", "Bob", nil, nil), plan: value(t, "i2", "Bob", nil, nil),
			want: types.StringValue("Bob"),
		},
		{
			name:   "id known only after apply",
			state:  value(t, "i1", "ISC Admin", nil, nil),
			config: value(t, unknown, nil, nil, nil), plan: value(t, unknown, unknown, nil, nil),
			want: types.StringUnknown(),
		},
		{
			name:   "a new reference",
			state:  value(t, nil, nil, nil, nil),
			config: value(t, "i1", nil, nil, nil), plan: value(t, "i1", unknown, nil, nil),
			want: types.StringUnknown(),
		},
		{
			name:   "ISC gave no name: the configured one",
			state:  value(t, "i1", nil, nil, nil),
			config: value(t, "i1", "Ann", nil, nil), plan: value(t, "i1", "Ann", nil, nil),
			want: types.StringValue("Ann"),
		},
		{
			name:   "create",
			state:  tftypes.NewValue(testSchema.Type().TerraformType(ctx), nil),
			config: value(t, "i1", "Wrong", nil, nil), plan: value(t, "i1", "Wrong", nil, nil),
			want: types.StringValue("Wrong"),
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			state := tfsdk.State{Schema: testSchema, Raw: tc.state}
			config := tfsdk.Config{Schema: testSchema, Raw: tc.config}
			plan := tfsdk.Plan{Schema: testSchema, Raw: tc.plan}
			req := planmodifier.StringRequest{Path: namePath, State: state, Config: config, Plan: plan}
			for _, get := range []struct {
				from func(path.Path, any) bool
				to   *types.String
			}{
				{func(p path.Path, v any) bool { return !state.GetAttribute(ctx, p, v).HasError() }, &req.StateValue},
				{func(p path.Path, v any) bool { return !config.GetAttribute(ctx, p, v).HasError() }, &req.ConfigValue},
				{func(p path.Path, v any) bool { return !plan.GetAttribute(ctx, p, v).HasError() }, &req.PlanValue},
			} {
				if !get.from(namePath, get.to) {
					t.Fatal("cannot read owner.name")
				}
			}
			resp := planmodifier.StringResponse{PlanValue: req.PlanValue}
			RefName().PlanModifyString(ctx, req, &resp)
			if !resp.PlanValue.Equal(tc.want) {
				t.Errorf("planned name = %s, want %s", resp.PlanValue, tc.want)
			}
			if resp.Diagnostics.HasError() {
				t.Fatalf("errors: %v", resp.Diagnostics)
			}
			switch warnings := resp.Diagnostics.Warnings(); {
			case tc.warn == "" && len(warnings) > 0:
				t.Errorf("unexpected warning: %s", warnings[0].Detail())
			case tc.warn != "" && (len(warnings) != 1 || warnings[0].Summary() != RefNameSummary || warnings[0].Detail() != tc.warn):
				t.Errorf("warnings = %v, want one: %s", warnings, tc.warn)
			}
		})
	}
}

func TestDerivedFrom(t *testing.T) {
	derivedPath := path.Root("derived")
	modifier := DerivedFrom(path.Root("config"), path.Root("owner").AtName("id"))
	cases := []struct {
		name        string
		state, plan tftypes.Value
		want        types.Bool
	}{
		{"nothing it depends on changes", value(t, "i1", "A", "x", true), value(t, "i1", unknown, "x", unknown), types.BoolValue(true)},
		{"another attribute changes", value(t, "i1", "A", "x", true), value(t, "i1", "B", "x", unknown), types.BoolValue(true)},
		{"one it depends on changes", value(t, "i1", "A", "x", true), value(t, "i1", "A", "y", unknown), types.BoolUnknown()},
		{"a nested one changes", value(t, "i1", "A", "x", false), value(t, "i2", unknown, "x", unknown), types.BoolUnknown()},
		{"one it depends on is unknown", value(t, "i1", "A", "x", false), value(t, "i1", "A", unknown, unknown), types.BoolUnknown()},
		{"create", tftypes.NewValue(testSchema.Type().TerraformType(ctx), nil), value(t, "i1", "A", "x", unknown), types.BoolUnknown()},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			state := tfsdk.State{Schema: testSchema, Raw: tc.state}
			plan := tfsdk.Plan{Schema: testSchema, Raw: tc.plan}
			req := planmodifier.BoolRequest{Path: derivedPath, State: state, Plan: plan, PlanValue: types.BoolUnknown()}
			if !tc.state.IsNull() && state.GetAttribute(ctx, derivedPath, &req.StateValue).HasError() {
				t.Fatal("cannot read derived")
			}
			resp := planmodifier.BoolResponse{PlanValue: req.PlanValue}
			modifier.PlanModifyBool(ctx, req, &resp)
			if !resp.PlanValue.Equal(tc.want) || resp.Diagnostics.HasError() {
				t.Errorf("planned = %s (%v), want %s", resp.PlanValue, resp.Diagnostics, tc.want)
			}
		})
	}
	if d := modifier.Description(ctx); !strings.Contains(d, "config or owner.id") {
		t.Errorf("description %q does not name what the value depends on", d)
	}
}
