package provider

import (
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// The access request and revocation configurations of what identities request: access profiles
// and roles. Both hold approval schemes; the approver types differ by object type.

// accessRequestModel is how the object is requested.
type accessRequestModel struct {
	CommentsRequired        types.Bool            `tfsdk:"comments_required"`
	DenialCommentsRequired  types.Bool            `tfsdk:"denial_comments_required"`
	ReauthorizationRequired types.Bool            `tfsdk:"reauthorization_required"`
	RequireEndDate          types.Bool            `tfsdk:"require_end_date"`
	ApprovalSchemes         []approvalSchemeModel `tfsdk:"approval_schemes"`
}

// revocationModel is how the object is revoked.
type revocationModel struct {
	ApprovalSchemes []approvalSchemeModel `tfsdk:"approval_schemes"`
}

type approvalSchemeModel struct {
	ApproverType types.String `tfsdk:"approver_type"`
	ApproverID   types.String `tfsdk:"approver_id"`
}

// flagAttribute is an optional boolean with ISC's default.
func flagAttribute(description string, def bool) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: description, Optional: true, Computed: true, Default: booldefault.StaticBool(def)}
}

// accessRequestAttributes are the members of an access_request_config whose approvers are of
// approverTypes.
func accessRequestAttributes(approverTypes []string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"comments_required":        flagAttribute("Whether a requester must comment. Default `false`.", false),
		"denial_comments_required": flagAttribute("Whether an approver who denies must comment. Default `false`.", false),
		"reauthorization_required": flagAttribute("Whether an approver must re-authenticate. Default `false`.", false),
		"require_end_date":         flagAttribute("Whether a request must give an end date. Default `false`.", false),
		"approval_schemes":         approvalSchemesAttribute("The approval steps of a request, in order; none means no approval.", approverTypes),
	}
}

// revocationAttributes are the members of a revocation_request_config.
func revocationAttributes(approverTypes []string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"approval_schemes": approvalSchemesAttribute("The approval steps of a revocation, in order.", approverTypes),
	}
}

// approversByID are the approver types that name their approver by approver_id.
var approversByID = []string{"GOVERNANCE_GROUP", "ADDITIONAL_GOVERNANCE_GROUP", "ADDITIONAL_OWNER", "WORKFLOW"}

// approvalSchemesAttribute is a list of approval steps by approvers of approverTypes.
func approvalSchemesAttribute(description string, approverTypes []string) schema.ListNestedAttribute {
	byID := slices.DeleteFunc(slices.Clone(approverTypes), func(t string) bool { return !slices.Contains(approversByID, t) })
	return nullList(schema.ListNestedAttribute{
		MarkdownDescription: description,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"approver_type": schema.StringAttribute{
				MarkdownDescription: "Who approves: one of " + strings.Join(quoted(approverTypes), ", ") + ".",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(approverTypes...)},
			},
			"approver_id": nullString("The governance group or workflow that approves, for "+strings.Join(quoted(byID), ", ")+".",
				validate.NotBlank()),
		}},
	})
}

// entitlementApprovalSchemes is a list of approval steps of requests for entitlements (an
// entitlement's own, or a source's for all its entitlements): none unless set.
func entitlementApprovalSchemes(description string) schema.ListNestedAttribute {
	a := approvalSchemesAttribute(description+" `WORKFLOW` excludes every other step. Default none.", client.EntitlementApproverTypes)
	a.Default = listdefault.StaticValue(types.ListValueMust(objectTypeOf[approvalSchemeModel](), []attr.Value{}))
	return a
}

// requestConfigDataAttributes are the access_request_config and revocation_request_config of a
// data source, read from ISC.
func requestConfigDataAttributes(noun string) map[string]dsschema.Attribute {
	computedBool := func(description string) dsschema.BoolAttribute {
		return dsschema.BoolAttribute{MarkdownDescription: description, Computed: true}
	}
	schemes := dsschema.ListNestedAttribute{
		MarkdownDescription: "The approval steps, in order.",
		Computed:            true,
		NestedObject: dsschema.NestedAttributeObject{Attributes: map[string]dsschema.Attribute{
			"approver_type": dsschema.StringAttribute{MarkdownDescription: "Who approves, such as `MANAGER`.", Computed: true},
			"approver_id":   dsschema.StringAttribute{MarkdownDescription: "The governance group or workflow that approves.", Computed: true},
		}},
	}
	return map[string]dsschema.Attribute{
		"access_request_config": dsschema.SingleNestedAttribute{
			MarkdownDescription: "How the " + noun + " is requested.",
			Computed:            true,
			Attributes: map[string]dsschema.Attribute{
				"comments_required":        computedBool("Whether a requester must comment."),
				"denial_comments_required": computedBool("Whether an approver who denies must comment."),
				"reauthorization_required": computedBool("Whether an approver must re-authenticate."),
				"require_end_date":         computedBool("Whether a request must give an end date."),
				"approval_schemes":         schemes,
			},
		},
		"revocation_request_config": dsschema.SingleNestedAttribute{
			MarkdownDescription: "How a revocation is approved.",
			Computed:            true,
			Attributes:          map[string]dsschema.Attribute{"approval_schemes": schemes},
		},
	}
}

func quoted(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = "`" + v + "`"
	}
	return out
}

func (c *accessRequestModel) toClient() *client.Requestability {
	if c == nil {
		return nil
	}
	return &client.Requestability{
		CommentsRequired: c.CommentsRequired.ValueBool(), DenialCommentsRequired: c.DenialCommentsRequired.ValueBool(),
		ReauthorizationRequired: c.ReauthorizationRequired.ValueBool(), RequireEndDate: c.RequireEndDate.ValueBool(),
		ApprovalSchemes: approvalSchemesToClient(c.ApprovalSchemes),
	}
}

func (c *revocationModel) toClient() *client.Revocability {
	if c == nil {
		return nil
	}
	return &client.Revocability{ApprovalSchemes: approvalSchemesToClient(c.ApprovalSchemes)}
}

// accessRequestFromClient is ISC's request configuration; one that holds only ISC's defaults stays
// unset when prior (the plan or the state) is.
func accessRequestFromClient(c *client.Requestability, prior *accessRequestModel) *accessRequestModel {
	if c == nil || (prior == nil && len(c.ApprovalSchemes) == 0 && !c.CommentsRequired && !c.DenialCommentsRequired && !c.ReauthorizationRequired && !c.RequireEndDate) {
		return nil
	}
	var schemes []approvalSchemeModel
	if prior != nil {
		schemes = prior.ApprovalSchemes
	}
	return &accessRequestModel{
		CommentsRequired: types.BoolValue(c.CommentsRequired), DenialCommentsRequired: types.BoolValue(c.DenialCommentsRequired),
		ReauthorizationRequired: types.BoolValue(c.ReauthorizationRequired), RequireEndDate: types.BoolValue(c.RequireEndDate),
		ApprovalSchemes: approvalSchemesFromClient(c.ApprovalSchemes, schemes),
	}
}

// revocationFromClient is ISC's revocation configuration; likewise.
func revocationFromClient(c *client.Revocability, prior *revocationModel) *revocationModel {
	if c == nil || (prior == nil && len(c.ApprovalSchemes) == 0) {
		return nil
	}
	var schemes []approvalSchemeModel
	if prior != nil {
		schemes = prior.ApprovalSchemes
	}
	return &revocationModel{ApprovalSchemes: approvalSchemesFromClient(c.ApprovalSchemes, schemes)}
}

func approvalSchemesToClient(schemes []approvalSchemeModel) []client.ApprovalScheme {
	out := make([]client.ApprovalScheme, len(schemes))
	for i, s := range schemes {
		out[i] = client.ApprovalScheme{ApproverType: s.ApproverType.ValueString(), ApproverID: s.ApproverID.ValueString()}
	}
	return out
}

func approvalSchemesFromClient(schemes []client.ApprovalScheme, prior []approvalSchemeModel) []approvalSchemeModel {
	if len(schemes) == 0 && prior == nil {
		return nil
	}
	out := make([]approvalSchemeModel, len(schemes))
	for i, s := range schemes {
		out[i] = approvalSchemeModel{ApproverType: types.StringValue(s.ApproverType), ApproverID: stringOrNull(s.ApproverID)}
	}
	return out
}
