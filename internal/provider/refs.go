package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
)

// refModel is a reference to another ISC object, identified by its id. Its type is implied by the
// attribute, and its name, filled in by ISC, is informational (see planmodify.RefName).
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
				MarkdownDescription: "Name of the referenced object, filled in by ISC from the ID. Informational: the reference is by `id`, " +
					"so a name never shows as a change, even when the object is renamed in ISC. Best left unset; a configured name " +
					"that differs from ISC's is a plan warning, and the state keeps ISC's name.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{planmodify.RefName()},
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

// refFromClient converts ISC's reference. After an apply, a name the plan knew is kept, since
// Terraform requires an apply to return what was planned (it is the state's name while the id
// is unchanged, else the configured one); reads always take ISC's name.
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

// refDataAttributes are the members of a reference in a data source: both read from ISC.
func refDataAttributes() map[string]dsschema.Attribute {
	return map[string]dsschema.Attribute{
		"id":   dsschema.StringAttribute{MarkdownDescription: "ID of the referenced object.", Computed: true},
		"name": dsschema.StringAttribute{MarkdownDescription: "Name of the referenced object.", Computed: true},
	}
}

// refDataAttribute is a reference in a data source, such as a source's owner.
func refDataAttribute(description string) dsschema.SingleNestedAttribute {
	return dsschema.SingleNestedAttribute{MarkdownDescription: description, Computed: true, Attributes: refDataAttributes()}
}
