package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// NewIdentityAttributeDataSource is the factory of the sailpoint_identity_attribute data source.
func NewIdentityAttributeDataSource() datasource.DataSource { return &identityAttributeDataSource{} }

type identityAttributeDataSource struct {
	dataSourceClientHolder
}

func (d *identityAttributeDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = identityAttributeKit.typeName
}

func (d *identityAttributeDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one identity attribute of SailPoint Identity Security Cloud (ISC) by its technical name, " +
			"system attributes included, so that a configuration can check that an attribute it maps exists in the tenant. " +
			"Lookups read the list of identity attributes once per run.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The attribute's technical name, matched exactly.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"id": schema.StringAttribute{
				MarkdownDescription: "The attribute's technical name, which ISC uses as its ID.",
				Computed:            true,
			},
			"display_name": schema.StringAttribute{MarkdownDescription: "The business-friendly name ISC shows.", Computed: true},
			"type":         schema.StringAttribute{MarkdownDescription: "The attribute's type, such as `string`.", Computed: true},
			"standard":     computed("Whether the attribute is one of ISC's standard attributes."),
			"multi":        computed("Whether the attribute holds several values."),
			"searchable":   computed("Whether search indexes the attribute."),
			"system":       computed("Whether the attribute is one of ISC's system attributes."),
			"sources": schema.ListNestedAttribute{
				MarkdownDescription: "How the attribute's value is derived, in ISC's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type":       schema.StringAttribute{MarkdownDescription: "The kind of source, such as `rule`.", Computed: true},
					"properties": schema.StringAttribute{MarkdownDescription: "The source's properties, a JSON object.", CustomType: jsonType{}, Computed: true},
				}},
			},
		},
	}
}

func (d *identityAttributeDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg identityAttributeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The name is the attribute's id: the lookup is by name.
	found := lookup(ctx, &resp.Diagnostics, "identity attribute", types.StringNull(), cfg.Name, d.client.GetIdentityAttribute,
		d.client.AllIdentityAttributes, func(a *client.IdentityAttribute) string { return a.Name })
	if found == nil {
		return
	}
	// Every source with its properties, {} included: a data source has no configuration to follow.
	state := identityAttributeModel{Sources: []identityAttributeSourceModel{}}
	for range found.Sources {
		state.Sources = append(state.Sources, identityAttributeSourceModel{Properties: jsonOf("{}")})
	}
	resp.Diagnostics.Append(state.fromClient(found)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
