package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// NewSourceConfigDataSource is the factory of the sailpoint_source_config data source.
func NewSourceConfigDataSource() datasource.DataSource { return &sourceConfigDataSource{} }

type sourceConfigDataSource struct {
	dataSourceClientHolder
}

type sourceConfigModel struct {
	SourceID             types.String `tfsdk:"source_id"`
	Name                 types.String `tfsdk:"name"`
	Type                 types.String `tfsdk:"type"`
	ClassName            types.String `tfsdk:"class_name"`
	ScriptName           types.String `tfsdk:"script_name"`
	Status               types.String `tfsdk:"status"`
	DirectConnect        types.Bool   `tfsdk:"direct_connect"`
	FileUpload           types.Bool   `tfsdk:"file_upload"`
	UploadedFiles        types.List   `tfsdk:"uploaded_files"`
	CorrelationConfigXML types.String `tfsdk:"correlation_config_xml"`
	SourceConfigFrom     types.String `tfsdk:"source_config_from"`
}

func (d *sourceConfigDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "sailpoint_source_config"
}

func (d *sourceConfigDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The connector configuration of a source as ISC reports it: which connector it runs, and the connector's " +
			"correlation template, the starting point for `sailpoint_source_correlation_config`. The source configuration form " +
			"itself is left out: ISC fills it with the source's values, credentials possibly among them, and data source results " +
			"are stored in plain text in the Terraform state. ISC needs a personal access token for this.",
		Attributes: map[string]schema.Attribute{
			"source_id": schema.StringAttribute{
				MarkdownDescription: "ID of the source.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"name":                   str("The connector's name, such as `Active Directory - Direct`."),
			"type":                   str("The source type the connector makes."),
			"class_name":             str("The connector's Java class."),
			"script_name":            str("The connector's script name, such as `active-directory`."),
			"status":                 str("The connector's release status: `DEPRECATED`, `DEVELOPMENT`, `DEMO` or `RELEASED`."),
			"direct_connect":         schema.BoolAttribute{MarkdownDescription: "Whether the connector connects to the source directly.", Computed: true},
			"file_upload":            schema.BoolAttribute{MarkdownDescription: "Whether the source is fed by uploaded files.", Computed: true},
			"uploaded_files":         schema.ListAttribute{MarkdownDescription: "The files uploaded for the connector.", ElementType: types.StringType, Computed: true},
			"correlation_config_xml": str("The connector's correlation template, as XML."),
			"source_config_from":     str("Where the configuration form comes from, such as `sp-connect`."),
		},
	}
}

func (d *sourceConfigDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m sourceConfigModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := d.client.GetSourceConfig(ctx, m.SourceID.ValueString())
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", "the connector configuration of source "+m.SourceID.ValueString(), err)
		return
	}
	m.Name, m.Type, m.ClassName = types.StringValue(c.Name), types.StringValue(c.Type), types.StringValue(c.ClassName)
	m.ScriptName, m.Status = types.StringValue(c.ScriptName), stringOrNull(c.Status)
	m.DirectConnect, m.FileUpload = types.BoolValue(c.DirectConnect), types.BoolValue(c.FileUpload)
	m.CorrelationConfigXML, m.SourceConfigFrom = stringOrNull(c.CorrelationConfigXML), types.StringPointerValue(c.SourceConfigFrom)
	files, diags := types.ListValueFrom(ctx, types.StringType, append([]string{}, c.UploadedFiles...))
	resp.Diagnostics.Append(diags...)
	m.UploadedFiles = files
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
