package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var (
	_ resource.ResourceWithValidateConfig = (*sourceEntitlementRequestResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*sourceEntitlementRequestResource)(nil)
)

// NewSourceEntitlementRequestConfigResource is the factory of
// sailpoint_source_entitlement_request_config.
func NewSourceEntitlementRequestConfigResource() resource.Resource {
	return &sourceEntitlementRequestResource{kitResource[entitlementRequestModel, client.SourceEntitlementRequestConfig]{kit: entitlementRequestKit}}
}

type sourceEntitlementRequestResource struct {
	kitResource[entitlementRequestModel, client.SourceEntitlementRequestConfig]
}

// entitlementRequestModel is the source's document flattened: its two parts hold nothing but
// approval steps and flags, whose names say which part they are of.
type entitlementRequestModel struct {
	ID                         types.String          `tfsdk:"id"`
	SourceID                   types.String          `tfsdk:"source_id"`
	ApprovalSchemes            []approvalSchemeModel `tfsdk:"approval_schemes"`
	RequestCommentRequired     types.Bool            `tfsdk:"request_comment_required"`
	DenialCommentRequired      types.Bool            `tfsdk:"denial_comment_required"`
	ReauthorizationRequired    types.Bool            `tfsdk:"reauthorization_required"`
	RequireEndDate             types.Bool            `tfsdk:"require_end_date"`
	MaxPermittedAccessDuration *accessDurationModel  `tfsdk:"max_permitted_access_duration"`
	RevocationApprovalSchemes  []approvalSchemeModel `tfsdk:"revocation_approval_schemes"`
}

type accessDurationModel struct {
	Value    types.Int64  `tfsdk:"value"`
	TimeUnit types.String `tfsdk:"time_unit"`
}

var entitlementRequestKit = settingsKit(sourceSetting[entitlementRequestModel, client.SourceEntitlementRequestConfig]{
	typeName: "sailpoint_source_entitlement_request_config", noun: "entitlement request config",
	source: func(m *entitlementRequestModel) types.String { return m.SourceID },
	setID:  func(m *entitlementRequestModel) { m.ID = m.SourceID },
	toClient: func(_ context.Context, m *entitlementRequestModel) (*client.SourceEntitlementRequestConfig, diag.Diagnostics) {
		return m.toClient(), nil
	},
	fromClient: func(_ context.Context, c *client.SourceEntitlementRequestConfig, m *entitlementRequestModel, _ bool) diag.Diagnostics {
		m.fromClient(c)
		return nil
	},
	get: func(ctx context.Context, c *client.Client, sourceID string) (*client.SourceEntitlementRequestConfig, error) {
		return c.GetSourceEntitlementRequestConfig(ctx, sourceID)
	},
	put: func(ctx context.Context, c *client.Client, sourceID string, want *client.SourceEntitlementRequestConfig) (*client.SourceEntitlementRequestConfig, error) {
		return c.PutSourceEntitlementRequestConfig(ctx, sourceID, want)
	},
	// The contract's default for a new source: no approval, no comments required (trap 63).
	release: func(ctx context.Context, c *client.Client, sourceID string) error {
		_, err := c.PutSourceEntitlementRequestConfig(ctx, sourceID, client.DefaultEntitlementRequestConfig())
		return err
	},
	isSet: func(doc *client.SourceEntitlementRequestConfig) bool {
		return !sameDocument(doc, client.DefaultEntitlementRequestConfig())
	},
	setMeans: "differs from a new source's (no approval, no comment or end date required)",
})

// entitlementApproverWithID are the approver types that name their approver by id.
var entitlementApproverWithID = []string{"GOVERNANCE_GROUP", "WORKFLOW"}

func (r *sourceEntitlementRequestResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	off := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description + " Default `false`, as in ISC.", Optional: true, Computed: true,
			Default: booldefault.StaticBool(false)}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "How the entitlements of a source are requested and revoked: approval steps and what requesters and " +
			"approvers must give. It applies to every entitlement of the source that has no request configuration of its own, " +
			"and overrides the organisation's.\n\n" +
			"A new source has ISC's default (no approval, nothing required). ISC replaces the configuration whole on every " +
			"change, so creating this resource takes over whatever the source has; destroying it restores the default.\n\n" + settingImportNote,
		Attributes: settingSourceAttributes("entitlement request config", map[string]schema.Attribute{
			"approval_schemes":         entitlementApprovalSchemes("The approval steps of a request, in the order ISC goes through them; none means no approval."),
			"request_comment_required": off("Whether a requester must comment."),
			"denial_comment_required":  off("Whether an approver who denies must comment."),
			"reauthorization_required": off("Whether an approver must authenticate again to approve."),
			"require_end_date":         off("Whether a request must give an end date."),
			"max_permitted_access_duration": schema.SingleNestedAttribute{
				MarkdownDescription: "The longest time an entitlement may be requested for. Unset: no limit.",
				Optional:            true, Computed: true,
				Default: objectdefault.StaticValue(types.ObjectNull(objectTypeOf[accessDurationModel]().AttrTypes)),
				Attributes: map[string]schema.Attribute{
					"value": schema.Int64Attribute{
						MarkdownDescription: "How many time units, at least 1.",
						Required:            true,
						Validators:          []validator.Int64{int64validator.Between(1, 1<<31-1)},
					},
					"time_unit": schema.StringAttribute{
						MarkdownDescription: "The unit: one of " + codeList(client.AccessDurationUnits) + ".",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(client.AccessDurationUnits...)},
					},
				},
			},
			"revocation_approval_schemes": entitlementApprovalSchemes("The approval steps of a revocation, in order; none means no approval."),
		}),
	}
}

// ValidateConfig checks the approval steps as ISC documents them: an id for a governance group or
// workflow and for nothing else, and a workflow alone.
func (r *sourceEntitlementRequestResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	for _, attrName := range []string{"approval_schemes", "revocation_approval_schemes"} {
		var steps []approvalSchemeModel
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root(attrName), &steps)...)
		if resp.Diagnostics.HasError() {
			return
		}
		for i, s := range steps {
			at := path.Root(attrName).AtListIndex(i)
			if s.ApproverType.IsUnknown() || s.ApproverID.IsUnknown() {
				continue
			}
			typ := s.ApproverType.ValueString()
			needsID := slices.Contains(entitlementApproverWithID, typ)
			switch {
			case needsID && s.ApproverID.IsNull():
				resp.Diagnostics.AddAttributeError(at.AtName("approver_id"), "Missing approver ID",
					fmt.Sprintf("%s[%d] has approver_type %s, which names its approver: set approver_id to the %s's ID.",
						attrName, i, typ, map[string]string{"GOVERNANCE_GROUP": "governance group", "WORKFLOW": "workflow"}[typ]))
			case !needsID && !s.ApproverID.IsNull():
				resp.Diagnostics.AddAttributeError(at.AtName("approver_id"), "Approver ID not used",
					fmt.Sprintf("%s[%d] has approver_type %s, for which ISC ignores approver_id: remove it, or use GOVERNANCE_GROUP or WORKFLOW.",
						attrName, i, typ))
			case typ == "WORKFLOW" && len(steps) > 1:
				resp.Diagnostics.AddAttributeError(at, "Workflow beside other approvals",
					fmt.Sprintf("%s[%d] is a WORKFLOW approval, which ISC allows only alone: remove the other %d step(s), or the workflow.",
						attrName, i, len(steps)-1))
			}
		}
	}
}

// ModifyPlan refuses a governance group approver that is not a governance group, which ISC would
// refuse at apply.
func (r *sourceEntitlementRequestResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan entitlementRequestModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for attrName, steps := range map[string][]approvalSchemeModel{"approval_schemes": plan.ApprovalSchemes, "revocation_approval_schemes": plan.RevocationApprovalSchemes} {
		for i, s := range steps {
			if s.ApproverType.ValueString() != "GOVERNANCE_GROUP" || s.ApproverID.IsUnknown() || s.ApproverID.IsNull() {
				continue
			}
			_, err := r.client.GetGovernanceGroup(ctx, s.ApproverID.ValueString())
			switch {
			case errors.Is(err, client.ErrNotFound):
				resp.Diagnostics.AddAttributeError(path.Root(attrName).AtListIndex(i).AtName("approver_id"), "No such governance group",
					fmt.Sprintf("%s[%d] names governance group %q, which ISC does not have: use the ID of a governance group, such as "+
						"sailpoint_governance_group.NAME.id.", attrName, i, s.ApproverID.ValueString()))
			case err != nil:
				addAPIError(&resp.Diagnostics, "reading", "governance group "+s.ApproverID.ValueString(), err)
			}
		}
	}
}

func (m *entitlementRequestModel) toClient() *client.SourceEntitlementRequestConfig {
	access := &client.EntitlementAccessRequestConfig{
		ApprovalSchemes: approvalSchemesToClient(m.ApprovalSchemes), RequestCommentRequired: m.RequestCommentRequired.ValueBool(),
		DenialCommentRequired: m.DenialCommentRequired.ValueBool(), ReauthorizationRequired: m.ReauthorizationRequired.ValueBool(),
		RequireEndDate: m.RequireEndDate.ValueBool(),
	}
	if d := m.MaxPermittedAccessDuration; d != nil {
		access.MaxPermittedAccessDuration = &client.AccessDuration{Value: int32(d.Value.ValueInt64()), TimeUnit: d.TimeUnit.ValueString()} //nolint:gosec // bounded by the schema
	}
	// The revocation part is always sent: whether ISC keeps one left out is unknown (trap 63).
	return &client.SourceEntitlementRequestConfig{AccessRequestConfig: access,
		RevocationRequestConfig: &client.EntitlementRevocationConfig{ApprovalSchemes: approvalSchemesToClient(m.RevocationApprovalSchemes)}}
}

func (m *entitlementRequestModel) fromClient(c *client.SourceEntitlementRequestConfig) {
	access := c.AccessRequestConfig
	if access == nil {
		access = &client.EntitlementAccessRequestConfig{}
	}
	m.ApprovalSchemes = approvalSchemesFromClient(access.ApprovalSchemes, []approvalSchemeModel{})
	m.RequestCommentRequired, m.DenialCommentRequired = types.BoolValue(access.RequestCommentRequired), types.BoolValue(access.DenialCommentRequired)
	m.ReauthorizationRequired, m.RequireEndDate = types.BoolValue(access.ReauthorizationRequired), types.BoolValue(access.RequireEndDate)
	m.MaxPermittedAccessDuration = nil
	if d := access.MaxPermittedAccessDuration; d != nil {
		m.MaxPermittedAccessDuration = &accessDurationModel{Value: types.Int64Value(int64(d.Value)), TimeUnit: types.StringValue(d.TimeUnit)}
	}
	m.RevocationApprovalSchemes = []approvalSchemeModel{}
	if v := c.RevocationRequestConfig; v != nil {
		m.RevocationApprovalSchemes = approvalSchemesFromClient(v.ApprovalSchemes, []approvalSchemeModel{})
	}
}
