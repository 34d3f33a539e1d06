package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ datasource.DataSourceWithConfigValidators = (*governanceGroupDataSource)(nil)

// NewGovernanceGroupDataSource is the factory of the sailpoint_governance_group data source.
func NewGovernanceGroupDataSource() datasource.DataSource { return &governanceGroupDataSource{} }

type governanceGroupDataSource struct {
	dataSourceClientHolder
}

func (d *governanceGroupDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = governanceGroupKit.typeName
}

func (d *governanceGroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one governance group of SailPoint Identity Security Cloud (ISC) by `id` or by `name`, such as " +
			"the group that approves requests for an access profile. Lookups read the list of governance groups once per run.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The governance group's ID. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The governance group's name, matched exactly. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"description": schema.StringAttribute{MarkdownDescription: "What the group is for.", Computed: true},
			"owner":       refDataAttribute("The identity that owns the group."),
		},
	}
}

func (d *governanceGroupDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
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
