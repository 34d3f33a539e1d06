package provider

import (
	"context"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ resource.ResourceWithConfigure    = (*identityProfileResource)(nil)
	_ resource.ResourceWithImportState  = (*identityProfileResource)(nil)
	_ resource.ResourceWithModifyPlan   = (*identityProfileResource)(nil)
	_ resource.ResourceWithUpgradeState = (*identityProfileResource)(nil)
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
		patches, err := c.IdentityProfileChanges(ctx, from, to)
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
	list: &objectList[client.IdentityProfile]{
		filters: nameFilter("identity profiles"),
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.IdentityProfile], error] {
			return pagesOf(c.IdentityProfilePages(ctx, nameOptions(f, nil)), func(p *client.IdentityProfile) listed[client.IdentityProfile] {
				return listed[client.IdentityProfile]{key: []string{p.ID}, name: p.Name, obj: p}
			})
		},
	},
}

type identityProfileModel struct {
	identityProfileSettings
	IdentityCount                    types.Int64    `tfsdk:"identity_count"`
	IdentityRefreshRequired          types.Bool     `tfsdk:"identity_refresh_required"`
	HasTimeBasedAttr                 types.Bool     `tfsdk:"has_time_based_attr"`
	IdentityExceptionReportReference types.Object   `tfsdk:"identity_exception_report_reference"`
	Created                          types.String   `tfsdk:"created"`
	Timeouts                         timeouts.Value `tfsdk:"timeouts"`
}

// identityProfileSettings are a profile's id and what a configuration sets: all that the
// sailpoint_identity_profile data source tells.
type identityProfileSettings struct {
	ID                      types.String          `tfsdk:"id"`
	Name                    types.String          `tfsdk:"name"`
	Description             types.String          `tfsdk:"description"`
	Owner                   *refModel             `tfsdk:"owner"`
	Priority                types.Int64           `tfsdk:"priority"`
	AuthoritativeSource     *refModel             `tfsdk:"authoritative_source"`
	IdentityAttributeConfig *attributeConfigModel `tfsdk:"identity_attribute_config"`
}

type attributeConfigModel struct {
	Enabled types.Bool `tfsdk:"enabled"`
	// AttributeTransforms maps each identity attribute's name to its transform.
	AttributeTransforms map[string]attributeTransformModel `tfsdk:"attribute_transforms"`
}

type attributeTransformModel struct {
	TransformDefinition transformDefinitionModel `tfsdk:"transform_definition"`
}

type transformDefinitionModel struct {
	Type       types.String `tfsdk:"type"`
	Attributes jsonValue    `tfsdk:"attributes"`
}

var (
	transformType            = objectTypeOf[attributeTransformModel]()
	attributeConfigAttrTypes = objectTypeOf[attributeConfigModel]().AttrTypes
	exceptionReportAttrTypes = map[string]attr.Type{
		"task_result_id": types.StringType,
		"report_name":    types.StringType,
	}
)

// ISC's defaults for an identity profile's attribute configuration: disabled, no transforms.
var (
	noTransforms           = types.MapValueMust(transformType, map[string]attr.Value{})
	defaultAttributeConfig = types.ObjectValueMust(attributeConfigAttrTypes, map[string]attr.Value{
		"enabled":              types.BoolValue(false),
		"attribute_transforms": noTransforms,
	})
)

const defaultIdentityProfileDeleteTimeout = 20 * time.Minute

// What ISC derives the profile's computed flags from.
var (
	attributeConfigPath       = path.Root("identity_attribute_config")
	authoritativeSourceIDPath = path.Root("authoritative_source").AtName("id")
)

func (r *identityProfileResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		// Version 1 keys the attribute transforms by identity attribute (a list before, see UpgradeState).
		Version: 1,
		MarkdownDescription: "An identity profile: ISC builds an identity from each account of the profile's authoritative source, " +
			"and computes its identity attributes with the profile's attribute transforms.\n\n" +
			"ISC refuses one update that changes both the authoritative source and the attribute configuration, so when both change " +
			"the provider sends two patches, the authoritative source first; the plan still shows one in-place update. " +
			"A source is the authoritative source of at most one profile: the plan fails when another profile uses the configured source. " +
			"A source in use as an authoritative source reports `authoritative = true`, and ISC refuses to delete it until the profile is gone: " +
			"the plan of a change that destroys or replaces it fails, naming the profile (see `sailpoint_source` for the way out). " +
			"Refer to the source by its `id` attribute, so that Terraform deletes the profile before the source. " +
			"An import ID of a source fails saying so. " +
			"ISC deletes a profile in a background task; the provider waits until it is gone, bounded by `timeouts.delete`.\n\n" +
			"**Wiring transforms and identity attributes.** ISC names both by name in a profile, not by ID: a mapping's key is " +
			"the identity attribute's name, and a saved transform is used as a transform of type `reference` whose `attributes.id` " +
			"is the transform's name. Write those names as references to the resources that manage them, " +
			"`(sailpoint_identity_attribute.x.name) = { ... }` for the key (the parentheses make the key an expression) and " +
			"`attributes = jsonencode({ id = sailpoint_transform.x.name })`, so that Terraform creates the transform and the " +
			"attribute before the profile and destroys the profile first, as ISC requires: it refuses to delete a transform or an " +
			"identity attribute that a profile maps. For ones managed elsewhere, refer to the `sailpoint_transform` and " +
			"`sailpoint_identity_attribute` data sources instead: the names are the same in every tenant, and a tenant that lacks " +
			"one fails the plan rather than the apply. `sailpoint_identity_profile_preview` shows what the mappings compute for an " +
			"identity before they are applied.",
		Attributes: map[string]schema.Attribute{
			"id": setByISC("Identity profile ID, set by ISC."),
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
					"attribute_transforms": schema.MapNestedAttribute{
						MarkdownDescription: "The transforms that compute identity attributes, keyed by identity attribute name, such as " +
							"`{ email = { transform_definition = { type = \"accountAttribute\", attributes = jsonencode({ ... }) } } }`: " +
							"one transform per identity attribute, whose name must not be blank. A map, not a list: ISC keeps the " +
							"transforms in an array, but SailPoint documents no meaning for their order, so a plan shows an added, removed or changed " +
							"transform as exactly that. A change patches only the transforms that differ: the others keep ISC's order, " +
							"and new ones go at the end. Default none.",
						Optional:   true,
						Computed:   true,
						Default:    mapdefault.StaticValue(noTransforms),
						Validators: []validator.Map{mapvalidator.KeysAre(nameValidators()...)},
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
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
			// ISC maintains these on its own (processing identities, refreshing them). An update keeps the state's
			// values, as the last refresh read them, except for those derived from what it changes.
			"identity_count": schema.Int64Attribute{
				MarkdownDescription: "Number of identities in the profile, as ISC counted them at the last refresh (ISC processes " +
					"identities in the background, so an apply does not change it).",
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"identity_refresh_required": schema.BoolAttribute{
				MarkdownDescription: "Whether the profile's identities need a refresh for a change to take effect. " +
					"A plan that changes the attribute configuration or the authoritative source shows it as known after apply.",
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{planmodify.DerivedFrom(attributeConfigPath, authoritativeSourceIDPath)},
			},
			"has_time_based_attr": schema.BoolAttribute{
				MarkdownDescription: "Whether an attribute of the profile depends on time, so its identities are refreshed periodically. " +
					"A plan that changes the attribute configuration shows it as known after apply.",
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{planmodify.DerivedFrom(attributeConfigPath)},
			},
			"identity_exception_report_reference": schema.SingleNestedAttribute{
				MarkdownDescription: "The report of the exceptions of the last identity refresh, if ISC has one, as of the last refresh.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Object{objectplanmodifier.UseStateForUnknown()},
				Attributes: map[string]schema.Attribute{
					"task_result_id": schema.StringAttribute{MarkdownDescription: "Task result ID of the report.", Computed: true},
					"report_name":    schema.StringAttribute{MarkdownDescription: "Report name.", Computed: true},
				},
			},
			"created": setByISC("When the profile was created."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Delete: true}),
		},
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
		p.IdentityAttributeConfig = c.toClient(path.Root("identity_attribute_config"), &diags)
	}
	return p, diags
}

// toClient builds ISC's attribute configuration; at is where the model sits in its schema.
func (c *attributeConfigModel) toClient(at path.Path, diags *diag.Diagnostics) *client.IdentityAttributeConfig {
	out := &client.IdentityAttributeConfig{Enabled: c.Enabled.ValueBool(), AttributeTransforms: []client.IdentityAttributeTransform{}}
	// In name order: a map has none, and ISC keeps the order it is given (see IdentityProfileChanges).
	for _, name := range slices.Sorted(maps.Keys(c.AttributeTransforms)) {
		t := c.AttributeTransforms[name]
		attrs := jsonObjectAt(t.TransformDefinition.Attributes, at.AtName("attribute_transforms").
			AtMapKey(name).AtName("transform_definition").AtName("attributes"), diags)
		if attrs == nil {
			attrs = map[string]any{} // ISC's value for no attributes
		}
		out.AttributeTransforms = append(out.AttributeTransforms, client.IdentityAttributeTransform{
			IdentityAttributeName: name,
			TransformDefinition:   client.TransformDefinition{Type: t.TransformDefinition.Type.ValueString(), Attributes: attrs},
		})
	}
	return out
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
	m.IdentityCount = serverValue(types.Int64Value(int64(p.IdentityCount)), prior.IdentityCount, applied)
	m.IdentityRefreshRequired = serverValue(types.BoolValue(p.IdentityRefreshRequired), prior.IdentityRefreshRequired, applied)
	m.HasTimeBasedAttr = serverValue(types.BoolValue(p.HasTimeBasedAttr), prior.HasTimeBasedAttr, applied)
	report := types.ObjectNull(exceptionReportAttrTypes)
	if ref := p.IdentityExceptionReportReference; ref != nil {
		var d diag.Diagnostics
		report, d = types.ObjectValue(exceptionReportAttrTypes, map[string]attr.Value{
			"task_result_id": stringOrNull(ref.TaskResultID),
			"report_name":    stringOrNull(ref.ReportName),
		})
		diags.Append(d...)
	}
	m.IdentityExceptionReportReference = serverValue(report, prior.IdentityExceptionReportReference, applied)
	m.Created = types.StringValue(p.Created)
	return diags
}

// copyServerValues takes the values only ISC sets from prior.
func (m *identityProfileModel) copyServerValues(prior identityProfileModel) {
	m.ID, m.Created, m.IdentityCount = prior.ID, prior.Created, prior.IdentityCount
	m.IdentityRefreshRequired, m.HasTimeBasedAttr = prior.IdentityRefreshRequired, prior.HasTimeBasedAttr
	m.IdentityExceptionReportReference = prior.IdentityExceptionReportReference
}

// attributeConfigFromClient converts ISC's attribute configuration; a missing one is ISC's
// default. The transforms of prior, matched by identity attribute, keep their own spelling of
// equal attributes.
func attributeConfigFromClient(c *client.IdentityAttributeConfig, prior *attributeConfigModel) (*attributeConfigModel, error) {
	out := &attributeConfigModel{Enabled: types.BoolValue(false), AttributeTransforms: map[string]attributeTransformModel{}}
	if c == nil {
		return out, nil
	}
	out.Enabled = types.BoolValue(c.Enabled)
	for _, t := range c.AttributeTransforms {
		priorAttrs := jsonNull()
		if prior != nil {
			if p, ok := prior.AttributeTransforms[t.IdentityAttributeName]; ok {
				priorAttrs = p.TransformDefinition.Attributes
			}
		}
		attrs, err := transformAttributes(t.TransformDefinition.Attributes, priorAttrs)
		if err != nil {
			return out, err
		}
		out.AttributeTransforms[t.IdentityAttributeName] = attributeTransformModel{
			TransformDefinition: transformDefinitionModel{Type: types.StringValue(t.TransformDefinition.Type), Attributes: attrs},
		}
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
