package provider

import (
	"context"
	"iter"

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

// NewGovernanceGroupResource is the factory of sailpoint_governance_group.
func NewGovernanceGroupResource() resource.Resource {
	return &governanceGroupResource{kitResource[governanceGroupModel, client.GovernanceGroup]{kit: &governanceGroupKit}}
}

type governanceGroupResource struct {
	kitResource[governanceGroupModel, client.GovernanceGroup]
}

// governanceGroupModel is a governance group, in the resource and in the data source.
type governanceGroupModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Owner       *refModel    `tfsdk:"owner"`
}

// governanceGroupKit: groups are patched (name, description, owner) and deleted at once.
var governanceGroupKit = objectKit[governanceGroupModel, client.GovernanceGroup]{
	typeName: "sailpoint_governance_group", noun: "governance group",
	importShape: "GOVERNANCE_GROUP_ID", importAttrs: []string{"id"},
	toClient: func(_ context.Context, m *governanceGroupModel) (*client.GovernanceGroup, diag.Diagnostics) {
		return m.toClient(), nil
	},
	fromClient: func(_ context.Context, g *client.GovernanceGroup, m *governanceGroupModel, applied bool) diag.Diagnostics {
		m.fromClient(g, applied)
		return nil
	},
	describe: func(m *governanceGroupModel) string { return "governance group " + m.ID.ValueString() },
	importMiss: func(m *governanceGroupModel) importMiss {
		return importMiss{resource: "sailpoint_governance_group", thing: "governance group", id: m.ID.ValueString()}
	},
	create: func(ctx context.Context, c *client.Client, want *client.GovernanceGroup) (*client.GovernanceGroup, error) {
		return c.CreateGovernanceGroup(ctx, want)
	},
	read: func(ctx context.Context, c *client.Client, m *governanceGroupModel) (*client.GovernanceGroup, error) {
		return c.GetGovernanceGroup(ctx, m.ID.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *governanceGroupModel, prior, want *client.GovernanceGroup) (*client.GovernanceGroup, error) {
		return c.PatchGovernanceGroup(ctx, m.ID.ValueString(), prior, want)
	},
	delete: func(ctx context.Context, c *client.Client, m *governanceGroupModel) error {
		return c.DeleteGovernanceGroup(ctx, m.ID.ValueString())
	},
	list: &objectList[client.GovernanceGroup]{
		filters: nameFilter("governance groups"),
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.GovernanceGroup], error] {
			return pagesOf(c.GovernanceGroupPages(ctx, nameOptions(f, nil)), func(g *client.GovernanceGroup) listed[client.GovernanceGroup] {
				return listed[client.GovernanceGroup]{key: []string{g.ID}, name: g.Name, obj: g}
			})
		},
	},
}

func (r *governanceGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A governance group of SailPoint Identity Security Cloud (ISC): a named group of identities that owns " +
			"and approves access (access profiles, roles and entitlements name it as an approver). Name, description and owner " +
			"change in place. Its members are managed apart, by `sailpoint_governance_group_members`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The governance group's ID, assigned by ISC.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The governance group's name, unique in the tenant. It must not be blank.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"description": nullString("What the group is for.", stringvalidator.LengthAtLeast(1)),
			"owner":       refAttribute("The identity that owns the group.", true),
		},
	}
}

func (m *governanceGroupModel) toClient() *client.GovernanceGroup {
	return &client.GovernanceGroup{ID: m.ID.ValueString(), Name: m.Name.ValueString(), Description: m.Description.ValueString(),
		Owner: m.Owner.toClient(client.RefIdentity)}
}

// fromClient sets the model from ISC's group; applied keeps a planned owner name (see
// refFromClient).
func (m *governanceGroupModel) fromClient(g *client.GovernanceGroup, applied bool) {
	var planned *refModel
	if applied {
		planned = m.Owner
	}
	m.ID, m.Name, m.Description = types.StringValue(g.ID), types.StringValue(g.Name), stringOrNull(g.Description)
	m.Owner = refFromClient(g.Owner, planned)
}
