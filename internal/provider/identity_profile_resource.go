package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ resource.ResourceWithConfigure      = (*identityProfileResource)(nil)
	_ resource.ResourceWithImportState    = (*identityProfileResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*identityProfileResource)(nil)
	_ resource.ResourceWithValidateConfig = (*identityProfileResource)(nil)
)

// NewIdentityProfileResource is the factory of sailpoint_identity_profile.
func NewIdentityProfileResource() resource.Resource {
	return &identityProfileResource{kitResource[identityProfileModel, client.IdentityProfile]{kit: &identityProfileKit}}
}

type identityProfileResource struct {
	kitResource[identityProfileModel, client.IdentityProfile]
}

// identityProfileKit: profiles are patched, in two requests when the authoritative source and
// the attribute configuration change together, and deleted in a background task.
var identityProfileKit = objectKit[identityProfileModel, client.IdentityProfile]{
	typeName: "sailpoint_identity_profile", noun: "identity profile",
	importShape: "IDENTITY_PROFILE_ID", importAttrs: []string{"id"},
	toClient: func(_ context.Context, m *identityProfileModel) (*client.IdentityProfile, diag.Diagnostics) {
		return m.toClient()
	},
	fromClient: func(_ context.Context, p *client.IdentityProfile, m *identityProfileModel, applied bool) diag.Diagnostics {
		return m.fromClient(p, *m, applied)
	},
	keepServerValues: func(m, prior *identityProfileModel) { m.copyServerValues(*prior) },
	describe:         func(m *identityProfileModel) string { return "identity profile " + m.ID.ValueString() },
	importMiss: func(m *identityProfileModel) importMiss {
		return importMiss{resource: "sailpoint_identity_profile", thing: "identity profile", id: m.ID.ValueString()}
	},
	create: func(ctx context.Context, c *client.Client, want *client.IdentityProfile) (*client.IdentityProfile, error) {
		return c.CreateIdentityProfile(ctx, want)
	},
	read: func(ctx context.Context, c *client.Client, m *identityProfileModel) (*client.IdentityProfile, error) {
		return c.GetIdentityProfile(ctx, m.ID.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *identityProfileModel, from, to *client.IdentityProfile) (*client.IdentityProfile, error) {
		patches, err := client.IdentityProfilePatches(from, to)
		if err != nil || len(patches) == 0 {
			return nil, err
		}
		// On an error, the profile after the patches that went through, for the state.
		return c.UpdateIdentityProfile(ctx, m.ID.ValueString(), patches)
	},
	partialUpdates: true,
	deleteAsync: &asyncDelete[identityProfileModel]{
		timeouts: func(m *identityProfileModel) timeouts.Value { return m.Timeouts },
		fallback: defaultIdentityProfileDeleteTimeout,
		start: func(ctx context.Context, c *client.Client, m *identityProfileModel) (*client.TaskRef, error) {
			return c.DeleteIdentityProfile(ctx, m.ID.ValueString())
		},
		wait: func(ctx context.Context, c *client.Client, m *identityProfileModel, taskID string) error {
			return c.WaitForIdentityProfileDeleted(ctx, m.ID.ValueString(), taskID)
		},
	},
}

type identityProfileModel struct {
	ID                               types.String          `tfsdk:"id"`
	Name                             types.String          `tfsdk:"name"`
	Description                      types.String          `tfsdk:"description"`
	Owner                            *refModel             `tfsdk:"owner"`
	Priority                         types.Int64           `tfsdk:"priority"`
	AuthoritativeSource              *refModel             `tfsdk:"authoritative_source"`
	IdentityAttributeConfig          *attributeConfigModel `tfsdk:"identity_attribute_config"`
	IdentityCount                    types.Int64           `tfsdk:"identity_count"`
	IdentityRefreshRequired          types.Bool            `tfsdk:"identity_refresh_required"`
	HasTimeBasedAttr                 types.Bool            `tfsdk:"has_time_based_attr"`
	IdentityExceptionReportReference types.Object          `tfsdk:"identity_exception_report_reference"`
	Created                          types.String          `tfsdk:"created"`
	Modified                         types.String          `tfsdk:"modified"`
	Timeouts                         timeouts.Value        `tfsdk:"timeouts"`
}

type attributeConfigModel struct {
	Enabled             types.Bool                `tfsdk:"enabled"`
	AttributeTransforms []attributeTransformModel `tfsdk:"attribute_transforms"`
}

type attributeTransformModel struct {
	IdentityAttributeName types.String             `tfsdk:"identity_attribute_name"`
	TransformDefinition   transformDefinitionModel `tfsdk:"transform_definition"`
}

type transformDefinitionModel struct {
	Type       types.String `tfsdk:"type"`
	Attributes jsonValue    `tfsdk:"attributes"`
}

var (
	transformType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"identity_attribute_name": types.StringType,
		"transform_definition": types.ObjectType{AttrTypes: map[string]attr.Type{
			"type":       types.StringType,
			"attributes": jsonType{},
		}},
	}}
	attributeConfigAttrTypes = map[string]attr.Type{
		"enabled":              types.BoolType,
		"attribute_transforms": types.ListType{ElemType: transformType},
	}
	exceptionReportAttrTypes = map[string]attr.Type{
		"task_result_id": types.StringType,
		"report_name":    types.StringType,
	}
)

// ISC's defaults for an identity profile's attribute configuration: disabled, no transforms.
var (
	noTransforms           = types.ListValueMust(transformType, []attr.Value{})
	defaultAttributeConfig = types.ObjectValueMust(attributeConfigAttrTypes, map[string]attr.Value{
		"enabled":              types.BoolValue(false),
		"attribute_transforms": noTransforms,
	})
)

const defaultIdentityProfileDeleteTimeout = 20 * time.Minute

func (r *identityProfileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An identity profile: ISC builds an identity from each account of the profile's authoritative source, " +
			"and computes its identity attributes with the profile's attribute transforms.\n\n" +
			"ISC refuses one update that changes both the authoritative source and the attribute configuration, so when both change " +
			"the provider sends two patches, the authoritative source first; the plan still shows one in-place update. " +
			"A source is the authoritative source of at most one profile: the plan fails when another profile uses the configured source. " +
			"A source in use as an authoritative source reports `authoritative = true`, and ISC refuses to delete it until the profile is gone: " +
			"the plan of a change that destroys or replaces it fails, naming the profile (see `sailpoint_source` for the way out). " +
			"Refer to the source by its `id` attribute, so that Terraform deletes the profile before the source. " +
			"An import ID of a source fails saying so. " +
			"ISC deletes a profile in a background task; the provider waits until it is gone, bounded by `timeouts.delete`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Identity profile ID, set by ISC.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Identity profile name, unique in the tenant. It must not be blank.",
				Required:            true,
				Validators:          nameValidators(),
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Identity profile description.",
				Optional:            true,
				Computed:            true,
				Default:             planmodify.NullString(),
			},
			"owner": refAttribute("Identity that owns the profile.", false),
			"priority": schema.Int64Attribute{
				MarkdownDescription: "Priority of the profile: an identity with accounts on the authoritative sources of several profiles " +
					"belongs to the profile with the lowest number. When unset, ISC's value is kept (for a new profile, 10 more than the highest in the tenant).",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"authoritative_source": refAttribute("Source whose accounts make the profile's identities. A source is the authoritative "+
				"source of at most one profile. Changing it updates the profile in place.", true),
			"identity_attribute_config": schema.SingleNestedAttribute{
				MarkdownDescription: "How ISC computes identity attributes from account data. Unset means ISC's default: disabled, with no transforms.",
				Optional:            true,
				Computed:            true,
				Default:             objectdefault.StaticValue(defaultAttributeConfig),
				Attributes: map[string]schema.Attribute{
					"enabled": schema.BoolAttribute{
						MarkdownDescription: "Whether ISC promotes the computed values to the identities. Default `false`, as in ISC.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"attribute_transforms": schema.ListNestedAttribute{
						MarkdownDescription: "One transform per identity attribute, in ISC's order. Default none.",
						Optional:            true,
						Computed:            true,
						Default:             listdefault.StaticValue(noTransforms),
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"identity_attribute_name": schema.StringAttribute{
								MarkdownDescription: "Identity attribute the transform computes, such as `email`. Each may appear once; it must not be blank.",
								Required:            true,
								Validators:          nameValidators(),
							},
							"transform_definition": schema.SingleNestedAttribute{
								MarkdownDescription: "The transform that computes the value.",
								Required:            true,
								Attributes: map[string]schema.Attribute{
									"type": schema.StringAttribute{
										MarkdownDescription: "Transform type, such as `accountAttribute` or `reference`.",
										Required:            true,
										Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
									},
									"attributes": schema.StringAttribute{
										MarkdownDescription: "The transform's attributes as a JSON object (use `jsonencode`), such as " +
											"`{ attributeName, sourceName, sourceId }` for `accountAttribute`.",
										CustomType: jsonType{},
										Optional:   true,
										Computed:   true,
										Default:    planmodify.NullString(),
										Validators: []validator.String{validate.JSONObject()},
									},
								},
							},
						}},
					},
				},
			},
			"identity_count": schema.Int64Attribute{
				MarkdownDescription: "Number of identities in the profile.",
				Computed:            true,
			},
			"identity_refresh_required": schema.BoolAttribute{
				MarkdownDescription: "Whether the profile's identities need a refresh for a change to take effect.",
				Computed:            true,
			},
			"has_time_based_attr": schema.BoolAttribute{
				MarkdownDescription: "Whether an attribute of the profile depends on time, so its identities are refreshed periodically.",
				Computed:            true,
			},
			"identity_exception_report_reference": schema.SingleNestedAttribute{
				MarkdownDescription: "The report of the last identity refresh's exceptions, if ISC has one.",
				Computed:            true,
				Attributes: map[string]schema.Attribute{
					"task_result_id": schema.StringAttribute{MarkdownDescription: "Task result ID of the report.", Computed: true},
					"report_name":    schema.StringAttribute{MarkdownDescription: "Report name.", Computed: true},
				},
			},
			"created": schema.StringAttribute{
				MarkdownDescription: "When the profile was created.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"modified": schema.StringAttribute{
				MarkdownDescription: "When the profile was last changed.",
				Computed:            true,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Delete: true}),
		},
	}
}

// ValidateConfig checks the transforms as a whole: one per identity attribute.
func (r *identityProfileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	listPath := path.Root("identity_attribute_config").AtName("attribute_transforms")
	var list types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, listPath, &list)...)
	if resp.Diagnostics.HasError() || list.IsNull() || list.IsUnknown() {
		return
	}
	seen := map[string]int{}
	for i, elem := range list.Elements() {
		obj, ok := elem.(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		name, ok := obj.Attributes()["identity_attribute_name"].(types.String)
		if !ok || name.IsNull() || name.IsUnknown() {
			continue
		}
		at := listPath.AtListIndex(i).AtName("identity_attribute_name")
		if first, dup := seen[name.ValueString()]; dup {
			resp.Diagnostics.AddAttributeError(at, "Duplicate identity attribute transform",
				fmt.Sprintf("%s is %q, which attribute_transforms[%d] already computes: an identity attribute takes one transform. "+
					"Merge the two transforms or remove one of them.", at, name.ValueString(), first))
			continue
		}
		seen[name.ValueString()] = i
	}
}

// ModifyPlan records a planned destroy for the run, so that the plan of the profile's source
// knows the profile goes first, and refuses an authoritative source that another profile uses.
func (r *identityProfileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	var id types.String
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	}
	if req.Plan.Raw.IsNull() {
		r.run.planProfileDestroy(id.ValueString())
		return
	}
	sourceAt := path.Root("authoritative_source").AtName("id")
	var planned, prior, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, sourceAt, &planned)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if !req.State.Raw.IsNull() {
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, sourceAt, &prior)...)
	}
	if resp.Diagnostics.HasError() || planned.IsUnknown() || planned.IsNull() || planned.Equal(prior) {
		return
	}
	r.refuseSourceTaken(ctx, id.ValueString(), name.ValueString(), planned.ValueString(), &resp.Diagnostics)
}

// toClient builds the ISC profile from the model, with ISC's defaults where the model has none.
func (m *identityProfileModel) toClient() (*client.IdentityProfile, diag.Diagnostics) {
	var diags diag.Diagnostics
	p := &client.IdentityProfile{
		ID:                  m.ID.ValueString(),
		Name:                m.Name.ValueString(),
		Owner:               m.Owner.toClient(client.RefIdentity),
		AuthoritativeSource: m.AuthoritativeSource.toClient(client.RefSource),
		IdentityAttributeConfig: &client.IdentityAttributeConfig{
			AttributeTransforms: []client.IdentityAttributeTransform{},
		},
	}
	if !m.Description.IsNull() && !m.Description.IsUnknown() {
		d := m.Description.ValueString()
		p.Description = &d
	}
	if !m.Priority.IsNull() && !m.Priority.IsUnknown() {
		v := m.Priority.ValueInt64()
		p.Priority = &v
	}
	if c := m.IdentityAttributeConfig; c != nil {
		p.IdentityAttributeConfig.Enabled = c.Enabled.ValueBool()
		for i, t := range c.AttributeTransforms {
			attrs := jsonObjectAt(t.TransformDefinition.Attributes, path.Root("identity_attribute_config").AtName("attribute_transforms").
				AtListIndex(i).AtName("transform_definition").AtName("attributes"), &diags)
			if attrs == nil {
				attrs = map[string]any{} // ISC's value for no attributes
			}
			p.IdentityAttributeConfig.AttributeTransforms = append(p.IdentityAttributeConfig.AttributeTransforms, client.IdentityAttributeTransform{
				IdentityAttributeName: t.IdentityAttributeName.ValueString(),
				TransformDefinition:   client.TransformDefinition{Type: t.TransformDefinition.Type.ValueString(), Attributes: attrs},
			})
		}
	}
	return p, diags
}

// fromClient sets the model from ISC's profile. prior (the plan after an apply, the state on a
// read) tells apart what ISC does not: an unset description from an empty one, unset transform
// attributes from {}, and, after an apply, the reference names the plan set.
func (m *identityProfileModel) fromClient(p *client.IdentityProfile, prior identityProfileModel, applied bool) diag.Diagnostics {
	var diags diag.Diagnostics
	var plannedOwner, plannedSource *refModel
	if applied {
		plannedOwner, plannedSource = prior.Owner, prior.AuthoritativeSource
	}
	m.ID = types.StringValue(p.ID)
	m.Name = types.StringValue(p.Name)
	m.Description = types.StringNull()
	if p.Description != nil && (*p.Description != "" || !prior.Description.IsNull()) {
		m.Description = types.StringValue(*p.Description)
	}
	m.Owner = refFromClient(p.Owner, plannedOwner)
	m.AuthoritativeSource = refFromClient(p.AuthoritativeSource, plannedSource)
	m.Priority = types.Int64Null()
	if p.Priority != nil {
		m.Priority = types.Int64Value(*p.Priority)
	}
	config, err := attributeConfigFromClient(p.IdentityAttributeConfig, prior.IdentityAttributeConfig)
	if err != nil {
		diags.AddAttributeError(path.Root("identity_attribute_config"), "Cannot read identity_attribute_config", err.Error())
	}
	m.IdentityAttributeConfig = config
	m.IdentityCount = types.Int64Value(int64(p.IdentityCount))
	m.IdentityRefreshRequired = types.BoolValue(p.IdentityRefreshRequired)
	m.HasTimeBasedAttr = types.BoolValue(p.HasTimeBasedAttr)
	m.IdentityExceptionReportReference = types.ObjectNull(exceptionReportAttrTypes)
	if ref := p.IdentityExceptionReportReference; ref != nil {
		var d diag.Diagnostics
		m.IdentityExceptionReportReference, d = types.ObjectValue(exceptionReportAttrTypes, map[string]attr.Value{
			"task_result_id": stringOrNull(ref.TaskResultID),
			"report_name":    stringOrNull(ref.ReportName),
		})
		diags.Append(d...)
	}
	m.Created = types.StringValue(p.Created)
	m.Modified = types.StringValue(p.Modified)
	return diags
}

// copyServerValues takes the values only ISC sets from prior.
func (m *identityProfileModel) copyServerValues(prior identityProfileModel) {
	m.ID, m.Created, m.Modified, m.IdentityCount = prior.ID, prior.Created, prior.Modified, prior.IdentityCount
	m.IdentityRefreshRequired, m.HasTimeBasedAttr = prior.IdentityRefreshRequired, prior.HasTimeBasedAttr
	m.IdentityExceptionReportReference = prior.IdentityExceptionReportReference
}

// attributeConfigFromClient converts ISC's attribute configuration; a missing one is ISC's
// default. The transforms of prior, matched by position, keep their own spelling of equal
// attributes.
func attributeConfigFromClient(c *client.IdentityAttributeConfig, prior *attributeConfigModel) (*attributeConfigModel, error) {
	out := &attributeConfigModel{Enabled: types.BoolValue(false), AttributeTransforms: []attributeTransformModel{}}
	if c == nil {
		return out, nil
	}
	out.Enabled = types.BoolValue(c.Enabled)
	for i, t := range c.AttributeTransforms {
		priorAttrs := jsonNull()
		if prior != nil && i < len(prior.AttributeTransforms) {
			priorAttrs = prior.AttributeTransforms[i].TransformDefinition.Attributes
		}
		attrs, err := transformAttributes(t.TransformDefinition.Attributes, priorAttrs)
		if err != nil {
			return out, err
		}
		out.AttributeTransforms = append(out.AttributeTransforms, attributeTransformModel{
			IdentityAttributeName: types.StringValue(t.IdentityAttributeName),
			TransformDefinition:   transformDefinitionModel{Type: types.StringValue(t.TransformDefinition.Type), Attributes: attrs},
		})
	}
	return out, nil
}

// transformAttributes is ISC's attributes of a transform in state form. ISC answers {} for none:
// that is null unless prior says {} itself.
func transformAttributes(server map[string]any, prior jsonValue) (jsonValue, error) {
	priorKnown := !prior.IsNull() && !prior.IsUnknown()
	if len(server) == 0 {
		if priorObj, err := jsonObject(prior); priorKnown && err == nil && len(priorObj) == 0 {
			return prior, nil
		}
		return jsonNull(), nil
	}
	v, err := normalizedJSON(server)
	if err != nil {
		return v, err
	}
	if priorKnown && client.JSONEqual([]byte(prior.ValueString()), []byte(v.ValueString())) {
		return prior, nil
	}
	return v, nil
}
