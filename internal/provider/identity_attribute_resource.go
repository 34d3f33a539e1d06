package provider

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ resource.ResourceWithValidateConfig = (*identityAttributeResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*identityAttributeResource)(nil)
)

// NewIdentityAttributeResource is the factory of sailpoint_identity_attribute.
func NewIdentityAttributeResource() resource.Resource {
	return &identityAttributeResource{kitResource[identityAttributeModel, client.IdentityAttribute]{kit: &identityAttributeKit}}
}

type identityAttributeResource struct {
	kitResource[identityAttributeModel, client.IdentityAttribute]
}

// identityAttributeModel is an identity attribute, in the resource and in the data source.
type identityAttributeModel struct {
	ID          types.String                   `tfsdk:"id"`
	Name        types.String                   `tfsdk:"name"`
	DisplayName types.String                   `tfsdk:"display_name"`
	Type        types.String                   `tfsdk:"type"`
	Standard    types.Bool                     `tfsdk:"standard"`
	Multi       types.Bool                     `tfsdk:"multi"`
	Searchable  types.Bool                     `tfsdk:"searchable"`
	System      types.Bool                     `tfsdk:"system"`
	Sources     []identityAttributeSourceModel `tfsdk:"sources"`
}

type identityAttributeSourceModel struct {
	Type       types.String `tfsdk:"type"`
	Properties jsonValue    `tfsdk:"properties"`
}

// identityAttributeKit: identity attributes are keyed by name and replaced whole with a PUT.
var identityAttributeKit = objectKit[identityAttributeModel, client.IdentityAttribute]{
	typeName: "sailpoint_identity_attribute", noun: "identity attribute",
	importShape: "NAME", importAttrs: []string{"name"},
	toClient: func(_ context.Context, m *identityAttributeModel) (*client.IdentityAttribute, diag.Diagnostics) {
		return m.toClient()
	},
	fromClient: func(_ context.Context, a *client.IdentityAttribute, m *identityAttributeModel, _ bool) diag.Diagnostics {
		return m.fromClient(a)
	},
	describe: func(m *identityAttributeModel) string {
		return fmt.Sprintf("identity attribute %q", m.Name.ValueString())
	},
	importMiss: func(m *identityAttributeModel) importMiss {
		return importMiss{resource: "sailpoint_identity_attribute", thing: "identity attribute", id: m.Name.ValueString()}
	},
	create: func(ctx context.Context, c *client.Client, want *client.IdentityAttribute) (*client.IdentityAttribute, error) {
		return c.CreateIdentityAttribute(ctx, want)
	},
	read: func(ctx context.Context, c *client.Client, m *identityAttributeModel) (*client.IdentityAttribute, error) {
		return c.GetIdentityAttribute(ctx, m.Name.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *identityAttributeModel, prior, want *client.IdentityAttribute) (*client.IdentityAttribute, error) {
		if reflect.DeepEqual(prior, want) {
			return nil, nil
		}
		return c.UpdateIdentityAttribute(ctx, m.Name.ValueString(), want)
	},
	delete: func(ctx context.Context, c *client.Client, m *identityAttributeModel) error {
		return c.DeleteIdentityAttribute(ctx, m.Name.ValueString())
	},
	// ISC filters none of them; its own (system) attributes are not configurable, so left out.
	list: &objectList[client.IdentityAttribute]{
		list: func(ctx context.Context, c *client.Client, _ map[string]string) iter.Seq2[listed[client.IdentityAttribute], error] {
			return func(yield func(listed[client.IdentityAttribute], error) bool) {
				for a, err := range pagesOf(c.IdentityAttributePages(ctx), func(a *client.IdentityAttribute) listed[client.IdentityAttribute] {
					return listed[client.IdentityAttribute]{key: []string{a.Name}, name: a.Name, obj: a}
				}) {
					if (err != nil || !a.obj.System) && !yield(a, err) {
						return
					}
				}
			}
		},
	},
}

func (r *identityAttributeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	flag := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description + " Default `false`, as in ISC.", Optional: true, Computed: true,
			Default: booldefault.StaticBool(false)}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An identity attribute of SailPoint Identity Security Cloud (ISC): a named attribute of every identity, " +
			"such as `costCenter`, that identity profiles compute (map it by this name in `identity_attribute_config`) and that " +
			"search, roles and segments read. The technical name is the attribute's key: changing it replaces the attribute. " +
			"Everything else changes in place, with a PUT of the whole attribute.\n\n" +
			"ISC allows identity attribute writes only with a user context: configure the provider with a personal access token. " +
			"ISC refuses to delete a standard or system attribute, and one an identity profile maps: the plan of a destroy or a " +
			"replacement of a standard or system attribute fails, saying what to do instead. System attributes are ISC's own " +
			"and cannot be changed at all.",
		Attributes: map[string]schema.Attribute{
			"id": setByISC("The attribute's technical name, which ISC uses as its ID."),
			"name": schema.StringAttribute{
				MarkdownDescription: "The attribute's technical name, such as `costCenter`; identity profiles and transforms refer to " +
					"it by this name. It must not contain `/`. Changing it replaces the attribute.",
				Required: true,
				Validators: []validator.String{validate.NotBlank(),
					stringvalidator.RegexMatches(regexp.MustCompile(`^[^/]*$`), `must not contain "/": the name is the attribute's key in ISC's paths`)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"display_name": schema.StringAttribute{
				MarkdownDescription: "The business-friendly name ISC shows. When unset, ISC's value is kept (for a new attribute, " +
					"what ISC sets, such as the technical name).",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{validate.NotBlank()},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The attribute's type, such as `string`. When unset, ISC's value is kept.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{validate.NotBlank()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"standard":   flag("Whether the attribute is one of ISC's standard (default) attributes. ISC refuses to delete a standard attribute."),
			"multi":      flag("Whether the attribute holds several values."),
			"searchable": flag("Whether search indexes the attribute. ISC allows it only when `standard` and `multi` are `false` (checked at plan time)."),
			"system": schema.BoolAttribute{
				MarkdownDescription: "Whether the attribute is one of ISC's system attributes, which have no source and cannot be " +
					"changed or deleted. Set by ISC.",
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"sources": schema.ListNestedAttribute{
				MarkdownDescription: "How the attribute's value is derived, in ISC's order, such as " +
					"`{ type = \"rule\", properties = jsonencode({ ruleType = \"IdentityAttribute\", ruleName = \"Cloud Promote Identity Attribute\" }) }`. " +
					"Unset means none.",
				Optional: true,
				Computed: true,
				Default:  listdefault.StaticValue(types.ListNull(objectTypeOf[identityAttributeSourceModel]())),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: "The kind of source, such as `rule`.",
						Required:            true,
						Validators:          []validator.String{validate.NotBlank()},
					},
					"properties": schema.StringAttribute{
						MarkdownDescription: "The source's properties, a JSON object (use `jsonencode`). Leave it out for none " +
							"(ISC then holds `{}`).",
						CustomType: jsonType{},
						Optional:   true,
						Validators: []validator.String{validate.JSONObject()},
					},
				}},
			},
		},
	}
}

// ValidateConfig checks ISC's rule of searchable attributes: neither standard nor multi-valued.
func (r *identityAttributeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var searchable, standard, multi types.Bool
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("searchable"), &searchable)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("standard"), &standard)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("multi"), &multi)...)
	if resp.Diagnostics.HasError() || !searchable.ValueBool() {
		return
	}
	for _, f := range []struct {
		name string
		v    types.Bool
	}{{"standard", standard}, {"multi", multi}} {
		if f.v.ValueBool() {
			resp.Diagnostics.AddAttributeError(path.Root("searchable"), "Identity attribute cannot be searchable",
				fmt.Sprintf("searchable is true, and so is %s: ISC makes an attribute searchable only when standard, multi and system are false. "+
					"Set %s = false, or searchable = false.", f.name, f.name))
		}
	}
}

// ModifyPlan stops, at plan time, the changes ISC refuses at apply: any change of a system
// attribute, and the delete (a destroy or a replacement) of a standard or system one.
func (r *identityAttributeResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var prior identityAttributeModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.Name.ValueString()
	// A new name (or one known only after apply) replaces the attribute, deleting the old one.
	deletes := req.Plan.Raw.IsNull()
	if !deletes {
		var planned types.String
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &planned)...)
		deletes = !planned.Equal(prior.Name)
	}
	refuseDelete := func(kind, fix string) {
		resp.Diagnostics.AddError("SailPoint identity attribute cannot be deleted", fmt.Sprintf(
			"This plan deletes identity attribute %q, %s attribute, which ISC refuses to delete. %s "+
				"To stop managing it without deleting it, remove it from the state instead: a removed block with "+
				"lifecycle { destroy = false }, or terraform state rm.", name, kind, fix))
	}
	switch {
	case deletes && prior.System.ValueBool():
		refuseDelete("a system", "ISC never deletes it.")
	case deletes && prior.Standard.ValueBool():
		refuseDelete("a standard", "To delete it, set standard = false and apply that change first.")
	case !deletes && prior.System.ValueBool() && !req.Plan.Raw.Equal(req.State.Raw):
		resp.Diagnostics.AddError("SailPoint identity attribute cannot be changed", fmt.Sprintf(
			"Identity attribute %q is a system attribute, which ISC does not let anyone change. Make the configuration "+
				"match ISC's values (terraform plan shows them), or stop managing the attribute.", name))
	}
}

func (m *identityAttributeModel) toClient() (*client.IdentityAttribute, diag.Diagnostics) {
	var diags diag.Diagnostics
	a := &client.IdentityAttribute{
		Name: m.Name.ValueString(), DisplayName: m.DisplayName.ValueString(), Standard: m.Standard.ValueBool(),
		Multi: m.Multi.ValueBool(), Searchable: m.Searchable.ValueBool(), System: m.System.ValueBool(),
		Sources: []client.IdentityAttributeSource{},
	}
	if !m.Type.IsNull() && !m.Type.IsUnknown() {
		t := m.Type.ValueString()
		a.Type = &t
	}
	for i, s := range m.Sources {
		props := jsonObjectAt(s.Properties, path.Root("sources").AtListIndex(i).AtName("properties"), &diags)
		a.Sources = append(a.Sources, client.IdentityAttributeSource{Type: s.Type.ValueString(), Properties: props})
	}
	return a, diags
}

// fromClient sets the model from ISC's attribute. Sources left out stay out while ISC holds none,
// and a source's properties stay as the model spells them while ISC holds the same JSON.
func (m *identityAttributeModel) fromClient(a *client.IdentityAttribute) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID, m.Name, m.DisplayName = types.StringValue(a.Name), types.StringValue(a.Name), stringOrNull(a.DisplayName)
	m.Type = types.StringNull()
	if a.Type != nil {
		m.Type = types.StringValue(*a.Type)
	}
	m.Standard, m.Multi = types.BoolValue(a.Standard), types.BoolValue(a.Multi)
	m.Searchable, m.System = types.BoolValue(a.Searchable), types.BoolValue(a.System)
	prior := m.Sources
	if len(a.Sources) == 0 && prior == nil {
		return diags
	}
	m.Sources = make([]identityAttributeSourceModel, len(a.Sources))
	for i, s := range a.Sources {
		priorProps := jsonNull()
		if i < len(prior) {
			priorProps = prior[i].Properties
		}
		props, err := transformAttributes(s.Properties, priorProps)
		if err != nil {
			diags.AddAttributeError(path.Root("sources").AtListIndex(i).AtName("properties"), "Cannot read sources", err.Error())
		}
		m.Sources[i] = identityAttributeSourceModel{Type: types.StringValue(s.Type), Properties: props}
	}
	return diags
}
