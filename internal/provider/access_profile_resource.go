package provider

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ resource.ResourceWithModifyPlan     = (*accessProfileResource)(nil)
	_ resource.ResourceWithValidateConfig = (*accessProfileResource)(nil)
)

// NewAccessProfileResource is the factory of sailpoint_access_profile.
func NewAccessProfileResource() resource.Resource {
	return &accessProfileResource{kitResource[accessProfileModel, client.AccessProfile]{kit: &accessProfileKit}}
}

type accessProfileResource struct {
	kitResource[accessProfileModel, client.AccessProfile]
}

// accessProfileModel is an access profile, in the resource and in the data source.
type accessProfileModel struct {
	ID                      types.String        `tfsdk:"id"`
	Name                    types.String        `tfsdk:"name"`
	Description             types.String        `tfsdk:"description"`
	Owner                   *refModel           `tfsdk:"owner"`
	Source                  *refModel           `tfsdk:"source"`
	EntitlementIDs          types.Set           `tfsdk:"entitlement_ids"`
	Enabled                 types.Bool          `tfsdk:"enabled"`
	Requestable             types.Bool          `tfsdk:"requestable"`
	AccessRequestConfig     *accessRequestModel `tfsdk:"access_request_config"`
	RevocationRequestConfig *revocationModel    `tfsdk:"revocation_request_config"`
	Segments                types.Set           `tfsdk:"segments"`
}

var accessProfileKit = objectKit[accessProfileModel, client.AccessProfile]{
	typeName: "sailpoint_access_profile", noun: "access profile",
	importShape: "ACCESS_PROFILE_ID", importAttrs: []string{"id"},
	toClient: func(ctx context.Context, m *accessProfileModel) (*client.AccessProfile, diag.Diagnostics) {
		return m.toClient(ctx)
	},
	fromClient: func(ctx context.Context, p *client.AccessProfile, m *accessProfileModel, applied bool) diag.Diagnostics {
		return m.fromClient(ctx, p, applied)
	},
	describe: func(m *accessProfileModel) string { return "access profile " + m.ID.ValueString() },
	importMiss: func(m *accessProfileModel) importMiss {
		return importMiss{resource: "sailpoint_access_profile", thing: "access profile", id: m.ID.ValueString()}
	},
	create: func(ctx context.Context, c *client.Client, want *client.AccessProfile) (*client.AccessProfile, error) {
		return c.CreateAccessProfile(ctx, want)
	},
	read: func(ctx context.Context, c *client.Client, m *accessProfileModel) (*client.AccessProfile, error) {
		return c.GetAccessProfile(ctx, m.ID.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *accessProfileModel, prior, want *client.AccessProfile) (*client.AccessProfile, error) {
		return c.PatchAccessProfile(ctx, m.ID.ValueString(), prior, want)
	},
	delete: func(ctx context.Context, c *client.Client, m *accessProfileModel) error {
		return c.DeleteAccessProfile(ctx, m.ID.ValueString())
	},
	list: &objectList[client.AccessProfile]{
		filters: map[string]string{
			"name_prefix": nameFilter("access profiles")["name_prefix"],
			"source_id":   "Only the access profiles of the source of this ID.",
		},
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.AccessProfile], error] {
			return pagesOf(c.AccessProfilePages(ctx, nameOptions(f, map[string]string{"source_id": "source.id"})), func(p *client.AccessProfile) listed[client.AccessProfile] {
				return listed[client.AccessProfile]{key: []string{p.ID}, name: p.Name, obj: p}
			})
		},
	},
}

func (r *accessProfileResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An access profile of SailPoint Identity Security Cloud (ISC): entitlements of one source that identities " +
			"request and receive together. Everything changes in place with one JSON Patch. ISC moves an access profile to another " +
			"source only together with entitlements of that source, so the plan refuses a new `source` that keeps entitlements of " +
			"the old one. ISC refuses to delete an access profile a role or lifecycle state uses.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The access profile's ID, assigned by ISC.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The access profile's name, unique in the tenant. It must not be blank.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"description": nullString("What the access profile grants, at most 2000 characters.", stringvalidator.UTF8LengthBetween(1, 2000)),
			"owner":       refAttribute("The identity that owns the access profile.", true),
			"source":      refAttribute("The source whose entitlements the access profile bundles. A new source needs entitlements of that source in the same change.", true),
			"entitlement_ids": schema.SetAttribute{
				MarkdownDescription: "The IDs of the entitlements the access profile grants, all of its source. Default none; an enabled profile needs one at least.",
				ElementType:         types.StringType,
				Optional:            true, Computed: true,
				Default:    setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
				Validators: []validator.Set{setvalidator.ValueStringsAre(validate.NotBlank())},
			},
			"enabled":     flagAttribute("Whether the access profile is enabled. Default `false`, as in ISC; an enabled profile needs an entitlement.", false),
			"requestable": flagAttribute("Whether identities can request the access profile. Default `true`, as in ISC (`false` needs ISC's new Request Center).", true),
			"access_request_config": nullObject(schema.SingleNestedAttribute{
				MarkdownDescription: "How the access profile is requested. Unset: ISC's defaults.",
				Attributes:          accessRequestAttributes(client.AccessProfileApproverTypes),
			}),
			"revocation_request_config": nullObject(schema.SingleNestedAttribute{
				MarkdownDescription: "How a revocation of the access profile is approved. Unset: ISC's defaults.",
				Attributes:          revocationAttributes(client.AccessProfileApproverTypes),
			}),
			"segments": idSet("The IDs of the segments the access profile is in.", types.SetNull(types.StringType)),
		},
	}
}

// ValidateConfig refuses an enabled access profile without entitlements, which ISC refuses.
func (r *accessProfileResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var enabled types.Bool
	var ids types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("enabled"), &enabled)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("entitlement_ids"), &ids)...)
	if resp.Diagnostics.HasError() || !enabled.ValueBool() || ids.IsUnknown() || len(ids.Elements()) > 0 {
		return
	}
	resp.Diagnostics.AddAttributeError(path.Root("enabled"), "Enabled access profile without entitlements",
		"ISC enables an access profile only when it grants one entitlement at least: set entitlement_ids, or enabled = false.")
}

// ModifyPlan refuses a new source that keeps entitlements of the old one: ISC changes an access
// profile's source only together with entitlements of the new source (trap 35).
func (r *accessProfileResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var plan, state accessProfileModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() || plan.Source == nil || state.Source == nil || plan.Source.ID.IsUnknown() ||
		plan.Source.ID.Equal(state.Source.ID) || plan.EntitlementIDs.IsUnknown() {
		return
	}
	var planned, prior []string
	resp.Diagnostics.Append(plan.EntitlementIDs.ElementsAs(ctx, &planned, false)...)
	resp.Diagnostics.Append(state.EntitlementIDs.ElementsAs(ctx, &prior, false)...)
	var kept []string
	for _, id := range planned {
		if slices.Contains(prior, id) {
			kept = append(kept, id)
		}
	}
	if len(kept) == 0 {
		return
	}
	slices.Sort(kept)
	resp.Diagnostics.AddAttributeError(path.Root("entitlement_ids"), "Entitlements of the old source",
		fmt.Sprintf("The access profile moves from source %s to source %s, but keeps entitlements of the old source: %s. "+
			"ISC changes an access profile's source only together with its entitlements, which must all be of the new source: "+
			"replace them with entitlements of source %s in the same change.",
			state.Source.ID.ValueString(), plan.Source.ID.ValueString(), strings.Join(kept, ", "), plan.Source.ID.ValueString()))
}

func (m *accessProfileModel) toClient(ctx context.Context) (*client.AccessProfile, diag.Diagnostics) {
	var diags diag.Diagnostics
	p := &client.AccessProfile{
		ID: m.ID.ValueString(), Name: m.Name.ValueString(), Owner: m.Owner.toClient(client.RefIdentity),
		Source: m.Source.toClient(client.RefSource), Enabled: m.Enabled.ValueBool(), Requestable: m.Requestable.ValueBool(),
		Entitlements: []client.Reference{},
	}
	if !m.Description.IsNull() {
		d := m.Description.ValueString()
		p.Description = &d
	}
	var ids []string
	diags.Append(m.EntitlementIDs.ElementsAs(ctx, &ids, false)...)
	slices.Sort(ids)
	for _, id := range ids {
		p.Entitlements = append(p.Entitlements, client.Reference{Type: "ENTITLEMENT", ID: id})
	}
	p.AccessRequestConfig, p.RevocationRequestConfig = m.AccessRequestConfig.toClient(), m.RevocationRequestConfig.toClient()
	diags.Append(m.Segments.ElementsAs(ctx, &p.Segments, false)...)
	slices.Sort(p.Segments)
	return p, diags
}

// fromClient sets the model, which holds the plan or the prior state, from ISC's profile.
// Configurations and segments that ISC holds empty stay unset when they are unset.
func (m *accessProfileModel) fromClient(ctx context.Context, p *client.AccessProfile, applied bool) diag.Diagnostics {
	var diags diag.Diagnostics
	var plannedOwner, plannedSource *refModel
	if applied {
		plannedOwner, plannedSource = m.Owner, m.Source
	}
	m.ID, m.Name = types.StringValue(p.ID), types.StringValue(p.Name)
	priorDescription := m.Description
	m.Description = types.StringNull()
	if p.Description != nil && (*p.Description != "" || !priorDescription.IsNull()) {
		m.Description = types.StringValue(*p.Description)
	}
	m.Owner, m.Source = refFromClient(p.Owner, plannedOwner), refFromClient(p.Source, plannedSource)
	ids := make([]string, len(p.Entitlements))
	for i, e := range p.Entitlements {
		ids[i] = e.ID
	}
	var d diag.Diagnostics
	m.EntitlementIDs, d = types.SetValueFrom(ctx, types.StringType, ids)
	diags.Append(d...)
	m.Enabled, m.Requestable = types.BoolValue(p.Enabled), types.BoolValue(p.Requestable)
	m.AccessRequestConfig = accessRequestFromClient(p.AccessRequestConfig, m.AccessRequestConfig)
	m.RevocationRequestConfig = revocationFromClient(p.RevocationRequestConfig, m.RevocationRequestConfig)
	if len(p.Segments) == 0 && m.Segments.IsNull() {
		m.Segments = types.SetNull(types.StringType)
	} else {
		m.Segments, d = types.SetValueFrom(ctx, types.StringType, p.Segments)
		diags.Append(d...)
	}
	return diags
}
