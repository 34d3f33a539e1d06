package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ datasource.DataSourceWithValidateConfig = (*sourceObjectsDataSource)(nil)

// NewSourceObjectsDataSource is the factory of the sailpoint_source_objects data source.
func NewSourceObjectsDataSource() datasource.DataSource { return &sourceObjectsDataSource{} }

type sourceObjectsDataSource struct {
	dataSourceClientHolder
}

// Peek bounds: ISC's default sample, and a cap, since ISC sets none and every plan runs the
// connector (trap 64).
const (
	peekDefaultCount = 25
	peekMaxCount     = 250
)

type sourceObjectsModel struct {
	SourceID    types.String         `tfsdk:"source_id"`
	ObjectType  types.String         `tfsdk:"object_type"`
	MaxCount    types.Int64          `tfsdk:"max_count"`
	Attributes  types.Set            `tfsdk:"attributes"`
	ObjectCount types.Int64          `tfsdk:"object_count"`
	Objects     []sourceObjectFields `tfsdk:"objects"`
}

type sourceObjectFields struct {
	Identity   types.String `tfsdk:"identity"`
	UUID       types.String `tfsdk:"uuid"`
	Name       types.String `tfsdk:"name"`
	Attributes types.Map    `tfsdk:"attributes"`
}

func (d *sourceObjectsDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "sailpoint_source_objects"
}

func (d *sourceObjectsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Peeks at the objects a source's connector reads (its accounts or groups), as an aggregation would load " +
			"them, without aggregating: so that a configuration can check, with a `precondition` or a `check` block, that the " +
			"source's connection and schema really return what the identity profile maps.\n\n" +
			"Every read runs the connector (on every plan and refresh), so the sample is bounded by `max_count`. Attributes whose " +
			"names denote secrets (passwords, keys, tokens, ...) are never returned, whatever `attributes` asks for. ISC needs an " +
			"ORG_ADMIN token with the `idn:source-connector:manage` scope for this.",
		Attributes: map[string]schema.Attribute{
			"source_id": schema.StringAttribute{
				MarkdownDescription: "ID of the source.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"object_type": schema.StringAttribute{
				MarkdownDescription: "The kind of objects to read, as the connector names it: `account` (the default) or `group`, or another type the connector knows.",
				Optional:            true, Computed: true,
				Validators: []validator.String{validate.NotBlank()},
			},
			"max_count": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("The most objects to read, 1 to %d. Default %d, as in ISC.", peekMaxCount, peekDefaultCount),
				Optional:            true, Computed: true,
				Validators: []validator.Int64{int64validator.Between(1, peekMaxCount)},
			},
			"attributes": schema.SetAttribute{
				MarkdownDescription: "The attributes to return of each object. Unset: all but secrets. ISC has no such selection, so the provider drops the others.",
				ElementType:         types.StringType,
				Optional:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(validate.NotBlank())},
			},
			"object_count": schema.Int64Attribute{MarkdownDescription: "How many objects the connector returned.", Computed: true},
			"objects": schema.ListNestedAttribute{
				MarkdownDescription: "The objects, in the connector's order.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"identity": str("The object's native identity, such as a distinguished name."),
					"uuid":     str("The object's unique ID on the source, when it has one."),
					"name":     str("The object's display name."),
					"attributes": schema.MapAttribute{
						MarkdownDescription: "The object's attributes; values that are not strings are JSON-encoded.",
						ElementType:         types.StringType, Computed: true,
					},
				}},
			},
		},
	}
}

// ValidateConfig refuses asking for a secret attribute, which the data source never returns.
func (d *sourceObjectsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	var attrs types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("attributes"), &attrs)...)
	if resp.Diagnostics.HasError() || attrs.IsNull() || attrs.IsUnknown() {
		return
	}
	for _, v := range attrs.Elements() {
		if s, ok := v.(types.String); ok && !s.IsUnknown() && client.IsSecretKey(s.ValueString()) {
			resp.Diagnostics.AddAttributeError(path.Root("attributes"), "Secret attribute requested",
				fmt.Sprintf("%q names a secret, which sailpoint_source_objects never returns, since data source results are stored in "+
					"plain text in the Terraform state: remove it from attributes.", s.ValueString()))
		}
	}
}

func (d *sourceObjectsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m sourceObjectsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if m.ObjectType.IsNull() {
		m.ObjectType = types.StringValue("account")
	}
	if m.MaxCount.IsNull() {
		m.MaxCount = types.Int64Value(peekDefaultCount)
	}
	var wanted []string
	resp.Diagnostics.Append(m.Attributes.ElementsAs(ctx, &wanted, true)...)
	got, err := d.client.PeekResourceObjects(ctx, m.SourceID.ValueString(),
		client.ResourceObjectsRequest{ObjectType: m.ObjectType.ValueString(), MaxCount: int(m.MaxCount.ValueInt64())})
	if err != nil {
		addAPIError(&resp.Diagnostics, "peeking at", "the objects of source "+m.SourceID.ValueString(), err)
		return
	}
	objects := got.ResourceObjects
	// ISC may return more than asked for; the bound is the configuration's.
	if n := int(m.MaxCount.ValueInt64()); len(objects) > n {
		objects = objects[:n]
	}
	m.Objects = make([]sourceObjectFields, len(objects))
	for i, o := range objects {
		values := map[string]string{}
		for k, v := range o.Attributes {
			if client.IsSecretKey(k) || (!m.Attributes.IsNull() && !slices.Contains(wanted, k)) {
				continue
			}
			if s, ok := v.(string); ok {
				values[k] = s
			} else if b, err := json.Marshal(v); err == nil {
				values[k] = string(b)
			}
		}
		attrs, diags := types.MapValueFrom(ctx, types.StringType, values)
		resp.Diagnostics.Append(diags...)
		m.Objects[i] = sourceObjectFields{Identity: types.StringValue(o.Identity), UUID: stringOrNull(o.UUID), Name: stringOrNull(o.Name), Attributes: attrs}
	}
	m.ObjectCount = types.Int64Value(int64(len(objects)))
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
