package provider

import (
	"context"
	"fmt"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ resource.ResourceWithValidateConfig = (*sourceProvisioningPolicyResource)(nil)

// NewSourceProvisioningPolicyResource is the factory of sailpoint_source_provisioning_policy.
func NewSourceProvisioningPolicyResource() resource.Resource {
	return &sourceProvisioningPolicyResource{kitResource[sourceProvisioningPolicyModel, client.ProvisioningPolicy]{kit: &provisioningPolicyKit}}
}

type sourceProvisioningPolicyResource struct {
	kitResource[sourceProvisioningPolicyModel, client.ProvisioningPolicy]
}

type sourceProvisioningPolicyModel struct {
	ID          types.String       `tfsdk:"id"`
	SourceID    types.String       `tfsdk:"source_id"`
	UsageType   types.String       `tfsdk:"usage_type"`
	Name        types.String       `tfsdk:"name"`
	Description types.String       `tfsdk:"description"`
	Fields      []policyFieldModel `tfsdk:"fields"`
}

type policyFieldModel struct {
	Name          types.String `tfsdk:"name"`
	Type          types.String `tfsdk:"type"`
	IsMultiValued types.Bool   `tfsdk:"is_multi_valued"`
	Transform     jsonValue    `tfsdk:"transform"`
	Attributes    jsonValue    `tfsdk:"attributes"`
	IsRequired    types.Bool   `tfsdk:"is_required"`
}

// createUsageType is the usage type of the policy ISC makes itself for some sources.
const createUsageType = "CREATE"

var provisioningPolicyKit = objectKit[sourceProvisioningPolicyModel, client.ProvisioningPolicy]{
	typeName: "sailpoint_source_provisioning_policy", noun: "provisioning policy",
	importShape: "SOURCE_ID/USAGE_TYPE", importAttrs: []string{"source_id", "usage_type"}, importWhole: "id",
	importCheck: importLastOneOf("USAGE_TYPE", client.UsageTypes),
	toClient: func(_ context.Context, m *sourceProvisioningPolicyModel) (*client.ProvisioningPolicy, diag.Diagnostics) {
		return m.toClient()
	},
	fromClient: func(_ context.Context, p *client.ProvisioningPolicy, m *sourceProvisioningPolicyModel, _ bool) diag.Diagnostics {
		return m.fromClient(p)
	},
	// An update that sent nothing (only a spelling ISC does not keep apart changed, such as an
	// unset description and ""): ISC's is_required stays what the state knows. The fields are
	// the same ones, or the patch would not be empty.
	keepServerValues: func(m, prior *sourceProvisioningPolicyModel) {
		for i := range m.Fields {
			m.Fields[i].IsRequired = prior.Fields[i].IsRequired
		}
	},
	describe: (*sourceProvisioningPolicyModel).describe,
	importMiss: func(m *sourceProvisioningPolicyModel) importMiss {
		return importMiss{resource: "sailpoint_source_provisioning_policy", thing: "provisioning policy", id: m.SourceID.ValueString(),
			child: m.UsageType.ValueString() + " provisioning policy"}
	},
	takeOver: func(c *client.Client, m *sourceProvisioningPolicyModel, want *client.ProvisioningPolicy) createOrTakeOver[client.ProvisioningPolicy] {
		sourceID := m.SourceID.ValueString()
		return createOrTakeOver[client.ProvisioningPolicy]{
			typeName: "sailpoint_source_provisioning_policy", thing: m.describe(),
			// ISC gives new sources of some connectors a CREATE policy of its own.
			likelyExists: want.UsageType == createUsageType,
			create: func(ctx context.Context) (*client.ProvisioningPolicy, error) {
				return c.CreateProvisioningPolicy(ctx, sourceID, want)
			},
			// The configuration defines the whole policy, so one PUT takes any existing policy over
			// without reading it; ISC answers 404 when there is none.
			takeOver: func(ctx context.Context, _ *client.ProvisioningPolicy) (*client.ProvisioningPolicy, error) {
				return c.PutProvisioningPolicy(ctx, sourceID, want)
			},
		}
	},
	// A 404 means the policy or its whole source is gone: either way the next plan recreates it.
	read: func(ctx context.Context, c *client.Client, m *sourceProvisioningPolicyModel) (*client.ProvisioningPolicy, error) {
		return c.GetProvisioningPolicy(ctx, m.SourceID.ValueString(), m.UsageType.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *sourceProvisioningPolicyModel, prior, want *client.ProvisioningPolicy) (*client.ProvisioningPolicy, error) {
		p, err := client.ProvisioningPolicyPatch(prior, want)
		if err != nil || len(p) == 0 {
			return nil, err
		}
		return c.PatchProvisioningPolicy(ctx, m.SourceID.ValueString(), m.UsageType.ValueString(), p)
	},
	delete: func(ctx context.Context, c *client.Client, m *sourceProvisioningPolicyModel) error {
		return c.DeleteProvisioningPolicy(ctx, m.SourceID.ValueString(), m.UsageType.ValueString())
	},
	list: &objectList[client.ProvisioningPolicy]{
		filters: sourceChildFilter("provisioning policies"),
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.ProvisioningPolicy], error] {
			return sourceChildren(ctx, c, f, c.ProvisioningPolicies, func(src *client.Source, p *client.ProvisioningPolicy) listed[client.ProvisioningPolicy] {
				return listed[client.ProvisioningPolicy]{key: []string{src.ID, p.UsageType}, name: src.Name + ": " + p.UsageType, obj: p}
			})
		},
	},
}

func (r *sourceProvisioningPolicyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A provisioning policy of a source: the account attributes ISC generates, and how, for one kind of " +
			"provisioning (`usage_type`), such as account creation (`CREATE`). A source has at most one policy per usage type.\n\n" +
			"ISC gives some sources a policy of its own: a new Active Directory or delimited-file source gets a `CREATE` policy. " +
			"Creating this resource for a usage type the source already has takes that policy over: the provider replaces the " +
			"existing policy with this configuration (`PUT`) instead of failing. For `CREATE` it tries that first; for other usage " +
			"types it creates the policy and takes the existing one over only when ISC refuses the create. Destroying the resource deletes the policy, a taken-over one included. " +
			"An import ID whose `SOURCE_ID` is not a source, or whose source has no policy of that usage type, fails saying so.",
		Attributes: map[string]schema.Attribute{
			"id": setByISC("`source_id/USAGE_TYPE`, as used for import."),
			"source_id": schema.StringAttribute{
				MarkdownDescription: "ID of the source the policy belongs to. Changing it replaces the policy.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replace,
			},
			"usage_type": schema.StringAttribute{
				MarkdownDescription: "Kind of provisioning the policy is for, one of " + codeList(client.UsageTypes) + ". " +
					"It names the policy within its source; changing it replaces the policy.",
				Required:      true,
				Validators:    []validator.String{stringvalidator.OneOf(client.UsageTypes...)},
				PlanModifiers: replace,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Policy name. It must not be blank.",
				Required:            true,
				Validators:          nameValidators(),
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Policy description.",
				Optional:            true,
				Computed:            true,
				Default:             planmodify.NullString(),
			},
			"fields": schema.ListNestedAttribute{
				MarkdownDescription: "The account attributes the policy generates, in order. A list, not a map keyed by name: ISC " +
					"computes the attributes in the order of its fields, so a field whose value is built from another must come after " +
					"it, and the order is part of the policy. Inserting a field therefore shows the fields after it as changed. " +
					"Field names must be unique. Unset means no fields.",
				Optional: true,
				Computed: true,
				Default:  listdefault.StaticValue(types.ListValueMust(objectTypeOf[policyFieldModel](), []attr.Value{})),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						MarkdownDescription: "Name of the account attribute. It must not be blank.",
						Required:            true,
						Validators:          nameValidators(),
					},
					"type": schema.StringAttribute{
						MarkdownDescription: "Value type, one of " + codeList(client.FieldTypes) + ". ISC masks and encrypts `secret` values.",
						Optional:            true,
						Computed:            true,
						Default:             planmodify.NullString(),
						Validators:          []validator.String{stringvalidator.OneOf(client.FieldTypes...)},
					},
					"is_multi_valued": schema.BoolAttribute{
						MarkdownDescription: "Whether the attribute holds several values. Default `false`.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"transform": schema.StringAttribute{
						MarkdownDescription: "Transform that computes the value, as a JSON object (use `jsonencode`), such as " +
							"`jsonencode({ type = \"identityAttribute\", attributes = { name = \"uid\" } })`. Default `{}`, ISC's default (no transform).",
						CustomType: jsonType{},
						Optional:   true,
						Computed:   true,
						Default:    stringdefault.StaticString("{}"),
						Validators: []validator.String{validate.JSONObject()},
					},
					"attributes": schema.StringAttribute{
						MarkdownDescription: "Further attributes of the field as a JSON object, such as `jsonencode({ cloudRequired = \"true\" })`. Default `{}`.",
						CustomType:          jsonType{},
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString("{}"),
						Validators:          []validator.String{validate.JSONObject()},
					},
					"is_required": schema.BoolAttribute{
						MarkdownDescription: "Whether ISC requires the attribute; ISC sets it from the field's `attributes` (`cloudRequired`).",
						Computed:            true,
						PlanModifiers:       []planmodifier.Bool{fieldIsRequiredUnchanged{}},
					},
				}},
			},
		},
	}
}

// ValidateConfig rejects two fields of one name: ISC keys a policy's fields by name.
func (r *sourceProvisioningPolicyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var fields types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("fields"), &fields)...)
	if resp.Diagnostics.HasError() || fields.IsNull() || fields.IsUnknown() {
		return
	}
	first := map[string]int{}
	for i, v := range fields.Elements() {
		obj, ok := v.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		name, ok := obj.Attributes()["name"].(types.String)
		if !ok || name.IsNull() || name.IsUnknown() {
			continue
		}
		if j, dup := first[name.ValueString()]; dup {
			resp.Diagnostics.AddAttributeError(path.Root("fields").AtListIndex(i).AtName("name"), "Duplicate provisioning policy field",
				fmt.Sprintf("fields[%d] and fields[%d] are both named %q; a policy has one field per account attribute, so merge them into one.", j, i, name.ValueString()))
			continue
		}
		first[name.ValueString()] = i
	}
}

func (m *sourceProvisioningPolicyModel) describe() string {
	return fmt.Sprintf("provisioning policy %s of source %s", m.UsageType.ValueString(), m.SourceID.ValueString())
}

// toClient builds ISC's policy from the model; is_required, ISC's to set, is left out.
func (m *sourceProvisioningPolicyModel) toClient() (*client.ProvisioningPolicy, diag.Diagnostics) {
	var diags diag.Diagnostics
	p := &client.ProvisioningPolicy{
		Name:        m.Name.ValueString(),
		Description: m.Description.ValueString(),
		UsageType:   m.UsageType.ValueString(),
		Fields:      make([]client.FieldDetails, 0, len(m.Fields)),
	}
	for i, f := range m.Fields {
		at := path.Root("fields").AtListIndex(i)
		transform := jsonObjectAt(f.Transform, at.AtName("transform"), &diags)
		attributes := jsonObjectAt(f.Attributes, at.AtName("attributes"), &diags)
		p.Fields = append(p.Fields, client.FieldDetails{
			Name:          f.Name.ValueString(),
			Type:          f.Type.ValueString(),
			IsMultiValued: f.IsMultiValued.ValueBool(),
			Transform:     transform,
			Attributes:    attributes,
		})
	}
	return p, diags
}

// fromClient sets the model from ISC's policy. The model's description before (the plan's after
// an apply, the state's on a read) tells whether an empty description is unset or set to "".
func (m *sourceProvisioningPolicyModel) fromClient(p *client.ProvisioningPolicy) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(m.SourceID.ValueString() + "/" + m.UsageType.ValueString())
	m.Name = types.StringValue(p.Name)
	if p.Description != "" || (!m.Description.IsNull() && !m.Description.IsUnknown()) {
		m.Description = types.StringValue(p.Description)
	} else {
		m.Description = types.StringNull()
	}
	m.Fields = make([]policyFieldModel, 0, len(p.Fields))
	for i, f := range p.Fields {
		transform, err := normalizedJSON(emptyIfNil(f.Transform))
		if err != nil {
			diags.AddAttributeError(path.Root("fields").AtListIndex(i).AtName("transform"), "Cannot read transform", err.Error())
		}
		attributes, err := normalizedJSON(emptyIfNil(f.Attributes))
		if err != nil {
			diags.AddAttributeError(path.Root("fields").AtListIndex(i).AtName("attributes"), "Cannot read attributes", err.Error())
		}
		m.Fields = append(m.Fields, policyFieldModel{
			Name:          types.StringValue(f.Name),
			Type:          stringOrNull(f.Type),
			IsMultiValued: types.BoolValue(f.IsMultiValued),
			Transform:     transform,
			Attributes:    attributes,
			IsRequired:    types.BoolValue(f.IsRequired),
		})
	}
	return diags
}

// emptyIfNil stands in ISC's default {} for an object it left out.
func emptyIfNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// fieldIsRequiredUnchanged plans a field's is_required as its prior value when the policy and
// the field stay (same source, usage type and field name) and the field's attributes, from
// which ISC derives it, are unchanged. The prior field is found by name, not by position, so
// adding, removing or changing one field leaves the others known in the plan.
type fieldIsRequiredUnchanged struct{}

func (fieldIsRequiredUnchanged) Description(context.Context) string {
	return "Keeps is_required while the field's name and attributes are unchanged."
}

func (m fieldIsRequiredUnchanged) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (fieldIsRequiredUnchanged) PlanModifyBool(ctx context.Context, req planmodifier.BoolRequest, resp *planmodifier.BoolResponse) {
	if !req.PlanValue.IsUnknown() || req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	for _, key := range []string{"source_id", "usage_type"} {
		var planned, prior types.String
		if req.Plan.GetAttribute(ctx, path.Root(key), &planned).HasError() || req.State.GetAttribute(ctx, path.Root(key), &prior).HasError() ||
			planned.IsUnknown() || !planned.Equal(prior) {
			return
		}
	}
	var field policyFieldModel
	if req.Plan.GetAttribute(ctx, req.Path.ParentPath(), &field).HasError() || field.Name.IsUnknown() || field.Attributes.IsUnknown() {
		return
	}
	var priorFields []policyFieldModel
	if req.State.GetAttribute(ctx, path.Root("fields"), &priorFields).HasError() {
		return
	}
	for _, p := range priorFields {
		if !p.Name.Equal(field.Name) {
			continue
		}
		if same, d := p.Attributes.StringSemanticEquals(ctx, field.Attributes); same && !d.HasError() {
			resp.PlanValue = p.IsRequired
		}
		return
	}
}
