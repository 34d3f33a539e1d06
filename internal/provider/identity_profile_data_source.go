package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ datasource.DataSourceWithConfigValidators = (*identityProfileDataSource)(nil)

// NewIdentityProfileDataSource is the factory of the sailpoint_identity_profile data source.
func NewIdentityProfileDataSource() datasource.DataSource { return &identityProfileDataSource{} }

type identityProfileDataSource struct {
	dataSourceClientHolder
	byIDOrName
}

func (d *identityProfileDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = identityProfileKit.typeName
}

func (d *identityProfileDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one identity profile of SailPoint Identity Security Cloud (ISC) by `id` or by `name`, so that a " +
			"configuration can attach lifecycle states to a profile it does not manage, or reuse its attribute mappings, by the name " +
			"the profile has in every tenant. Lookups, by id or by name, read the list of identity profiles once per run.",
		Attributes: withIDAndName("identity profile", map[string]schema.Attribute{
			"description": schema.StringAttribute{MarkdownDescription: "The profile's description; null when it has none.", Computed: true},
			"owner":       refDataAttribute("The identity that owns the profile; null when none."),
			"priority": schema.Int64Attribute{
				MarkdownDescription: "The profile's priority: an identity with accounts on the authoritative sources of several profiles " +
					"belongs to the profile with the lowest number.",
				Computed: true,
			},
			"authoritative_source": refDataAttribute("The source whose accounts make the profile's identities."),
			"identity_attribute_config": attributeConfigDataAttribute(
				"How the profile computes identity attributes, in the shape of `sailpoint_identity_profile`'s: it can be passed "+
					"on as it is, such as to `sailpoint_identity_profile_preview`.",
				"Whether ISC promotes the computed values to the identities.", false),
		}),
	}
}

func (d *identityProfileDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg identityProfileSettings
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// GetIdentityProfile is served from the same cached list as AllIdentityProfiles.
	found := lookup(ctx, &resp.Diagnostics, "identity profile", cfg.ID, cfg.Name, d.client.GetIdentityProfile, d.client.AllIdentityProfiles,
		func(p *client.IdentityProfile) string { return p.Name })
	if found == nil {
		return
	}
	// Converted as the resource reads it, without what only the resource has.
	var full identityProfileModel
	resp.Diagnostics.Append(full.fromClient(found, identityProfileModel{}, false)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &full.identityProfileSettings)...)
}

// attributeConfigDataAttribute is an identity attribute configuration in a data source: an
// argument (input: a configuration to preview) or what a lookup read.
func attributeConfigDataAttribute(description, enabledDescription string, input bool) schema.SingleNestedAttribute {
	var typeValidators, attributesValidators []validator.String
	attributesDescription := "The transform's attributes as a JSON object (use `jsonencode`)"
	if input {
		typeValidators = []validator.String{stringvalidator.LengthAtLeast(1)}
		attributesValidators = []validator.String{validate.JSONObject()}
		attributesDescription += "."
	} else {
		attributesDescription += "; null when it has none."
	}
	return schema.SingleNestedAttribute{
		MarkdownDescription: description,
		Required:            input, Computed: !input,
		Attributes: map[string]schema.Attribute{
			"enabled": schema.BoolAttribute{MarkdownDescription: enabledDescription, Optional: input, Computed: !input},
			"attribute_transforms": schema.MapNestedAttribute{
				MarkdownDescription: "The transforms, keyed by identity attribute name.",
				Required:            input, Computed: !input,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"transform_definition": schema.SingleNestedAttribute{
						MarkdownDescription: "The transform that computes the value.",
						Required:            input, Computed: !input,
						Attributes: map[string]schema.Attribute{
							"type": schema.StringAttribute{
								MarkdownDescription: "Transform type, such as `accountAttribute` or `reference`.",
								Required:            input, Computed: !input,
								Validators: typeValidators,
							},
							"attributes": schema.StringAttribute{
								MarkdownDescription: attributesDescription,
								CustomType:          jsonType{},
								Optional:            input, Computed: !input,
								Validators: attributesValidators,
							},
						},
					},
				}},
			},
		},
	}
}
