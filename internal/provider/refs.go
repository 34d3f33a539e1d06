package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
)

// refModel is a reference to another ISC object. Its type is implied by the attribute, and its
// name is filled in by ISC.
type refModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

// refAttribute is the schema of an object reference such as owner or cluster.
func refAttribute(description string, required bool) schema.SingleNestedAttribute {
	var unset defaults.Object
	if !required {
		// Computed only for the null default: see planmodify.NullString.
		unset = objectdefault.StaticValue(types.ObjectNull(objectTypeOf[refModel]().AttrTypes))
	}
	return schema.SingleNestedAttribute{
		MarkdownDescription: description,
		Required:            required,
		Optional:            !required,
		Computed:            !required,
		Default:             unset,
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "ID of the referenced object.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the referenced object. ISC fills it in from the ID; leave it unset, since a name that differs from ISC's shows as a change on every plan.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{planmodify.RefNameUnchanged()},
			},
		},
	}
}

func (r *refModel) toClient(refType string) *client.Reference {
	if r == nil {
		return nil
	}
	return &client.Reference{Type: refType, ID: r.ID.ValueString(), Name: r.Name.ValueString()}
}

// refFromClient converts ISC's reference. A name the plan set is kept so that apply returns
// what was planned; reads always take ISC's name.
func refFromClient(ref *client.Reference, planned *refModel) *refModel {
	if ref == nil || ref.ID == "" {
		return nil
	}
	m := &refModel{ID: types.StringValue(ref.ID), Name: stringOrNull(ref.Name)}
	if planned != nil && planned.ID.ValueString() == ref.ID && !planned.Name.IsUnknown() && !planned.Name.IsNull() {
		m.Name = planned.Name
	}
	return m
}

func stringOrNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}
