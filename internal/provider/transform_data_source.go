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

var _ datasource.DataSourceWithConfigValidators = (*transformDataSource)(nil)

// NewTransformDataSource is the factory of the sailpoint_transform data source.
func NewTransformDataSource() datasource.DataSource { return &transformDataSource{} }

type transformDataSource struct {
	dataSourceClientHolder
}

func (d *transformDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = transformKit.typeName
}

func (d *transformDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one transform of SailPoint Identity Security Cloud (ISC) by `id` or by `name`, so that a " +
			"configuration can refer to a transform it does not manage, or find one by the name it has in every tenant. " +
			"Lookups by name read the list of transforms once per run.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The transform's ID. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The transform's name, matched exactly. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The transform's type, such as `lower`.",
				Computed:            true,
			},
			"attributes": schema.StringAttribute{
				MarkdownDescription: "The transform's attributes, a JSON object.",
				CustomType:          jsonType{},
				Computed:            true,
			},
		},
	}
}

func (d *transformDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *transformDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg transformModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found := lookup(ctx, &resp.Diagnostics, "transform", cfg.ID, cfg.Name, d.client.GetTransform, d.client.AllTransforms,
		func(t *client.Transform) string { return t.Name })
	if found == nil {
		return
	}
	state := transformModel{Attributes: jsonOf("{}")}
	resp.Diagnostics.Append(state.fromClient(found)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
