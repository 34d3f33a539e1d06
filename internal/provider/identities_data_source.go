package provider

import (
	"context"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var _ datasource.DataSourceWithConfigure = (*identitiesDataSource)(nil)

// NewIdentitiesDataSource is the factory of the sailpoint_identities data source.
func NewIdentitiesDataSource() datasource.DataSource { return &identitiesDataSource{} }

type identitiesDataSource struct {
	dataSourceClientHolder
}

type identitiesDataSourceModel struct {
	Filters             types.String    `tfsdk:"filters"`
	Sorters             types.String    `tfsdk:"sorters"`
	IncludeUncorrelated types.Bool      `tfsdk:"include_uncorrelated"`
	MaxResults          types.Int64     `tfsdk:"max_results"`
	Identities          []identityModel `tfsdk:"identities"`
	Total               types.Int64     `tfsdk:"total"`
}

const (
	defaultMaxIdentities = 1000
	maxMaxIdentities     = 10000
)

// identityFilterSyntax describes ISC's filters over identities.
const identityFilterSyntax = "Filter in ISC's syntax, such as `cloudStatus eq \"ACTIVE\" and name sw \"J\"`. Identities can be filtered on `id` (eq, in), " +
	"`name`, `alias`, `firstname`, `lastname`, `email` (eq, sw), `cloudStatus`, `processingState`, `correlated` and `protected` (eq). " +
	"Quote strings in double quotes, escaping `\\` and `\"` with a backslash."

// identitySorters matches ISC's sorters for identities: name, alias and cloudStatus, each
// optionally descending.
var identitySorters = regexp.MustCompile(`^-?(name|alias|cloudStatus)(,-?(name|alias|cloudStatus))*$`)

func (d *identitiesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_identities"
}

func (d *identitiesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists identities, optionally filtered and sorted. The provider reads ISC's pages of 250 until it has every match or `max_results` of them. " + userTokensOnly,
		Attributes: map[string]schema.Attribute{
			"filters": schema.StringAttribute{
				MarkdownDescription: identityFilterSyntax + " Unset lists every identity.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"sorters": schema.StringAttribute{
				MarkdownDescription: "Sort order: a comma-separated list of `name`, `alias` and `cloudStatus`, each optionally prefixed with `-` for descending order, such as `name,-cloudStatus`. Unset keeps ISC's order.",
				Optional:            true,
				Validators: []validator.String{stringvalidator.RegexMatches(identitySorters,
					`must be a comma-separated list of the fields name, alias and cloudStatus (the only ones ISC sorts identities by), `+
						`each optionally prefixed with - for descending order, without spaces, such as "name,-cloudStatus"`)},
			},
			"include_uncorrelated": schema.BoolAttribute{
				MarkdownDescription: includeUncorrelatedDescription,
				Optional:            true,
			},
			"max_results": schema.Int64Attribute{
				MarkdownDescription: "Reads at most this many identities, from 1 to 10000. Default 1000.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, maxMaxIdentities)},
			},
			"identities": schema.ListNestedAttribute{
				MarkdownDescription: "The identities read, in ISC's order (or the `sorters` order).",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: identityAttributes()},
			},
			"total": schema.Int64Attribute{
				MarkdownDescription: "How many identities match, as ISC counts them; more than the length of `identities` when `max_results` cut the list short.",
				Computed:            true,
			},
		},
	}
}

func (d *identitiesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m identitiesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	limit := defaultMaxIdentities
	if !m.MaxResults.IsNull() {
		limit = int(m.MaxResults.ValueInt64())
	}
	list, total, err := d.client.ListIdentities(ctx, client.IdentityListOptions{
		ListOptions:         client.ListOptions{Filters: m.Filters.ValueString(), Sorters: m.Sorters.ValueString(), Max: limit},
		IncludeUncorrelated: m.IncludeUncorrelated.ValueBool(),
	})
	if err != nil {
		addAPIError(&resp.Diagnostics, "listing", "identities", err)
		return
	}
	m.Identities = make([]identityModel, len(list))
	for i := range list {
		im, diags := identityFromClient(&list[i])
		resp.Diagnostics.Append(diags...)
		m.Identities[i] = im
	}
	m.Total = types.Int64Value(int64(total))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
