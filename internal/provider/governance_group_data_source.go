package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var _ datasource.DataSourceWithConfigValidators = (*governanceGroupDataSource)(nil)

// NewGovernanceGroupDataSource is the factory of the sailpoint_governance_group data source.
func NewGovernanceGroupDataSource() datasource.DataSource { return &governanceGroupDataSource{} }

type governanceGroupDataSource struct {
	dataSourceClientHolder
	byIDOrName
}

func (d *governanceGroupDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = governanceGroupKit.typeName
}

func (d *governanceGroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one governance group of SailPoint Identity Security Cloud (ISC) by `id` or by `name`, such as " +
			"the group that approves requests for an access profile. Lookups read the list of governance groups once per run.",
		Attributes: withIDAndName("governance group", map[string]schema.Attribute{
			"description": schema.StringAttribute{MarkdownDescription: "What the group is for.", Computed: true},
			"owner":       refDataAttribute("The identity that owns the group."),
		}),
	}
}

func (d *governanceGroupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg governanceGroupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found := lookup(ctx, &resp.Diagnostics, "governance group", cfg.ID, cfg.Name, d.client.GetGovernanceGroup, d.client.AllGovernanceGroups,
		func(g *client.GovernanceGroup) string { return g.Name })
	if found == nil {
		return
	}
	var state governanceGroupModel
	state.fromClient(found, false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
