package provider

import (
	"context"
	"iter"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// NewGovernanceGroupMembersResource is the factory of sailpoint_governance_group_members.
func NewGovernanceGroupMembersResource() resource.Resource {
	return &governanceGroupMembersResource{kitResource[governanceGroupMembersModel, memberSet]{kit: &governanceGroupMembersKit}}
}

type governanceGroupMembersResource struct {
	kitResource[governanceGroupMembersModel, memberSet]
}

type governanceGroupMembersModel struct {
	ID                types.String `tfsdk:"id"`
	GovernanceGroupID types.String `tfsdk:"governance_group_id"`
	IdentityIDs       types.Set    `tfsdk:"identity_ids"`
}

// memberSet is the membership of one governance group: ISC has no document for it, only the
// list of members and the bulk calls that change it.
type memberSet struct {
	groupID string
	ids     []string
}

// governanceGroupMembersKit: the resource holds the whole membership of a group. Creating and
// updating it add the missing identities and remove the others; since ISC answers each bulk call
// per identity, a change can go through in part, and then the state records the members the
// group has and the error names each identity that failed.
var governanceGroupMembersKit = objectKit[governanceGroupMembersModel, memberSet]{
	typeName: "sailpoint_governance_group_members", noun: "governance group members",
	importShape: "GOVERNANCE_GROUP_ID", importAttrs: []string{"governance_group_id"}, importWhole: "id",
	toClient: func(ctx context.Context, m *governanceGroupMembersModel) (*memberSet, diag.Diagnostics) {
		set := &memberSet{groupID: m.GovernanceGroupID.ValueString()}
		diags := m.IdentityIDs.ElementsAs(ctx, &set.ids, false)
		return set, diags
	},
	fromClient: func(_ context.Context, set *memberSet, m *governanceGroupMembersModel, _ bool) diag.Diagnostics {
		ids := append([]string{}, set.ids...) // a group without members is an empty set, not null
		slices.Sort(ids)
		var diags diag.Diagnostics
		m.ID, m.GovernanceGroupID = types.StringValue(set.groupID), types.StringValue(set.groupID)
		m.IdentityIDs, diags = types.SetValueFrom(context.Background(), types.StringType, ids)
		return diags
	},
	describe: func(m *governanceGroupMembersModel) string {
		return "the members of governance group " + m.GovernanceGroupID.ValueString()
	},
	importMiss: func(m *governanceGroupMembersModel) importMiss {
		return importMiss{resource: "sailpoint_governance_group_members", thing: "governance group", id: m.GovernanceGroupID.ValueString()}
	},
	create: func(ctx context.Context, c *client.Client, want *memberSet) (*memberSet, error) {
		// Adding a member twice changes nothing, so a create needs no proof of a lost answer.
		if _, err := c.SetGovernanceGroupMembers(ctx, want.groupID, want.ids); err != nil {
			return nil, err
		}
		return want, nil
	},
	read: func(ctx context.Context, c *client.Client, m *governanceGroupMembersModel) (*memberSet, error) {
		members, err := c.GovernanceGroupMembers(ctx, m.GovernanceGroupID.ValueString())
		if err != nil {
			return nil, err
		}
		set := &memberSet{groupID: m.GovernanceGroupID.ValueString()}
		for _, mb := range members {
			set.ids = append(set.ids, mb.ID)
		}
		return set, nil
	},
	update: func(ctx context.Context, c *client.Client, _ *governanceGroupMembersModel, _, want *memberSet) (*memberSet, error) {
		held, err := c.SetGovernanceGroupMembers(ctx, want.groupID, want.ids)
		if held == nil && err != nil {
			return nil, err
		}
		return &memberSet{groupID: want.groupID, ids: held}, err
	},
	partialUpdates: true,
	delete: func(ctx context.Context, c *client.Client, m *governanceGroupMembersModel) error {
		var ids []string
		m.IdentityIDs.ElementsAs(ctx, &ids, false) // a known set of strings always converts
		return c.RemoveGovernanceGroupMembers(ctx, m.GovernanceGroupID.ValueString(), ids)
	},
	// One per group, its members read only when the resource is asked for.
	list: &objectList[memberSet]{
		filters: map[string]string{"name_prefix": "Only the members of the governance groups whose names start with this text."},
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[memberSet], error] {
			return pagesOf(c.GovernanceGroupPages(ctx, nameOptions(f, nil)), func(g *client.GovernanceGroup) listed[memberSet] {
				return listed[memberSet]{key: []string{g.ID}, name: "members of " + g.Name}
			})
		},
	},
}

func (r *governanceGroupMembersResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The members of a SailPoint Identity Security Cloud (ISC) governance group, all of them: creating the " +
			"resource makes the group's members exactly `identity_ids` (members added elsewhere are removed), and a plan shows " +
			"members added or removed behind Terraform's back. ISC answers each change per identity, so a change can go " +
			"through in part: the apply then fails naming every identity that failed, and the state holds the members the " +
			"group has. Destroying the resource removes its members from the group.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The governance group's ID, as `governance_group_id`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"governance_group_id": schema.StringAttribute{
				MarkdownDescription: "The ID of the governance group. Changing it replaces the resource.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"identity_ids": schema.SetAttribute{
				MarkdownDescription: "The IDs of the identities that are the group's members; empty for a group without members.",
				ElementType:         types.StringType,
				Required:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1), validate.NotBlank())},
			},
		},
	}
}
