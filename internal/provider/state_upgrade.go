package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// This file upgrades states written by earlier schema versions. Version 0 of sailpoint_source_schema
// and sailpoint_identity_profile held their keyed collections (schema attributes, attribute
// transforms) as lists and had a modified attribute; version 1 keys the collections by name and
// drops modified. An upgrade changes only the shape: the values are those the state held, so an
// upgraded state equals what a read of the same object gives, and the plan shows no change.
// A prior schema describes only the types of an old state, so its attributes are all optional.

func optionalString() schema.StringAttribute { return schema.StringAttribute{Optional: true} }

func optionalBool() schema.BoolAttribute { return schema.BoolAttribute{Optional: true} }

func optionalJSON() schema.StringAttribute {
	return schema.StringAttribute{Optional: true, CustomType: jsonType{}}
}

func optionalRef() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
		"id": optionalString(), "name": optionalString(),
	}}
}

// sourceSchemaSchemaV0 is sailpoint_source_schema's schema version 0.
var sourceSchemaSchemaV0 = schema.Schema{Attributes: map[string]schema.Attribute{
	"id": optionalString(), "source_id": optionalString(), "name": optionalString(),
	"native_object_type": optionalString(), "identity_attribute": optionalString(), "display_attribute": optionalString(),
	"hierarchy_attribute": optionalString(), "include_permissions": optionalBool(),
	"features":      schema.SetAttribute{Optional: true, ElementType: types.StringType},
	"configuration": optionalJSON(),
	"attributes": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"name": optionalString(), "type": optionalString(), "description": optionalString(), "is_multi": optionalBool(),
		"is_entitlement": optionalBool(), "is_group": optionalBool(), "schema_id": optionalString(),
	}}},
	"created": optionalString(), "modified": optionalString(),
}}

type sourceSchemaModelV0 struct {
	ID                 types.String             `tfsdk:"id"`
	SourceID           types.String             `tfsdk:"source_id"`
	Name               types.String             `tfsdk:"name"`
	NativeObjectType   types.String             `tfsdk:"native_object_type"`
	IdentityAttribute  types.String             `tfsdk:"identity_attribute"`
	DisplayAttribute   types.String             `tfsdk:"display_attribute"`
	HierarchyAttribute types.String             `tfsdk:"hierarchy_attribute"`
	IncludePermissions types.Bool               `tfsdk:"include_permissions"`
	Features           types.Set                `tfsdk:"features"`
	Configuration      jsonValue                `tfsdk:"configuration"`
	Attributes         []schemaAttributeModelV0 `tfsdk:"attributes"`
	Created            types.String             `tfsdk:"created"`
	Modified           types.String             `tfsdk:"modified"`
}

type schemaAttributeModelV0 struct {
	Name types.String `tfsdk:"name"`
	schemaAttributeModel
}

func (r *sourceSchemaResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {PriorSchema: &sourceSchemaSchemaV0, StateUpgrader: upgradeSourceSchemaV0},
	}
}

func upgradeSourceSchemaV0(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	var old sourceSchemaModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &old)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := sourceSchemaModel{
		ID: old.ID, SourceID: old.SourceID, Name: old.Name, NativeObjectType: old.NativeObjectType,
		IdentityAttribute: old.IdentityAttribute, DisplayAttribute: old.DisplayAttribute, HierarchyAttribute: old.HierarchyAttribute,
		IncludePermissions: old.IncludePermissions, Features: old.Features, Configuration: old.Configuration, Created: old.Created,
		Attributes: types.MapNull(schemaAttributeType),
	}
	if old.Attributes != nil {
		defs := map[string]schemaAttributeModel{}
		for i, a := range old.Attributes {
			name := a.Name.ValueString()
			if _, dup := defs[name]; dup {
				addUpgradeDuplicate(&resp.Diagnostics, path.Root("attributes").AtListIndex(i).AtName("name"), "attribute", name)
				return
			}
			defs[name] = a.schemaAttributeModel
		}
		var d diag.Diagnostics
		m.Attributes, d = types.MapValueFrom(ctx, schemaAttributeType, defs)
		resp.Diagnostics.Append(d...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// identityProfileSchemaV0 is sailpoint_identity_profile's schema version 0.
func identityProfileSchemaV0(ctx context.Context) *schema.Schema {
	return &schema.Schema{
		Attributes: map[string]schema.Attribute{
			"id": optionalString(), "name": optionalString(), "description": optionalString(), "owner": optionalRef(),
			"priority": schema.Int64Attribute{Optional: true}, "authoritative_source": optionalRef(),
			"identity_attribute_config": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
				"enabled": optionalBool(),
				"attribute_transforms": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"identity_attribute_name": optionalString(),
					"transform_definition": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
						"type": optionalString(), "attributes": optionalJSON(),
					}},
				}}},
			}},
			"identity_count": schema.Int64Attribute{Optional: true}, "identity_refresh_required": optionalBool(),
			"has_time_based_attr": optionalBool(),
			"identity_exception_report_reference": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
				"task_result_id": optionalString(), "report_name": optionalString(),
			}},
			"created": optionalString(), "modified": optionalString(),
		},
		Blocks: map[string]schema.Block{"timeouts": timeouts.Block(ctx, timeouts.Opts{Delete: true})},
	}
}

type identityProfileModelV0 struct {
	ID                               types.String            `tfsdk:"id"`
	Name                             types.String            `tfsdk:"name"`
	Description                      types.String            `tfsdk:"description"`
	Owner                            *refModel               `tfsdk:"owner"`
	Priority                         types.Int64             `tfsdk:"priority"`
	AuthoritativeSource              *refModel               `tfsdk:"authoritative_source"`
	IdentityAttributeConfig          *attributeConfigModelV0 `tfsdk:"identity_attribute_config"`
	IdentityCount                    types.Int64             `tfsdk:"identity_count"`
	IdentityRefreshRequired          types.Bool              `tfsdk:"identity_refresh_required"`
	HasTimeBasedAttr                 types.Bool              `tfsdk:"has_time_based_attr"`
	IdentityExceptionReportReference types.Object            `tfsdk:"identity_exception_report_reference"`
	Created                          types.String            `tfsdk:"created"`
	Modified                         types.String            `tfsdk:"modified"`
	Timeouts                         timeouts.Value          `tfsdk:"timeouts"`
}

type attributeConfigModelV0 struct {
	Enabled             types.Bool                  `tfsdk:"enabled"`
	AttributeTransforms []attributeTransformModelV0 `tfsdk:"attribute_transforms"`
}

type attributeTransformModelV0 struct {
	IdentityAttributeName types.String `tfsdk:"identity_attribute_name"`
	attributeTransformModel
}

func (r *identityProfileResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {PriorSchema: identityProfileSchemaV0(ctx), StateUpgrader: upgradeIdentityProfileV0},
	}
}

func upgradeIdentityProfileV0(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	var old identityProfileModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &old)...)
	if resp.Diagnostics.HasError() {
		return
	}
	m := identityProfileModel{
		identityProfileSettings: identityProfileSettings{
			ID: old.ID, Name: old.Name, Description: old.Description, Owner: old.Owner, Priority: old.Priority,
			AuthoritativeSource: old.AuthoritativeSource,
		},
		IdentityCount:           old.IdentityCount,
		IdentityRefreshRequired: old.IdentityRefreshRequired, HasTimeBasedAttr: old.HasTimeBasedAttr,
		IdentityExceptionReportReference: old.IdentityExceptionReportReference, Created: old.Created, Timeouts: old.Timeouts,
	}
	if c := old.IdentityAttributeConfig; c != nil {
		m.IdentityAttributeConfig = &attributeConfigModel{Enabled: c.Enabled}
		if c.AttributeTransforms != nil {
			m.IdentityAttributeConfig.AttributeTransforms = map[string]attributeTransformModel{}
			for i, t := range c.AttributeTransforms {
				name := t.IdentityAttributeName.ValueString()
				if _, dup := m.IdentityAttributeConfig.AttributeTransforms[name]; dup {
					addUpgradeDuplicate(&resp.Diagnostics, path.Root("identity_attribute_config").AtName("attribute_transforms").
						AtListIndex(i).AtName("identity_attribute_name"), "attribute transform", name)
					return
				}
				m.IdentityAttributeConfig.AttributeTransforms[name] = t.attributeTransformModel
			}
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}

// addUpgradeDuplicate reports an old state whose list holds two elements of one key, which the
// keyed collection cannot hold. ISC refuses such a list, so only an edited state has one.
func addUpgradeDuplicate(diags *diag.Diagnostics, at path.Path, what, name string) {
	diags.AddAttributeError(at, "Cannot upgrade the state",
		fmt.Sprintf("The state holds two elements named %q in its list of %ss, which are now keyed by name. "+
			"Remove the resource from the state (terraform state rm) and import it again.", name, what))
}
