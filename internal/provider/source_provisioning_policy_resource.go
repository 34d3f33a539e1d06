package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

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
)

var (
	_ resource.ResourceWithConfigure      = (*sourceProvisioningPolicyResource)(nil)
	_ resource.ResourceWithImportState    = (*sourceProvisioningPolicyResource)(nil)
	_ resource.ResourceWithValidateConfig = (*sourceProvisioningPolicyResource)(nil)
)

// NewSourceProvisioningPolicyResource is the factory of sailpoint_source_provisioning_policy.
func NewSourceProvisioningPolicyResource() resource.Resource {
	return &sourceProvisioningPolicyResource{}
}

type sourceProvisioningPolicyResource struct {
	clientHolder
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

var policyFieldType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"name":            types.StringType,
	"type":            types.StringType,
	"is_multi_valued": types.BoolType,
	"transform":       jsonType{},
	"attributes":      jsonType{},
	"is_required":     types.BoolType,
}}

// createUsageType is the usage type of the policy ISC makes itself for some sources.
const createUsageType = "CREATE"

// provisioningPolicyImportID is the shape of the import ID, which is also the resource's id.
const provisioningPolicyImportID = "SOURCE_ID/USAGE_TYPE"

func (r *sourceProvisioningPolicyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_source_provisioning_policy"
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
			"id": schema.StringAttribute{
				MarkdownDescription: "`source_id/USAGE_TYPE`, as used for import.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
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
			},
			"fields": schema.ListNestedAttribute{
				MarkdownDescription: "The account attributes the policy generates, in order. Field names must be unique. Unset means no fields.",
				Optional:            true,
				Computed:            true,
				Default:             listdefault.StaticValue(types.ListValueMust(policyFieldType, []attr.Value{})),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"name": schema.StringAttribute{
						MarkdownDescription: "Name of the account attribute. It must not be blank.",
						Required:            true,
						Validators:          nameValidators(),
					},
					"type": schema.StringAttribute{
						MarkdownDescription: "Value type, one of " + codeList(client.FieldTypes) + ". ISC masks and encrypts `secret` values.",
						Optional:            true,
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
						Validators: []validator.String{jsonObjectValidator{}},
					},
					"attributes": schema.StringAttribute{
						MarkdownDescription: "Further attributes of the field as a JSON object, such as `jsonencode({ cloudRequired = \"true\" })`. Default `{}`.",
						CustomType:          jsonType{},
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString("{}"),
						Validators:          []validator.String{jsonObjectValidator{}},
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

func (r *sourceProvisioningPolicyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan sourceProvisioningPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want, diags := plan.toClient()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	sourceID := plan.SourceID.ValueString()
	got := createOrTakeOver[client.ProvisioningPolicy]{
		typeName: "sailpoint_source_provisioning_policy",
		thing:    plan.describe(),
		// ISC gives new sources of some connectors a CREATE policy of its own.
		likelyExists: want.UsageType == createUsageType,
		create: func(ctx context.Context) (*client.ProvisioningPolicy, error) {
			return r.client.CreateProvisioningPolicy(ctx, sourceID, want)
		},
		// The configuration defines the whole policy, so one PUT takes any existing policy over
		// without reading it; ISC answers 404 when there is none.
		takeOver: func(ctx context.Context, _ *client.ProvisioningPolicy) (*client.ProvisioningPolicy, error) {
			return r.client.PutProvisioningPolicy(ctx, sourceID, want)
		},
	}.run(ctx, &resp.Diagnostics)
	if got == nil {
		return
	}
	state := plan
	resp.Diagnostics.Append(state.fromClient(got, plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sourceProvisioningPolicyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state sourceProvisioningPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	imported := justImported(ctx, req, resp)
	got, err := r.client.GetProvisioningPolicy(ctx, state.SourceID.ValueString(), state.UsageType.ValueString())
	if errors.Is(err, client.ErrNotFound) {
		miss := importMiss{resource: "sailpoint_source_provisioning_policy", thing: "provisioning policy", id: state.SourceID.ValueString(),
			child: state.UsageType.ValueString() + " provisioning policy"}
		if imported && r.explainImportMiss(ctx, miss, &resp.Diagnostics) {
			return
		}
		// The policy, or its whole source, is gone: the next plan creates it again.
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", state.describe(), err)
		return
	}
	resp.Diagnostics.Append(state.fromClient(got, state)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sourceProvisioningPolicyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior sourceProvisioningPolicyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	from, diags := prior.toClient()
	resp.Diagnostics.Append(diags...)
	to, diags := plan.toClient()
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	sourceID, usageType, thing := plan.SourceID.ValueString(), plan.UsageType.ValueString(), plan.describe()
	patch, err := client.ProvisioningPolicyPatch(from, to)
	if err != nil {
		addAPIError(&resp.Diagnostics, "preparing the update of", thing, err)
		return
	}
	got := from
	if len(patch) > 0 {
		if got, err = r.client.PatchProvisioningPolicy(ctx, sourceID, usageType, patch); err != nil {
			addAPIError(&resp.Diagnostics, "updating", thing, err)
			return
		}
	} else {
		// Only a spelling changed that ISC does not keep apart (an unset description and ""):
		// ISC holds the prior policy, whose fields' is_required the state knows.
		for i := range got.Fields {
			got.Fields[i].IsRequired = prior.Fields[i].IsRequired.ValueBool()
		}
	}
	state := plan
	resp.Diagnostics.Append(state.fromClient(got, plan)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sourceProvisioningPolicyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state sourceProvisioningPolicyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	addDeleteError(&resp.Diagnostics, state.describe(), r.client.DeleteProvisioningPolicy(ctx, state.SourceID.ValueString(), state.UsageType.ValueString()))
}

func (r *sourceProvisioningPolicyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts, err := parseImportID(req.ID, provisioningPolicyImportID)
	if err == nil && !slices.Contains(client.UsageTypes, parts[1]) {
		err = fmt.Errorf("expected %s, got %q: USAGE_TYPE must be one of %s", provisioningPolicyImportID, req.ID, strings.Join(client.UsageTypes, ", "))
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for sailpoint_source_provisioning_policy", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("source_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("usage_type"), parts[1])...)
	markImported(ctx, resp)
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

// fromClient sets the model from ISC's policy. prior (the plan after an apply, the state on a
// read) tells whether an empty description is unset or set to "".
func (m *sourceProvisioningPolicyModel) fromClient(p *client.ProvisioningPolicy, prior sourceProvisioningPolicyModel) diag.Diagnostics {
	var diags diag.Diagnostics
	m.ID = types.StringValue(m.SourceID.ValueString() + "/" + m.UsageType.ValueString())
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringNull()
	if p.Description != "" || (!prior.Description.IsNull() && !prior.Description.IsUnknown()) {
		m.Description = types.StringValue(p.Description)
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
