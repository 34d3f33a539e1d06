package provider

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Terraform asks for generated configuration only from a server that announces it.
func TestServerAnnouncesGenerateResourceConfig(t *testing.T) {
	srv, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	meta, err := srv.GetMetadata(background, &tfprotov6.GetMetadataRequest{})
	if err != nil || meta.ServerCapabilities == nil || !meta.ServerCapabilities.GenerateResourceConfig {
		t.Errorf("GetMetadata: capabilities %+v, %v", meta.ServerCapabilities, err)
	}
	schemas, err := srv.GetProviderSchema(background, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || schemas.ServerCapabilities == nil || !schemas.ServerCapabilities.GenerateResourceConfig {
		t.Errorf("GetProviderSchema: capabilities %+v, %v", schemas.ServerCapabilities, err)
	}
	// The framework's other capabilities pass through.
	if !schemas.ServerCapabilities.PlanDestroy || !schemas.ServerCapabilities.GetProviderSchemaOptional {
		t.Errorf("GetProviderSchema lost the framework's capabilities: %+v", schemas.ServerCapabilities)
	}
}

// Generated configuration leaves out what ISC fills in and what equals a default, and keeps the
// user's choices.
func TestGeneratedConfig(t *testing.T) {
	srv, err := NewServer("test")()
	if err != nil {
		t.Fatal(err)
	}
	features, _ := types.SetValueFrom(background, types.StringType, []string{"PROVISIONING"})
	for _, tc := range []struct {
		typeName      string
		state         map[string]any // attribute values by top-level name
		omitted, kept []path.Path
	}{
		{
			typeName: "sailpoint_source",
			state: map[string]any{
				"id": "s1", "name": "HR", "connector": "delimited-file", "created": "2025-01-01T00:00:00Z",
				"connector_class": "sailpoint.connector.DelimitedFileConnector", "type": "DelimitedFile", "features": features,
				"owner":       refModel{ID: types.StringValue("i1"), Name: types.StringValue("ISC Admin")},
				"description": "people", "delete_threshold": int64(10), "provision_as_csv": true,
			},
			omitted: []path.Path{path.Root("id"), path.Root("created"), path.Root("connector_class"), path.Root("type"),
				path.Root("features"), path.Root("owner").AtName("name")},
			kept: []path.Path{path.Root("name"), path.Root("connector"), path.Root("owner").AtName("id"), path.Root("description"),
				path.Root("delete_threshold"), path.Root("provision_as_csv")},
		},
		{
			typeName: "sailpoint_source_schema",
			state: map[string]any{
				"id": "sc1", "source_id": "s1", "name": "group", "native_object_type": "group", "include_permissions": false,
				"features": features,
			},
			omitted: []path.Path{path.Root("id"), path.Root("include_permissions"), path.Root("features")},
			kept:    []path.Path{path.Root("source_id"), path.Root("name"), path.Root("native_object_type")},
		},
	} {
		t.Run(tc.typeName, func(t *testing.T) {
			typ, ok := objectType(tc.typeName)
			if !ok {
				t.Fatalf("%s is not registered", tc.typeName)
			}
			var sr fwresource.SchemaResponse
			typ.resource().Schema(background, fwresource.SchemaRequest{}, &sr)
			tfType := sr.Schema.Type().TerraformType(background)
			st := tfsdk.State{Schema: sr.Schema, Raw: tftypes.NewValue(tfType, nil)}
			for name, v := range tc.state {
				if d := st.SetAttribute(background, path.Root(name), v); d.HasError() {
					t.Fatal(d)
				}
			}
			dv, err := tfprotov6.NewDynamicValue(tfType, st.Raw)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := srv.GenerateResourceConfig(background, &tfprotov6.GenerateResourceConfigRequest{TypeName: tc.typeName, State: &dv})
			if err != nil || len(resp.Diagnostics) > 0 {
				t.Fatalf("GenerateResourceConfig: %v %v", err, resp.Diagnostics)
			}
			raw, err := resp.Config.Unmarshal(tfType)
			if err != nil {
				t.Fatal(err)
			}
			cfg := tfsdk.Config{Schema: sr.Schema, Raw: raw}
			for _, p := range append(tc.omitted, tc.kept...) {
				var v attr.Value
				if d := cfg.GetAttribute(background, p, &v); d.HasError() {
					t.Fatal(d)
				}
				if omit := contains(tc.omitted, p); v.IsNull() != omit {
					t.Errorf("%s = %v in the generated configuration, want it left out: %v", p, v, omit)
				}
			}
		})
	}
}

func contains(ps []path.Path, p path.Path) bool {
	for _, q := range ps {
		if q.Equal(p) {
			return true
		}
	}
	return false
}

// generatedConfig compares values with the defaults of the kinds equalsDefault knows; a default
// of another kind would be written into generated configuration unnoticed.
func TestGeneratedConfigKnowsEveryDefault(t *testing.T) {
	known := map[reflect.Type]bool{}
	for _, a := range []schema.Attribute{schema.BoolAttribute{}, schema.StringAttribute{}, schema.Int64Attribute{},
		schema.ListAttribute{}, schema.ListNestedAttribute{}, schema.MapAttribute{}, schema.MapNestedAttribute{},
		schema.SetAttribute{}, schema.SetNestedAttribute{}, schema.SingleNestedAttribute{}, schema.ObjectAttribute{}} {
		known[reflect.TypeOf(a)] = true
	}
	var walk func(at string, attrs map[string]schema.Attribute)
	walk = func(at string, attrs map[string]schema.Attribute) {
		for name, a := range attrs {
			v := reflect.ValueOf(a)
			if d := v.FieldByName("Default"); d.IsValid() && !d.IsNil() && !known[v.Type()] {
				t.Errorf("%s%s has a default of a kind equalsDefault does not compare: %T", at, name, a)
			}
			switch n := a.(type) {
			case schema.SingleNestedAttribute:
				walk(at+name+".", n.Attributes)
			case schema.ListNestedAttribute:
				walk(at+name+".", n.NestedObject.Attributes)
			case schema.SetNestedAttribute:
				walk(at+name+".", n.NestedObject.Attributes)
			case schema.MapNestedAttribute:
				walk(at+name+".", n.NestedObject.Attributes)
			}
		}
	}
	for _, typ := range objectTypes {
		var sr fwresource.SchemaResponse
		typ.resource().Schema(background, fwresource.SchemaRequest{}, &sr)
		walk(typ.Name+".", sr.Schema.Attributes)
	}
}
