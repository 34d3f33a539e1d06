package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var _ datasource.DataSourceWithConfigValidators = (*accessProfileDataSource)(nil)

// NewAccessProfileDataSource is the factory of the sailpoint_access_profile data source.
func NewAccessProfileDataSource() datasource.DataSource { return &accessProfileDataSource{} }

type accessProfileDataSource struct {
	dataSourceClientHolder
	byIDOrName
}

func (d *accessProfileDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = accessProfileKit.typeName
}

func (d *accessProfileDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := map[string]schema.Attribute{
		"description":     schema.StringAttribute{MarkdownDescription: "What the access profile grants.", Computed: true},
		"owner":           refDataAttribute("The identity that owns the access profile."),
		"source":          refDataAttribute("The source whose entitlements the access profile bundles."),
		"entitlement_ids": schema.SetAttribute{MarkdownDescription: "The IDs of its entitlements.", ElementType: types.StringType, Computed: true},
		"enabled":         schema.BoolAttribute{MarkdownDescription: "Whether the access profile is enabled.", Computed: true},
		"requestable":     schema.BoolAttribute{MarkdownDescription: "Whether identities can request it.", Computed: true},
		"segments":        schema.SetAttribute{MarkdownDescription: "The IDs of its segments.", ElementType: types.StringType, Computed: true},
	}
	maps.Copy(attrs, requestConfigDataAttributes("access profile"))
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one access profile of SailPoint Identity Security Cloud (ISC) by `id` or by `name`, such as one " +
			"a role bundles that another team manages. Lookups read the list of access profiles once per run.",
		Attributes: withIDAndName("access profile", attrs),
	}
}

func (d *accessProfileDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg accessProfileModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found := lookup(ctx, &resp.Diagnostics, "access profile", cfg.ID, cfg.Name, d.client.GetAccessProfile, d.client.AllAccessProfiles,
		func(p *client.AccessProfile) string { return p.Name })
	if found == nil {
		return
	}
	state := accessProfileModel{Segments: types.SetNull(types.StringType)}
	resp.Diagnostics.Append(state.fromClient(ctx, found, false)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// approvalSchemesDataAttribute is a list of approval steps in a data source.
func approvalSchemesDataAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "The approval steps, in order.",
		Computed:            true,
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"approver_type": schema.StringAttribute{MarkdownDescription: "Who approves, such as `MANAGER`.", Computed: true},
			"approver_id":   schema.StringAttribute{MarkdownDescription: "The governance group or workflow that approves.", Computed: true},
		}},
	}
}

// accessRequestDataAttribute is how an object is requested (accessRequestModel), in a data source.
func accessRequestDataAttribute(description string) schema.SingleNestedAttribute {
	computedBool := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description, Computed: true}
	}
	return schema.SingleNestedAttribute{
		MarkdownDescription: description,
		Computed:            true,
		Attributes: map[string]schema.Attribute{
			"comments_required":        computedBool("Whether a requester must comment."),
			"denial_comments_required": computedBool("Whether an approver who denies must comment."),
			"reauthorization_required": computedBool("Whether an approver must re-authenticate."),
			"require_end_date":         computedBool("Whether a request must give an end date."),
			"approval_schemes":         approvalSchemesDataAttribute(),
		},
	}
}

// revocationDataAttribute is how a revocation is approved (revocationModel), in a data source.
func revocationDataAttribute(description string) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: description,
		Computed:            true,
		Attributes:          map[string]schema.Attribute{"approval_schemes": approvalSchemesDataAttribute()},
	}
}
