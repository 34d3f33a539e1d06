package provider

import (
	"context"
	"fmt"
	"iter"
	"reflect"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ resource.ResourceWithModifyPlan     = (*entitlementResource)(nil)
	_ resource.ResourceWithValidateConfig = (*entitlementResource)(nil)
)

// NewEntitlementResource is the factory of sailpoint_entitlement.
func NewEntitlementResource() resource.Resource {
	return &entitlementResource{kitResource[entitlementModel, entitlementObject]{kit: &entitlementKit}}
}

// entitlementResource adopts an entitlement that an aggregation made: ISC has no create and no
// delete for entitlements (trap 45). Its create finds the entitlement and patches what the
// configuration sets; its destroy releases it, changing nothing in ISC.
type entitlementResource struct {
	kitResource[entitlementModel, entitlementObject]
}

// entitlementModel is an entitlement, in the resource and in the sailpoint_entitlement data
// source. What a team may change is Optional+Computed: unset, it is ISC's value, never a diff and
// never written. Objects are types.Object, since a create plans them unknown.
type entitlementModel struct {
	ID                      types.String `tfsdk:"id"`
	SourceID                types.String `tfsdk:"source_id"`
	Value                   types.String `tfsdk:"value"`
	Name                    types.String `tfsdk:"name"`
	Attribute               types.String `tfsdk:"attribute"`
	Type                    types.String `tfsdk:"type"`
	Description             types.String `tfsdk:"description"`
	Owner                   types.Object `tfsdk:"owner"`
	Requestable             types.Bool   `tfsdk:"requestable"`
	Privileged              types.Bool   `tfsdk:"privileged"`
	PrivilegeLevel          types.String `tfsdk:"privilege_level"`
	Segments                types.Set    `tfsdk:"segments"`
	AccessRequestConfig     types.Object `tfsdk:"access_request_config"`
	RevocationRequestConfig types.Object `tfsdk:"revocation_request_config"`
}

// entitlementObject is an entitlement with its request config, which ISC serves apart.
type entitlementObject struct {
	entitlement *client.Entitlement
	config      *client.EntitlementRequestConfig
}

var entitlementKit = objectKit[entitlementModel, entitlementObject]{
	typeName: "sailpoint_entitlement", noun: "entitlement",
	// The identity is the id alone: an import by SOURCE_ID/VALUE (see ImportState) learns the id
	// from the read that follows it, which records the identity.
	importShape: "ENTITLEMENT_ID", importAttrs: []string{"id"},
	toClient: func(ctx context.Context, m *entitlementModel) (*entitlementObject, diag.Diagnostics) {
		return m.over(ctx, &entitlementObject{entitlement: &client.Entitlement{}, config: &client.EntitlementRequestConfig{}})
	},
	fromClient: func(ctx context.Context, o *entitlementObject, m *entitlementModel, applied bool) diag.Diagnostics {
		return m.fromClient(ctx, o, applied)
	},
	describe: func(m *entitlementModel) string {
		if id := m.ID.ValueString(); id != "" {
			return "entitlement " + id
		}
		return fmt.Sprintf("entitlement %q of source %s", m.Value.ValueString(), m.SourceID.ValueString())
	},
	importMiss: func(m *entitlementModel) importMiss {
		if m.ID.ValueString() != "" {
			return importMiss{resource: "sailpoint_entitlement", thing: "entitlement", id: m.ID.ValueString()}
		}
		return importMiss{resource: "sailpoint_entitlement", thing: "entitlement", id: m.SourceID.ValueString(),
			child: fmt.Sprintf("entitlement of value %q (ISC makes entitlements by aggregation: aggregate the source's entitlements first)", m.Value.ValueString())}
	},
	createBelow: func(ctx context.Context, c *client.Client, m *entitlementModel, _ *entitlementObject) (*entitlementObject, error) {
		found, err := readEntitlement(ctx, c, m)
		if err != nil {
			return nil, err
		}
		// What the configuration leaves unset keeps ISC's value.
		want, diags := m.over(ctx, &entitlementObject{entitlement: cloneEntitlement(found.entitlement), config: found.config})
		if diags.HasError() {
			return nil, fmt.Errorf("converting the plan: %v", diags)
		}
		got, err := updateEntitlement(ctx, c, found.entitlement.ID, found, want)
		if got == nil && err == nil {
			got = found // the configuration asks for what ISC holds
		}
		return got, err
	},
	read: readEntitlement,
	update: func(ctx context.Context, c *client.Client, m *entitlementModel, prior, want *entitlementObject) (*entitlementObject, error) {
		return updateEntitlement(ctx, c, m.ID.ValueString(), prior, want)
	},
	// The entitlement stays in ISC as it is: only an aggregation removes entitlements.
	delete: func(context.Context, *client.Client, *entitlementModel) error { return nil },
	list: &objectList[entitlementObject]{
		filters: map[string]string{
			"name_prefix": nameFilter("entitlements")["name_prefix"],
			"source_id":   "Only the entitlements of the source of this ID.",
		},
		// obj is nil: the list has no request config, so include_resource reads each entitlement.
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[entitlementObject], error] {
			return pagesOf(c.EntitlementPages(ctx, nameOptions(f, map[string]string{"source_id": "source.id"})), func(e *client.Entitlement) listed[entitlementObject] {
				return listed[entitlementObject]{key: []string{e.ID}, name: e.Name}
			})
		},
	},
}

const entitlementImportShape = "ENTITLEMENT_ID or SOURCE_ID/VALUE"

// readEntitlement reads the entitlement the model names, by id, or, before it has one (a create,
// an import by SOURCE_ID/VALUE), by source and value; with its request config.
func readEntitlement(ctx context.Context, c *client.Client, m *entitlementModel) (*entitlementObject, error) {
	var e *client.Entitlement
	var err error
	if id := m.ID.ValueString(); id != "" {
		e, err = c.GetEntitlement(ctx, id)
	} else {
		e, err = c.FindEntitlement(ctx, m.SourceID.ValueString(), m.Value.ValueString())
		if err == nil && e == nil {
			err = &noEntitlementError{sourceID: m.SourceID.ValueString(), value: m.Value.ValueString()}
		}
	}
	if err != nil {
		return nil, err
	}
	cfg, err := c.GetEntitlementRequestConfig(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	return &entitlementObject{entitlement: e, config: cfg}, nil
}

// noEntitlementError is a look-up by source and value that found nothing; it is a not-found.
type noEntitlementError struct{ sourceID, value string }

func (e *noEntitlementError) Error() string {
	return fmt.Sprintf("source %s has no entitlement of value %q (source_id and value match exactly, including case). ISC makes "+
		"entitlements only by aggregation: aggregate the source's entitlements (or its accounts) first, then apply again; or "+
		"correct source_id or value", e.sourceID, e.value)
}

func (e *noEntitlementError) Is(target error) bool { return target == client.ErrNotFound }

// updateEntitlement brings the entitlement from prior to want: one patch of what changed, and a
// put of the request config when it changed; nil and no request when nothing did.
func updateEntitlement(ctx context.Context, c *client.Client, id string, prior, want *entitlementObject) (*entitlementObject, error) {
	got, err := c.PatchEntitlement(ctx, id, prior.entitlement, want.entitlement)
	if err != nil {
		return nil, err
	}
	cfg := prior.config
	if !sameRequestConfig(prior.config, want.config) {
		if cfg, err = c.PutEntitlementRequestConfig(ctx, id, want.config); err != nil {
			return nil, err
		}
	}
	if got == nil && cfg == prior.config {
		return nil, nil
	}
	if got == nil {
		got = prior.entitlement
	}
	return &entitlementObject{entitlement: got, config: cfg}, nil
}

// sameRequestConfig compares what the provider manages of two request configs; no approval steps
// and a missing part are the same.
func sameRequestConfig(a, b *client.EntitlementRequestConfig) bool {
	norm := func(c *client.EntitlementRequestConfig) (client.EntitlementAccessRequestConfig, []client.ApprovalScheme) {
		var access client.EntitlementAccessRequestConfig
		var revocation []client.ApprovalScheme
		if c != nil && c.AccessRequestConfig != nil {
			access = *c.AccessRequestConfig
		}
		if c != nil && c.RevocationRequestConfig != nil {
			revocation = c.RevocationRequestConfig.ApprovalSchemes
		}
		access.MaxPermittedAccessDuration, access.FormDefinitionID = nil, nil // carried over, never managed
		if len(access.ApprovalSchemes) == 0 {
			access.ApprovalSchemes = nil
		}
		if len(revocation) == 0 {
			revocation = nil
		}
		return access, revocation
	}
	accessA, revocationA := norm(a)
	accessB, revocationB := norm(b)
	return reflect.DeepEqual(accessA, accessB) && reflect.DeepEqual(revocationA, revocationB)
}

func cloneEntitlement(e *client.Entitlement) *client.Entitlement {
	out := *e
	out.Segments = slices.Clone(e.Segments)
	if e.Privileged != nil {
		out.Privileged = new(*e.Privileged)
	}
	if e.PrivilegeLevel != nil {
		out.PrivilegeLevel = new(*e.PrivilegeLevel)
	}
	return &out
}

func (r *entitlementResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	keep := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description + " Unset: ISC's value, left as it is.", Optional: true, Computed: true,
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()}}
	}
	flag := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description + " Default `false`.", Optional: true, Computed: true,
			Default: booldefault.StaticBool(false)}
	}
	owner := refAttribute("The identity that owns the entitlement. Unset: ISC's owner, left as it is; removing it from the configuration later does not remove it from ISC.", false)
	owner.Default = nil
	owner.PlanModifiers = []planmodifier.Object{objectplanmodifier.UseStateForUnknown()}
	keepObject := []planmodifier.Object{objectplanmodifier.UseStateForUnknown()}
	// The entitlement is found by its source and value: another one adopts another entitlement.
	key := func(description string) schema.StringAttribute {
		return schema.StringAttribute{
			MarkdownDescription: description + " A new one adopts another entitlement (the old one is released).",
			Required:            true,
			Validators:          []validator.String{validate.NotBlank()},
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An entitlement of SailPoint Identity Security Cloud (ISC), adopted: ISC makes and removes entitlements only by " +
			"aggregating their source, so this resource takes over an entitlement the source already has, found by `source_id` and " +
			"`value`, and manages what a team may change: description, owner, requestable, its privilege, segments and the request " +
			"configuration. How ISC keeps the privilege depends on the provider's `api_version`: `privilege_level` in `v1` (the " +
			"default), `privileged` in `v2025`; the other one is null, and setting it fails the plan. What the configuration leaves unset keeps ISC's value: adopting changes only what is set, and removing " +
			"an argument later stops managing it without changing ISC. Destroying the resource releases the entitlement: it stays " +
			"in ISC as it is, and the plan warns so. An entitlement the source no longer has (after an aggregation) leaves the " +
			"state, and the next plan adopts it again, failing until an aggregation brings it back.",
		Attributes: map[string]schema.Attribute{
			"id":        setByISC("The entitlement's ID, assigned by ISC."),
			"source_id": key("The ID of the source the entitlement belongs to."),
			"value":     key("The entitlement's value on its source, such as a group's DN, matched exactly."),
			"name":      setByISC("The entitlement's display name, from the aggregation."),
			"attribute": setByISC("The account attribute the entitlement is a value of, such as `memberOf`."),
			"type":      setByISC("The entitlement's object type in the source's schema, such as `group`."),
			"description": schema.StringAttribute{
				MarkdownDescription: "What the entitlement grants. Unset: ISC's description, left as it is; `\"\"` clears it. A description " +
					"set here is marked manually updated in ISC, so that later aggregations keep it.",
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"owner":       owner,
			"requestable": keep("Whether identities can request the entitlement on its own."),
			"privileged": keep("Whether the entitlement grants privileged access; `api_version = \"v2025\"` only, null in `v1`, whose API " +
				"replaced this flag by `privilege_level` (setting it there fails the plan)."),
			"privilege_level": schema.StringAttribute{
				MarkdownDescription: "How privileged the access the entitlement grants is: `HIGH`, `MEDIUM`, `LOW` or `NONE`. It is the " +
					"entitlement's direct level in ISC, and setting it overrides the level ISC's criteria gave it; the level that " +
					"applies (`effective_privilege_level` of the `sailpoint_entitlement` data source) may be higher, inherited. " +
					"`api_version = \"v1\"` (the default) only, null in `v2025`, which has `privileged` instead (setting it there fails " +
					"the plan). Unset: ISC's value, left as it is.",
				Optional: true, Computed: true,
				Validators:    []validator.String{stringvalidator.OneOf(client.PrivilegeLevels...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"segments": schema.SetAttribute{
				MarkdownDescription: "The IDs of the segments the entitlement is in. Unset: ISC's, left as they are; `[]` takes it out of every segment.",
				ElementType:         types.StringType,
				Optional:            true, Computed: true,
				Validators:    []validator.Set{setvalidator.ValueStringsAre(validate.NotBlank())},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"access_request_config": schema.SingleNestedAttribute{
				MarkdownDescription: "How the entitlement is requested; set, it is the whole configuration (what it leaves out is `false` or none). " +
					"Unset: ISC's, left as it is. It overrides the source's entitlement request configuration.",
				Optional: true, Computed: true,
				PlanModifiers: keepObject,
				Attributes: map[string]schema.Attribute{
					"comments_required":        flag("Whether a requester must comment."),
					"denial_comments_required": flag("Whether an approver who denies must comment."),
					"reauthorization_required": flag("Whether an approver must re-authenticate."),
					"require_end_date":         flag("Whether a request must give an end date."),
					"approval_schemes":         entitlementApprovalSchemes("The approval steps of a request, in order; none means no approval."),
				},
			},
			"revocation_request_config": schema.SingleNestedAttribute{
				MarkdownDescription: "How a revocation of the entitlement is approved; set, it is the whole configuration. Unset: ISC's, left as it is.",
				Optional:            true, Computed: true,
				PlanModifiers: keepObject,
				Attributes: map[string]schema.Attribute{
					"approval_schemes": entitlementApprovalSchemes("The approval steps of a revocation, in order."),
				},
			},
		},
	}
}

// ImportState takes an entitlement's ID, or its source's ID and its value: SOURCE_ID/VALUE, split
// at the first "/", since a value may hold one.
// An import by identity names the id.
func (r *entitlementResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	identity := entitlementKit.identity()
	id := identity.importID(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	fail := func(reason string) {
		resp.Diagnostics.AddError("Invalid import ID for sailpoint_entitlement",
			fmt.Sprintf("expected %s, got %q: %s", entitlementImportShape, id, reason))
	}
	sourceID, value, bySource := strings.Cut(id, "/")
	switch {
	case id == "":
		fail("the ID is empty")
	case strings.TrimSpace(id) != id:
		fail("it starts or ends with a space")
	case bySource && (sourceID == "" || value == ""):
		fail("SOURCE_ID and VALUE must both be set")
	case bySource:
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("source_id"), sourceID)...)
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("value"), value)...)
	default:
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
		identity.setImported(ctx, []string{id}, resp.Identity, &resp.Diagnostics)
	}
	if !resp.Diagnostics.HasError() {
		markImported(ctx, resp)
	}
}

// ModifyPlan checks that the configuration sets only the privilege of the provider's API version,
// which it plans null for the other; and warns that a destroy, and the replacement by another
// entitlement, releases the entitlement rather than deleting it.
func (r *entitlementResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.Plan.Raw.IsNull() {
		r.planPrivilege(ctx, req, resp)
	}
	if req.State.Raw.IsNull() || resp.Diagnostics.HasError() {
		return
	}
	var state entitlementModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	released := fmt.Sprintf("releases entitlement %q (id %s) of source %s: Terraform stops managing it, and ISC keeps it as it is, "+
		"with its owner, description, flags, segments and request configuration. ISC removes entitlements only when an "+
		"aggregation of their source no longer finds them.", state.Value.ValueString(), state.ID.ValueString(), state.SourceID.ValueString())
	if req.Plan.Raw.IsNull() {
		resp.Diagnostics.AddWarning("The entitlement stays in ISC", "Destroying this sailpoint_entitlement "+released)
		return
	}
	var plan entitlementModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || (plan.SourceID.Equal(state.SourceID) && plan.Value.Equal(state.Value)) {
		return
	}
	resp.Diagnostics.AddWarning("The entitlement stays in ISC", "Adopting another entitlement in its place "+released)
}

// privilegeAttributes are, by API version, the privilege attribute the version has and the one it
// lacks (trap 46), with how to say what to do instead.
var privilegeAttributes = map[apiversion.Version]struct{ has, lacks, instead string }{
	apiversion.V1: {has: "privilege_level", lacks: "privileged", instead: "ISC's per-resource API (api_version = \"v1\", the default) " +
		"replaced the privileged flag by privilege levels: set privilege_level instead (HIGH, MEDIUM, LOW or NONE; ISC made privileged " +
		"entitlements HIGH), or set api_version = \"v2025\" in the provider block."},
	apiversion.V2025: {has: "privileged", lacks: "privilege_level", instead: "ISC's v2025 API has no privilege levels, only the " +
		"privileged flag: set privileged (true or false) instead, or set api_version = \"v1\" (the default) in the provider block."},
}

// planPrivilege fails the plan of a configuration that sets the privilege attribute the API
// version lacks, and plans that attribute null. Without a configured client (a provider
// configuration unknown until apply) the version is not known, and the client refuses at apply.
func (r *entitlementResource) planPrivilege(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if r.client == nil {
		return
	}
	v := r.client.APIVersion()
	attrs, ok := privilegeAttributes[v]
	if !ok {
		return
	}
	var config entitlementModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	configured := map[string]attr.Value{"privileged": config.Privileged, "privilege_level": config.PrivilegeLevel}[attrs.lacks]
	lacks := path.Root(attrs.lacks)
	if !configured.IsNull() {
		resp.Diagnostics.AddAttributeError(lacks, fmt.Sprintf("%s is not in ISC's %s API", attrs.lacks, v),
			fmt.Sprintf("This configuration sets %s, which ISC's API does not have with api_version = %q. %s", attrs.lacks, v, attrs.instead))
		return
	}
	if attrs.lacks == "privileged" {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, lacks, types.BoolNull())...)
	} else {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, lacks, types.StringNull())...)
	}
}

// ValidateConfig checks the approval steps as ISC does: GOVERNANCE_GROUP and WORKFLOW name their
// approver by approver_id, the others take none, and a WORKFLOW approves alone.
func (r *entitlementResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	for _, config := range []string{"access_request_config", "revocation_request_config"} {
		at := path.Root(config).AtName("approval_schemes")
		var schemes types.List
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, at, &schemes)...)
		var steps []approvalSchemeModel
		if schemes.IsNull() || schemes.IsUnknown() || schemes.ElementsAs(ctx, &steps, false).HasError() {
			continue
		}
		resp.Diagnostics.Append(checkEntitlementApprovals(at, steps)...)
	}
}

func checkEntitlementApprovals(at path.Path, steps []approvalSchemeModel) diag.Diagnostics {
	var diags diag.Diagnostics
	for i, s := range steps {
		typ := s.ApproverType.ValueString()
		named := typ == "GOVERNANCE_GROUP" || typ == "WORKFLOW"
		switch {
		case s.ApproverType.IsUnknown() || s.ApproverID.IsUnknown():
		case named && s.ApproverID.IsNull():
			diags.AddAttributeError(at.AtListIndex(i).AtName("approver_id"), "Approver without an ID",
				fmt.Sprintf("Approval step %d is a %s, which ISC names by ID: set approver_id to the %s's ID.", i+1, typ,
					map[string]string{"GOVERNANCE_GROUP": "governance group", "WORKFLOW": "workflow"}[typ]))
		case !named && !s.ApproverID.IsNull():
			diags.AddAttributeError(at.AtListIndex(i).AtName("approver_id"), "Approver ID ISC does not use",
				fmt.Sprintf("Approval step %d is a %s, which ISC finds by itself: ISC uses approver_id only for GOVERNANCE_GROUP "+
					"and WORKFLOW. Remove approver_id, or change approver_type.", i+1, typ))
		case typ == "WORKFLOW" && len(steps) > 1:
			diags.AddAttributeError(at.AtListIndex(i).AtName("approver_type"), "Workflow beside other approval steps",
				fmt.Sprintf("Approval step %d is a WORKFLOW, and ISC runs a workflow only as the one approval step: keep the workflow "+
					"alone, or remove it.", i+1))
		}
	}
	return diags
}

// over is base with what the model knows set over it: the plan of a create leaves ISC's values
// under what it does not set (unknown), and a state or the plan of an update knows everything.
func (m *entitlementModel) over(ctx context.Context, base *entitlementObject) (*entitlementObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	e, cfg := base.entitlement, *base.config
	e.Source, e.Value = &client.Reference{Type: client.RefSource, ID: m.SourceID.ValueString()}, m.Value.ValueString()
	if known(m.Description) {
		d := m.Description.ValueString()
		e.Description = &d
	}
	if known(m.Owner) {
		var ref refModel
		diags.Append(m.Owner.As(ctx, &ref, basetypes.ObjectAsOptions{})...)
		e.Owner = ref.toClient(client.RefIdentity)
	} else if !m.Owner.IsUnknown() {
		e.Owner = nil
	}
	if known(m.Requestable) {
		e.Requestable = m.Requestable.ValueBool()
	}
	if known(m.Privileged) {
		e.Privileged = new(m.Privileged.ValueBool())
	}
	if known(m.PrivilegeLevel) {
		level := client.PrivilegeLevel{}
		if e.PrivilegeLevel != nil {
			level = *e.PrivilegeLevel
		}
		level.Direct = m.PrivilegeLevel.ValueString()
		e.PrivilegeLevel = &level
	}
	if !m.Segments.IsUnknown() {
		e.Segments = nil
		diags.Append(m.Segments.ElementsAs(ctx, &e.Segments, false)...)
		slices.Sort(e.Segments)
	}
	if known(m.AccessRequestConfig) {
		var a accessRequestModel
		diags.Append(m.AccessRequestConfig.As(ctx, &a, basetypes.ObjectAsOptions{})...)
		was := cfg.AccessRequestConfig
		cfg.AccessRequestConfig = &client.EntitlementAccessRequestConfig{
			RequestCommentRequired: a.CommentsRequired.ValueBool(), DenialCommentRequired: a.DenialCommentsRequired.ValueBool(),
			ReauthorizationRequired: a.ReauthorizationRequired.ValueBool(), RequireEndDate: a.RequireEndDate.ValueBool(),
			ApprovalSchemes: approvalSchemesToClient(a.ApprovalSchemes),
		}
		if was != nil {
			cfg.AccessRequestConfig.MaxPermittedAccessDuration, cfg.AccessRequestConfig.FormDefinitionID = was.MaxPermittedAccessDuration, was.FormDefinitionID
		}
	}
	if known(m.RevocationRequestConfig) {
		var rv revocationModel
		diags.Append(m.RevocationRequestConfig.As(ctx, &rv, basetypes.ObjectAsOptions{})...)
		cfg.RevocationRequestConfig = &client.Revocability{ApprovalSchemes: approvalSchemesToClient(rv.ApprovalSchemes)}
	}
	return &entitlementObject{entitlement: e, config: &cfg}, diags
}

// fromClient sets the model, which holds the plan or the prior state, from ISC's entitlement.
func (m *entitlementModel) fromClient(ctx context.Context, o *entitlementObject, applied bool) diag.Diagnostics {
	var diags, d diag.Diagnostics
	e := o.entitlement
	m.ID, m.Value, m.Name = types.StringValue(e.ID), types.StringValue(e.Value), types.StringValue(e.Name)
	if e.Source != nil {
		m.SourceID = types.StringValue(e.Source.ID)
	}
	m.Attribute, m.Type = types.StringValue(e.Attribute), types.StringValue(e.SourceSchemaObjectType)
	m.Description = types.StringValue("")
	if e.Description != nil {
		m.Description = types.StringValue(*e.Description)
	}
	var planned *refModel
	if applied && known(m.Owner) {
		planned = &refModel{}
		diags.Append(m.Owner.As(ctx, planned, basetypes.ObjectAsOptions{})...)
	}
	m.Owner, d = types.ObjectValueFrom(ctx, objectTypeOf[refModel]().AttrTypes, refFromClient(e.Owner, planned))
	diags.Append(d...)
	m.Requestable, m.Privileged, m.PrivilegeLevel = types.BoolValue(e.Requestable), types.BoolPointerValue(e.Privileged), types.StringNull()
	if e.PrivilegeLevel != nil {
		m.PrivilegeLevel = stringOrNull(e.PrivilegeLevel.Direct)
	}
	segments := e.Segments
	if segments == nil {
		segments = []string{}
	}
	m.Segments, d = types.SetValueFrom(ctx, types.StringType, segments)
	diags.Append(d...)
	access := accessRequestModel{CommentsRequired: types.BoolValue(false), DenialCommentsRequired: types.BoolValue(false),
		ReauthorizationRequired: types.BoolValue(false), RequireEndDate: types.BoolValue(false), ApprovalSchemes: []approvalSchemeModel{}}
	revocation := revocationModel{ApprovalSchemes: []approvalSchemeModel{}}
	if c := o.config; c != nil && c.AccessRequestConfig != nil {
		a := c.AccessRequestConfig
		access = accessRequestModel{CommentsRequired: types.BoolValue(a.RequestCommentRequired), DenialCommentsRequired: types.BoolValue(a.DenialCommentRequired),
			ReauthorizationRequired: types.BoolValue(a.ReauthorizationRequired), RequireEndDate: types.BoolValue(a.RequireEndDate),
			ApprovalSchemes: entitlementSchemesFromClient(a.ApprovalSchemes)}
	}
	if c := o.config; c != nil && c.RevocationRequestConfig != nil {
		revocation.ApprovalSchemes = entitlementSchemesFromClient(c.RevocationRequestConfig.ApprovalSchemes)
	}
	m.AccessRequestConfig, d = types.ObjectValueFrom(ctx, objectTypeOf[accessRequestModel]().AttrTypes, access)
	diags.Append(d...)
	m.RevocationRequestConfig, d = types.ObjectValueFrom(ctx, objectTypeOf[revocationModel]().AttrTypes, revocation)
	diags.Append(d...)
	return diags
}

// entitlementSchemesFromClient converts approval steps; none is an empty list, as the schema's
// default plans.
func entitlementSchemesFromClient(schemes []client.ApprovalScheme) []approvalSchemeModel {
	out := make([]approvalSchemeModel, len(schemes))
	for i, s := range schemes {
		out[i] = approvalSchemeModel{ApproverType: types.StringValue(s.ApproverType), ApproverID: stringOrNull(s.ApproverID)}
	}
	return out
}
