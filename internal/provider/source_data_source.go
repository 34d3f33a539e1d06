package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ datasource.DataSourceWithConfigValidators = (*sourceDataSource)(nil)

// NewSourceDataSource is the factory of the sailpoint_source data source.
func NewSourceDataSource() datasource.DataSource { return &sourceDataSource{} }

type sourceDataSource struct {
	dataSourceClientHolder
}

// sourceLookupModel is what the data source tells of a source: what other objects refer to
// and what a reviewer checks, not the connector's whole configuration.
type sourceLookupModel struct {
	ID                  types.String `tfsdk:"id"`
	Name                types.String `tfsdk:"name"`
	Description         types.String `tfsdk:"description"`
	Connector           types.String `tfsdk:"connector"`
	ConnectorClass      types.String `tfsdk:"connector_class"`
	Type                types.String `tfsdk:"type"`
	Owner               *refModel    `tfsdk:"owner"`
	Cluster             *refModel    `tfsdk:"cluster"`
	ManagementWorkgroup *refModel    `tfsdk:"management_workgroup"`
	Features            types.Set    `tfsdk:"features"`
	Schemas             []refModel   `tfsdk:"schemas"`
	Authoritative       types.Bool   `tfsdk:"authoritative"`
	Healthy             types.Bool   `tfsdk:"healthy"`
	Status              types.String `tfsdk:"status"`
	Created             types.String `tfsdk:"created"`
	Modified            types.String `tfsdk:"modified"`
}

func (d *sourceDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "sailpoint_source"
}

func (d *sourceDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one source of SailPoint Identity Security Cloud (ISC) by `id` or by `name`, so that a " +
			"configuration can refer to a source it does not manage, such as the authoritative source of an identity profile, " +
			"by the name it has in every tenant. Lookups read the list of sources once per run, however many there are.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The source's ID. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The source's name, matched exactly. Set exactly one of `id` and `name`.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"description":          computed("The source's description; null when it has none."),
			"connector":            computed("Connector script name, such as `active-directory`."),
			"connector_class":      computed("Java class of the connector."),
			"type":                 computed("Source type, such as `DelimitedFile`."),
			"owner":                refDataAttribute("Identity that owns the source."),
			"cluster":              refDataAttribute("Virtual appliance cluster the source connects through; null when none."),
			"management_workgroup": refDataAttribute("Governance group that manages the source; null when none."),
			"features": schema.SetAttribute{
				MarkdownDescription: "The source's features.",
				ElementType:         types.StringType, Computed: true,
			},
			"schemas": schema.ListNestedAttribute{
				MarkdownDescription: "The source's schemas, such as `account` and `group`, sorted by name.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: refDataAttributes()},
			},
			"authoritative": schema.BoolAttribute{
				MarkdownDescription: "Whether the source is the authoritative source of an identity profile.",
				Computed:            true,
			},
			"healthy":  schema.BoolAttribute{MarkdownDescription: "Whether ISC reports the source healthy.", Computed: true},
			"status":   computed("ISC's status of the source, such as `SOURCE_STATE_HEALTHY`."),
			"created":  computed("When the source was created."),
			"modified": computed("When the source was last changed."),
		},
	}
}

func (d *sourceDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

func (d *sourceDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg sourceLookupModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found := lookup(ctx, &resp.Diagnostics, "source", cfg.ID, cfg.Name, d.client.GetSource, d.client.AllSources,
		func(s *client.Source) string { return s.Name })
	if found == nil {
		return
	}
	var state sourceLookupModel
	resp.Diagnostics.Append(state.fromClient(ctx, found)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (m *sourceLookupModel) fromClient(ctx context.Context, s *client.Source) diag.Diagnostics {
	m.ID, m.Name, m.Description = types.StringValue(s.ID), types.StringValue(s.Name), stringOrNull(s.Description)
	m.Connector, m.ConnectorClass, m.Type = types.StringValue(s.Connector), stringOrNull(s.ConnectorClass), stringOrNull(s.Type)
	m.Owner, m.Cluster, m.ManagementWorkgroup = refFromClient(s.Owner, nil), refFromClient(s.Cluster, nil), refFromClient(s.ManagementWorkgroup, nil)
	m.Schemas = make([]refModel, 0, len(s.Schemas))
	for _, r := range s.Schemas {
		m.Schemas = append(m.Schemas, refModel{ID: types.StringValue(r.ID), Name: stringOrNull(r.Name)})
	}
	sort.Slice(m.Schemas, func(i, j int) bool { return m.Schemas[i].Name.ValueString() < m.Schemas[j].Name.ValueString() })
	m.Authoritative, m.Healthy, m.Status = types.BoolValue(s.Authoritative), types.BoolValue(s.Healthy), stringOrNull(s.Status)
	m.Created, m.Modified = stringOrNull(s.Created), stringOrNull(s.Modified)
	features := s.Features
	if features == nil {
		features = []string{}
	}
	var diags diag.Diagnostics
	m.Features, diags = types.SetValueFrom(ctx, types.StringType, features)
	return diags
}
