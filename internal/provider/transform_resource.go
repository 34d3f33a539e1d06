package provider

import (
	"context"
	"fmt"
	"iter"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// NewTransformResource is the factory of sailpoint_transform.
func NewTransformResource() resource.Resource {
	return &transformResource{kitResource[transformModel, client.Transform]{kit: &transformKit}}
}

type transformResource struct {
	kitResource[transformModel, client.Transform]
}

// transformModel is a transform, in the resource and in the data source.
type transformModel struct {
	ID         types.String `tfsdk:"id"`
	Name       types.String `tfsdk:"name"`
	Type       types.String `tfsdk:"type"`
	Attributes jsonValue    `tfsdk:"attributes"`
}

var transformKit = objectKit[transformModel, client.Transform]{
	typeName: "sailpoint_transform", noun: "transform",
	importShape: "TRANSFORM_ID", importAttrs: []string{"id"},
	toClient: func(_ context.Context, m *transformModel) (*client.Transform, diag.Diagnostics) { return m.toClient() },
	fromClient: func(_ context.Context, t *client.Transform, m *transformModel, _ bool) diag.Diagnostics {
		return m.fromClient(t)
	},
	describe: func(m *transformModel) string { return "transform " + m.ID.ValueString() },
	importMiss: func(m *transformModel) importMiss {
		return importMiss{resource: "sailpoint_transform", thing: "transform", id: m.ID.ValueString()}
	},
	create: func(ctx context.Context, c *client.Client, want *client.Transform) (*client.Transform, error) {
		return c.CreateTransform(ctx, want)
	},
	read: func(ctx context.Context, c *client.Client, m *transformModel) (*client.Transform, error) {
		return c.GetTransform(ctx, m.ID.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *transformModel, prior, want *client.Transform) (*client.Transform, error) {
		if reflect.DeepEqual(prior.Attributes, want.Attributes) {
			return nil, nil
		}
		return c.UpdateTransform(ctx, m.ID.ValueString(), want)
	},
	delete: func(ctx context.Context, c *client.Client, m *transformModel) error {
		return c.DeleteTransform(ctx, m.ID.ValueString())
	},
	list: &objectList[client.Transform]{
		filters: nameFilter("transforms"),
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.Transform], error] {
			return pagesOf(c.TransformPages(ctx, nameOptions(f, nil)), func(t *client.Transform) listed[client.Transform] {
				return listed[client.Transform]{key: []string{t.ID}, name: t.Name, obj: t}
			})
		},
	},
}

func (r *transformResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A transform of SailPoint Identity Security Cloud (ISC): a named, reusable computation of an attribute " +
			"value, such as the lower-case e-mail address of an account, that identity profiles and provisioning policies use " +
			"(as a `reference` transform, by name). ISC changes only `attributes` in place (with a PUT of the whole transform); " +
			"a new `name` or `type` replaces the transform. ISC refuses to delete a transform an identity profile maps.",
		Attributes: map[string]schema.Attribute{
			"id": setByISC("The transform's ID, assigned by ISC."),
			"name": schema.StringAttribute{
				MarkdownDescription: "The transform's unique name, 1 to 50 characters; other transforms and mappings refer to it by " +
					"this name. Changing it replaces the transform.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.UTF8LengthBetween(1, 50), validate.NotBlank()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The transform's type, such as `lower`, `concat`, `accountAttribute` or `reference` (see " +
					"SailPoint's transform documentation). It is not checked against a list, since ISC documents types its " +
					"API contract does not list. Changing it replaces the transform.",
				Required:      true,
				Validators:    []validator.String{validate.NotBlank()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"attributes": schema.StringAttribute{
				MarkdownDescription: "The transform's attributes, a JSON object (use `jsonencode`): its input, nested transforms " +
					"and options, as the type defines them. Compared as JSON, so key order and spacing never show as changes. " +
					"Leave it out for a type without attributes (ISC then holds `{}`).",
				CustomType: jsonType{},
				Optional:   true,
				Computed:   true,
				Default:    planmodify.NullString(),
				Validators: []validator.String{validate.JSONObject()},
			},
		},
	}
}

func (m *transformModel) toClient() (*client.Transform, diag.Diagnostics) {
	var diags diag.Diagnostics
	attrs, err := jsonObject(m.Attributes)
	if err != nil {
		diags.AddError("Invalid transform attributes", fmt.Sprintf("attributes is not a JSON object: %v", err))
	}
	if attrs == nil {
		attrs = map[string]any{}
	}
	return &client.Transform{ID: m.ID.ValueString(), Name: m.Name.ValueString(), Type: m.Type.ValueString(), Attributes: attrs}, diags
}

// fromClient sets the model from ISC's transform. Attributes left out of the configuration stay
// out while ISC holds none.
func (m *transformModel) fromClient(t *client.Transform) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID, m.Name, m.Type = types.StringValue(t.ID), types.StringValue(t.Name), types.StringValue(t.Type)
	if m.Attributes.IsNull() && len(t.Attributes) == 0 {
		return diags
	}
	attrs, err := normalizedJSON(t.Attributes)
	if err != nil {
		diags.AddError("Error reading SailPoint transform", fmt.Sprintf("the attributes of transform %s cannot be encoded as JSON: %v", t.ID, err))
		return diags
	}
	if !m.Attributes.IsNull() && !m.Attributes.IsUnknown() {
		// Keep the configuration's spelling when ISC holds the same JSON.
		if eq, d := m.Attributes.StringSemanticEquals(context.Background(), attrs); !d.HasError() && eq {
			return diags
		}
	}
	m.Attributes = attrs
	return diags
}
