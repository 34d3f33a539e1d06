package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// NewIdentityProfilePreviewDataSource is the factory of sailpoint_identity_profile_preview.
func NewIdentityProfilePreviewDataSource() datasource.DataSource {
	return &identityProfilePreviewDataSource{}
}

type identityProfilePreviewDataSource struct {
	dataSourceClientHolder
}

type identityProfilePreviewModel struct {
	IdentityID              types.String                     `tfsdk:"identity_id"`
	IdentityAttributeConfig *attributeConfigModel            `tfsdk:"identity_attribute_config"`
	IdentityName            types.String                     `tfsdk:"identity_name"`
	Attributes              map[string]previewAttributeModel `tfsdk:"attributes"`
}

type previewAttributeModel struct {
	Value         types.String `tfsdk:"value"`
	PreviousValue types.String `tfsdk:"previous_value"`
	Changed       types.Bool   `tfsdk:"changed"`
	Errors        []string     `tfsdk:"errors"`
}

func (d *identityProfilePreviewDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "sailpoint_identity_profile_preview"
}

func (d *identityProfilePreviewDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "What an identity attribute configuration computes for one identity, as ISC previews it " +
			"(`POST /identity-profiles/identity-preview`), without changing anything. Pass the configuration a " +
			"`sailpoint_identity_profile` declares, `identity_attribute_config = sailpoint_identity_profile.x.identity_attribute_config`, " +
			"and the plan shows what a transform change does to a real identity before it is applied. ISC previews with the " +
			"identity's current accounts; the preview needs a token with the `idn:identity-profile:manage` scope.",
		Attributes: map[string]schema.Attribute{
			"identity_id": schema.StringAttribute{
				MarkdownDescription: "ID of the identity to preview, such as `data.sailpoint_identity.x.id`.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"identity_attribute_config": attributeConfigDataAttribute(
				"The attribute configuration to preview, in the shape of `sailpoint_identity_profile`'s.",
				"Whether the configuration is enabled; a preview computes the values either way.", true),
			"identity_name": schema.StringAttribute{MarkdownDescription: "The identity's display name.", Computed: true},
			"attributes": schema.MapNestedAttribute{
				MarkdownDescription: "Every identity attribute of the preview, keyed by name: those the configuration computes, " +
					"and the identity's others with their current values.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"value":          schema.StringAttribute{MarkdownDescription: "The value the configuration computes; null when none.", Computed: true},
					"previous_value": schema.StringAttribute{MarkdownDescription: "The identity's value now; null when it has none.", Computed: true},
					"changed":        schema.BoolAttribute{MarkdownDescription: "Whether `value` differs from `previous_value`.", Computed: true},
					"errors": schema.ListAttribute{
						MarkdownDescription: "Why ISC could not compute the value, such as a source that does not exist; empty when it could.",
						ElementType:         types.StringType, Computed: true,
					},
				}},
			},
		},
	}
}

func (d *identityProfilePreviewDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m identityProfilePreviewModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	config := m.IdentityAttributeConfig.toClient(path.Root("identity_attribute_config"), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	p, err := d.client.PreviewIdentity(ctx, m.IdentityID.ValueString(), config)
	if err != nil {
		addAPIError(&resp.Diagnostics, "previewing", "identity "+m.IdentityID.ValueString(), err)
		return
	}
	m.IdentityName = stringOrNull(p.Identity.Name)
	m.Attributes = make(map[string]previewAttributeModel, len(p.PreviewAttributes))
	for _, a := range p.PreviewAttributes {
		pa := previewAttributeModel{Value: types.StringPointerValue(a.Value), PreviousValue: types.StringPointerValue(a.PreviousValue), Errors: []string{}}
		pa.Changed = types.BoolValue(!pa.Value.Equal(pa.PreviousValue))
		for _, e := range a.ErrorMessages {
			pa.Errors = append(pa.Errors, e.Text)
		}
		m.Attributes[a.Name] = pa
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
