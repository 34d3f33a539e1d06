package provider

import (
	"context"
	"fmt"
	"iter"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ resource.ResourceWithModifyPlan     = (*roleResource)(nil)
	_ resource.ResourceWithValidateConfig = (*roleResource)(nil)
)

// NewRoleResource is the factory of sailpoint_role.
func NewRoleResource() resource.Resource {
	return &roleResource{kitResource[roleModel, client.Role]{kit: &roleKit}}
}

type roleResource struct {
	kitResource[roleModel, client.Role]
}

// roleModel is a role, in the resource and in the data source.
type roleModel struct {
	ID                      types.String         `tfsdk:"id"`
	Name                    types.String         `tfsdk:"name"`
	Description             types.String         `tfsdk:"description"`
	Owner                   *refModel            `tfsdk:"owner"`
	AccessProfileIDs        types.Set            `tfsdk:"access_profile_ids"`
	EntitlementIDs          types.Set            `tfsdk:"entitlement_ids"`
	Membership              *roleMembershipModel `tfsdk:"membership"`
	Enabled                 types.Bool           `tfsdk:"enabled"`
	Requestable             types.Bool           `tfsdk:"requestable"`
	Dimensional             types.Bool           `tfsdk:"dimensional"`
	AccessRequestConfig     *accessRequestModel  `tfsdk:"access_request_config"`
	RevocationRequestConfig *revocationModel     `tfsdk:"revocation_request_config"`
	Segments                types.Set            `tfsdk:"segments"`
}

// roleMembershipModel selects a role's members: criteria, or a list of identities.
type roleMembershipModel struct {
	Type        types.String        `tfsdk:"type"`
	Criteria    *roleCriteriaModel1 `tfsdk:"criteria"`
	IdentityIDs types.Set           `tfsdk:"identity_ids"`
}

// The three levels of membership criteria ISC supports, leaves included (trap 39): each level is
// its own type, so a fourth level cannot be written.
type (
	roleCriteriaModel1 struct {
		roleCriteriaNode
		Children []roleCriteriaModel2 `tfsdk:"children"`
	}
	roleCriteriaModel2 struct {
		roleCriteriaNode
		Children []roleCriteriaNode `tfsdk:"children"`
	}
	roleCriteriaNode struct {
		Operation   types.String          `tfsdk:"operation"`
		Key         *roleCriteriaKeyModel `tfsdk:"key"`
		StringValue types.String          `tfsdk:"string_value"`
	}
	roleCriteriaKeyModel struct {
		Type     types.String `tfsdk:"type"`
		Property types.String `tfsdk:"property"`
		SourceID types.String `tfsdk:"source_id"`
	}
)

var roleKit = objectKit[roleModel, client.Role]{
	typeName: "sailpoint_role", noun: "role",
	importShape: "ROLE_ID", importAttrs: []string{"id"},
	toClient: func(ctx context.Context, m *roleModel) (*client.Role, diag.Diagnostics) { return m.toClient(ctx) },
	fromClient: func(ctx context.Context, r *client.Role, m *roleModel, applied bool) diag.Diagnostics {
		return m.fromClient(ctx, r, applied)
	},
	describe: func(m *roleModel) string { return "role " + m.ID.ValueString() },
	importMiss: func(m *roleModel) importMiss {
		return importMiss{resource: "sailpoint_role", thing: "role", id: m.ID.ValueString()}
	},
	create: func(ctx context.Context, c *client.Client, want *client.Role) (*client.Role, error) {
		return c.CreateRole(ctx, want)
	},
	read: func(ctx context.Context, c *client.Client, m *roleModel) (*client.Role, error) {
		return c.GetRole(ctx, m.ID.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *roleModel, prior, want *client.Role) (*client.Role, error) {
		return c.PatchRole(ctx, m.ID.ValueString(), prior, want)
	},
	delete: func(ctx context.Context, c *client.Client, m *roleModel) error {
		return c.DeleteRole(ctx, m.ID.ValueString())
	},
	list: &objectList[client.Role]{
		filters: nameFilter("roles"),
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.Role], error] {
			return pagesOf(c.RolePages(ctx, nameOptions(f, nil)), func(r *client.Role) listed[client.Role] {
				return listed[client.Role]{key: []string{r.ID}, name: r.Name, obj: r}
			})
		},
	},
}

// criteriaAttributes are the members of a criteria node; children, when set, holds the next level.
func criteriaAttributes(children *schema.NestedAttributeObject) map[string]schema.Attribute {
	attrs := map[string]schema.Attribute{
		"operation": schema.StringAttribute{
			MarkdownDescription: "A test of `key` against `string_value` (" + codeList(client.RoleCriteriaLeafOperations) +
				"), or `AND` or `OR` of `children`.",
			Required:   true,
			Validators: []validator.String{stringvalidator.OneOf(append(slices.Clone(client.RoleCriteriaLeafOperations), "AND", "OR")...)},
		},
		"key": nullObject(schema.SingleNestedAttribute{
			MarkdownDescription: "What a test reads; unset for `AND` and `OR`.",
			Attributes: map[string]schema.Attribute{
				"type": schema.StringAttribute{
					MarkdownDescription: "An identity attribute, an account attribute or an entitlement: " + codeList(client.RoleCriteriaKeyTypes) + ".",
					Required:            true,
					Validators:          []validator.String{stringvalidator.OneOf(client.RoleCriteriaKeyTypes...)},
				},
				"property": schema.StringAttribute{
					MarkdownDescription: "The attribute or entitlement, such as `attribute.department` or `attribute.memberOf`.",
					Required:            true,
					Validators:          []validator.String{validate.NotBlank()},
				},
				"source_id": nullString("The source of the account attribute or entitlement; required for `ACCOUNT` and `ENTITLEMENT`.", validate.NotBlank()),
			},
		}),
		"string_value": nullString("The value a test compares with; unset for `AND` and `OR`."),
	}
	if children != nil {
		attrs["children"] = nullList(schema.ListNestedAttribute{
			MarkdownDescription: "The criteria an `AND` or `OR` combines, of the other operation or tests; unset for a test.",
			NestedObject:        *children,
		})
	}
	return attrs
}

func (r *roleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	leaf := schema.NestedAttributeObject{Attributes: criteriaAttributes(nil)}
	level2 := schema.NestedAttributeObject{Attributes: criteriaAttributes(&leaf)}
	noIDs := types.SetValueMust(types.StringType, []attr.Value{})
	resp.Schema = schema.Schema{
		MarkdownDescription: "A role of SailPoint Identity Security Cloud (ISC): access profiles and entitlements that ISC grants " +
			"together to the identities its membership selects, by criteria or by a list, and that identities may request. " +
			"Everything but `dimensional` changes in place, with one JSON Patch of what changed. The plan checks the membership " +
			"against ISC's limits: three levels of criteria at most, `AND` and `OR` alternating, and at most " +
			fmt.Sprint(client.RoleMembershipIdentityChanges) + " listed identities added or removed in one change. ISC refuses to " +
			"delete an access profile a role grants, so a role goes before its access profiles.",
		Attributes: map[string]schema.Attribute{
			"id": setByISC("The role's ID, assigned by ISC."),
			"name": schema.StringAttribute{
				MarkdownDescription: "The role's name, unique in the tenant, at most 128 characters.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank(), stringvalidator.UTF8LengthAtMost(128)},
			},
			"description":        nullString("What the role grants, at most 2000 characters.", stringvalidator.UTF8LengthBetween(1, 2000)),
			"owner":              refAttribute("The identity that owns the role.", true),
			"access_profile_ids": idSet("The IDs of the access profiles the role grants. Default none.", noIDs),
			"entitlement_ids":    idSet("The IDs of the entitlements the role grants directly. Default none.", noIDs),
			"membership": nullObject(schema.SingleNestedAttribute{
				MarkdownDescription: "Which identities ISC gives the role. Unset: none; identities only request it.",
				Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: "`STANDARD` (by `criteria`) or `IDENTITY_LIST` (the identities of `identity_ids`).",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(client.RoleMembershipTypes...)},
					},
					"criteria": nullObject(schema.SingleNestedAttribute{
						MarkdownDescription: "For `STANDARD`: a test, or `AND` or `OR` of up to two more levels (the third holds tests only).",
						Attributes:          criteriaAttributes(&level2),
					}),
					"identity_ids": idSet("For `IDENTITY_LIST`: the IDs of the member identities. One change adds or removes at most "+
						fmt.Sprint(client.RoleMembershipIdentityChanges)+".", types.SetNull(types.StringType)),
				},
			}),
			"enabled":     flagAttribute("Whether the role is enabled. Default `false`, as in ISC.", false),
			"requestable": flagAttribute("Whether identities can request the role. Default `false`, as in ISC.", false),
			"dimensional": schema.BoolAttribute{
				MarkdownDescription: "Whether the role is dimensional. Default `false`, as in ISC. ISC sets it only on create: changing it replaces the role.",
				Optional:            true, Computed: true,
				Default:       booldefault.StaticBool(false),
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()},
			},
			"access_request_config": nullObject(schema.SingleNestedAttribute{
				MarkdownDescription: "How the role is requested. Unset: ISC's defaults.",
				Attributes:          accessRequestAttributes(client.RoleApproverTypes),
			}),
			"revocation_request_config": nullObject(schema.SingleNestedAttribute{
				MarkdownDescription: "How a revocation of the role is approved. Unset: ISC's defaults.",
				Attributes:          revocationAttributes(client.RoleApproverTypes),
			}),
			"segments": idSet("The IDs of the segments the role is in. Default none.", types.SetNull(types.StringType)),
		},
	}
}

// ValidateConfig checks the membership against ISC's rules (trap 39): criteria for STANDARD,
// identities for IDENTITY_LIST, and criteria nodes that are tests of a key against a value or
// AND and OR nodes that alternate, three levels deep at most.
func (r *roleResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m *roleMembershipModel
	// A membership with parts still unknown does not decode; it is checked once they are known.
	// A type ISC does not know is the type's validator's to report.
	if d := req.Config.GetAttribute(ctx, path.Root("membership"), &m); d.HasError() || m == nil || !slices.Contains(client.RoleMembershipTypes, m.Type.ValueString()) {
		return
	}
	at := path.Root("membership")
	switch standard := m.Type.ValueString() == "STANDARD"; {
	case standard && m.Criteria == nil:
		resp.Diagnostics.AddAttributeError(at.AtName("criteria"), "Role membership without criteria",
			"membership.type is STANDARD, which selects identities by criteria: set membership.criteria, or use type IDENTITY_LIST with identity_ids.")
	case standard && !m.IdentityIDs.IsNull():
		resp.Diagnostics.AddAttributeError(at.AtName("identity_ids"), "Identities in a STANDARD membership",
			"membership.identity_ids lists members of an IDENTITY_LIST membership; this one is STANDARD and selects them by criteria: remove identity_ids, or set type = \"IDENTITY_LIST\".")
	case !standard && m.Criteria != nil:
		resp.Diagnostics.AddAttributeError(at.AtName("criteria"), "Criteria in an IDENTITY_LIST membership",
			"membership.type is IDENTITY_LIST, which lists its members in identity_ids: remove criteria, or set type = \"STANDARD\".")
	case !standard && m.IdentityIDs.IsNull():
		resp.Diagnostics.AddAttributeError(at.AtName("identity_ids"), "Role membership without identities",
			"membership.type is IDENTITY_LIST: set membership.identity_ids to the IDs of the member identities (an empty set for none).")
	}
	c := m.Criteria
	if c == nil {
		return
	}
	at = at.AtName("criteria")
	checkCriteriaNode(&resp.Diagnostics, at, 1, "", c.roleCriteriaNode, len(c.Children))
	for i, c2 := range c.Children {
		at2 := at.AtName("children").AtListIndex(i)
		checkCriteriaNode(&resp.Diagnostics, at2, 2, c.Operation.ValueString(), c2.roleCriteriaNode, len(c2.Children))
		for j, c3 := range c2.Children {
			checkCriteriaNode(&resp.Diagnostics, at2.AtName("children").AtListIndex(j), 3, c2.Operation.ValueString(), c3, 0)
		}
	}
}

// checkCriteriaNode checks one criteria node at level (1 to 3), whose parent has the operation
// parent ("" for the top) and which has children children.
func checkCriteriaNode(diags *diag.Diagnostics, at path.Path, level int, parent string, n roleCriteriaNode, children int) {
	op := n.Operation.ValueString()
	if n.Operation.IsUnknown() || op != "AND" && op != "OR" && !slices.Contains(client.RoleCriteriaLeafOperations, op) {
		return // the operation's validator reports one ISC does not know
	}
	if op == "AND" || op == "OR" {
		other := map[string]string{"AND": "OR", "OR": "AND"}[op]
		switch {
		case level == client.RoleCriteriaLevels:
			diags.AddAttributeError(at.AtName("operation"), "Role criteria too deep",
				fmt.Sprintf("ISC supports %d levels of membership criteria, tests included, so a node at the third level is a test, not %s: "+
					"make it a test of a key against string_value, or move the tests it combines up a level.", client.RoleCriteriaLevels, op))
		case op == parent:
			diags.AddAttributeError(at.AtName("operation"), "AND and OR must alternate",
				fmt.Sprintf("This %s node is a child of an %s node; ISC accepts only %s nodes and tests there: make it %s, or move its children up into its parent.",
					op, parent, other, other))
		case children == 0:
			diags.AddAttributeError(at.AtName("children"), "Role criteria without children",
				fmt.Sprintf("An %s node combines children: set children to tests or %s nodes, or make this node a test.", op, other))
		}
		if n.Key != nil {
			diags.AddAttributeError(at.AtName("key"), "Key on an "+op+" node", "An "+op+" node tests nothing itself: remove key, and test keys in its children.")
		}
		if !n.StringValue.IsNull() {
			diags.AddAttributeError(at.AtName("string_value"), "Value on an "+op+" node", "An "+op+" node tests nothing itself: remove string_value, and test values in its children.")
		}
		return
	}
	if children > 0 {
		diags.AddAttributeError(at.AtName("children"), "Children of a test",
			fmt.Sprintf("A %s node tests its key against string_value and has no children: remove children, or make it an AND or OR node.", op))
	}
	if n.Key == nil {
		diags.AddAttributeError(at.AtName("key"), "Test without a key",
			fmt.Sprintf("A %s test reads an identity attribute, account attribute or entitlement: set key.", op))
	} else if t := n.Key.Type.ValueString(); (t == "ACCOUNT" || t == "ENTITLEMENT") && n.Key.SourceID.IsNull() {
		diags.AddAttributeError(at.AtName("key").AtName("source_id"), "Key without a source",
			fmt.Sprintf("A key of type %s reads an account of a source: set key.source_id to the source's ID.", t))
	}
	if n.StringValue.IsNull() {
		diags.AddAttributeError(at.AtName("string_value"), "Test without a value",
			fmt.Sprintf("A %s test compares its key with string_value: set it.", op))
	}
}

// ModifyPlan refuses a change of more listed member identities than ISC takes in one request.
func (r *roleResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return
	}
	var planned, prior types.Set
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("membership").AtName("identity_ids"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("membership").AtName("identity_ids"), &prior)...)
	if resp.Diagnostics.HasError() || planned.IsUnknown() {
		return
	}
	to, from := setStrings(ctx, planned, &resp.Diagnostics), setStrings(ctx, prior, &resp.Diagnostics)
	added, removed := 0, 0
	for _, id := range to {
		if !slices.Contains(from, id) {
			added++
		}
	}
	for _, id := range from {
		if !slices.Contains(to, id) {
			removed++
		}
	}
	if added+removed > client.RoleMembershipIdentityChanges {
		resp.Diagnostics.AddAttributeError(path.Root("membership").AtName("identity_ids"), "Too many membership changes at once",
			fmt.Sprintf("This change adds %d and removes %d member identities, %d in all; ISC changes at most %d in one request. "+
				"Apply it in steps of at most %d added or removed identities.", added, removed, added+removed,
				client.RoleMembershipIdentityChanges, client.RoleMembershipIdentityChanges))
	}
}

func (m *roleModel) toClient(ctx context.Context) (*client.Role, diag.Diagnostics) {
	var diags diag.Diagnostics
	r := &client.Role{
		ID: m.ID.ValueString(), Name: m.Name.ValueString(), Owner: m.Owner.toClient(client.RefIdentity),
		AccessProfiles: idRefs(ctx, m.AccessProfileIDs, "ACCESS_PROFILE", &diags), Entitlements: idRefs(ctx, m.EntitlementIDs, "ENTITLEMENT", &diags),
		Enabled: m.Enabled.ValueBool(), Requestable: m.Requestable.ValueBool(), Dimensional: m.Dimensional.ValueBool(),
		AccessRequestConfig: m.AccessRequestConfig.toClient(), RevocationRequestConfig: m.RevocationRequestConfig.toClient(),
		Segments: setStrings(ctx, m.Segments, &diags),
	}
	slices.Sort(r.Segments)
	if !m.Description.IsNull() && !m.Description.IsUnknown() {
		d := m.Description.ValueString()
		r.Description = &d
	}
	if ms := m.Membership; ms != nil {
		r.Membership = &client.RoleMembership{Type: ms.Type.ValueString()}
		for _, id := range setStrings(ctx, ms.IdentityIDs, &diags) {
			r.Membership.Identities = append(r.Membership.Identities, client.RoleMembershipIdentity{Type: client.RefIdentity, ID: id})
		}
		if c := ms.Criteria; c != nil {
			r.Membership.Criteria = c.toClient()
			for _, c2 := range c.Children {
				n := c2.toClient()
				for _, c3 := range c2.Children {
					n.Children = append(n.Children, *c3.toClient())
				}
				r.Membership.Criteria.Children = append(r.Membership.Criteria.Children, *n)
			}
		}
	}
	return r, diags
}

// idRefs are references of type typ to the objects of a set of IDs, in the order of their IDs.
func idRefs(ctx context.Context, ids types.Set, typ string, diags *diag.Diagnostics) []client.Reference {
	values := setStrings(ctx, ids, diags)
	slices.Sort(values)
	out := make([]client.Reference, len(values))
	for i, id := range values {
		out[i] = client.Reference{Type: typ, ID: id}
	}
	return out
}

func (n *roleCriteriaNode) toClient() *client.RoleCriteria {
	c := &client.RoleCriteria{Operation: n.Operation.ValueString()}
	if k := n.Key; k != nil {
		c.Key = &client.RoleCriteriaKey{Type: k.Type.ValueString(), Property: k.Property.ValueString(), SourceID: k.SourceID.ValueString()}
	}
	if !n.StringValue.IsNull() {
		v := n.StringValue.ValueString()
		c.StringValue = &v
	}
	return c
}

func criteriaNodeFromClient(c *client.RoleCriteria) roleCriteriaNode {
	n := roleCriteriaNode{Operation: types.StringValue(c.Operation), StringValue: types.StringNull()}
	if k := c.Key; k != nil {
		n.Key = &roleCriteriaKeyModel{Type: types.StringValue(k.Type), Property: types.StringValue(k.Property), SourceID: stringOrNull(k.SourceID)}
	}
	if c.StringValue != nil {
		n.StringValue = types.StringValue(*c.StringValue)
	}
	return n
}

// fromClient sets the model, which holds the plan or the prior state, from ISC's role. A
// description, configurations and segments that ISC holds empty stay unset when they are unset.
func (m *roleModel) fromClient(ctx context.Context, r *client.Role, applied bool) diag.Diagnostics {
	var diags diag.Diagnostics
	var plannedOwner *refModel
	if applied {
		plannedOwner = m.Owner
	}
	m.ID, m.Name = types.StringValue(r.ID), types.StringValue(r.Name)
	if r.Description != nil && (*r.Description != "" || !m.Description.IsNull()) {
		m.Description = types.StringValue(*r.Description)
	} else {
		m.Description = types.StringNull()
	}
	m.Owner = refFromClient(r.Owner, plannedOwner)
	m.AccessProfileIDs = stringSet(ctx, refIDsOf(r.AccessProfiles), &diags)
	m.EntitlementIDs = stringSet(ctx, refIDsOf(r.Entitlements), &diags)
	m.Membership = nil
	if ms := r.Membership; ms != nil {
		m.Membership = &roleMembershipModel{Type: types.StringValue(ms.Type), IdentityIDs: types.SetNull(types.StringType)}
		if ms.Type == "IDENTITY_LIST" || len(ms.Identities) > 0 {
			ids := make([]string, len(ms.Identities))
			for i, id := range ms.Identities {
				ids[i] = id.ID
			}
			m.Membership.IdentityIDs = stringSet(ctx, ids, &diags)
		}
		if c := ms.Criteria; c != nil {
			c1 := &roleCriteriaModel1{roleCriteriaNode: criteriaNodeFromClient(c)}
			for i := range c.Children {
				c2 := roleCriteriaModel2{roleCriteriaNode: criteriaNodeFromClient(&c.Children[i])}
				for j := range c.Children[i].Children {
					c2.Children = append(c2.Children, criteriaNodeFromClient(&c.Children[i].Children[j]))
				}
				c1.Children = append(c1.Children, c2)
			}
			m.Membership.Criteria = c1
		}
	}
	m.Enabled, m.Requestable, m.Dimensional = types.BoolValue(r.Enabled), types.BoolValue(r.Requestable), types.BoolValue(r.Dimensional)
	m.AccessRequestConfig = accessRequestFromClient(r.AccessRequestConfig, m.AccessRequestConfig)
	m.RevocationRequestConfig = revocationFromClient(r.RevocationRequestConfig, m.RevocationRequestConfig)
	m.Segments = optionalSet(ctx, r.Segments, m.Segments, &diags)
	return diags
}

func refIDsOf(refs []client.Reference) []string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}
