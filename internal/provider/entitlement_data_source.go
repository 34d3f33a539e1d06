package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ datasource.DataSourceWithConfigValidators = (*entitlementDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*entitlementsDataSource)(nil)
)

// NewEntitlementDataSource is the factory of the sailpoint_entitlement data source.
func NewEntitlementDataSource() datasource.DataSource { return &entitlementDataSource{} }

type entitlementDataSource struct {
	dataSourceClientHolder
}

func (d *entitlementDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = entitlementKit.typeName
}

// ConfigValidators: an id, or a source and a value.
func (d *entitlementDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("source_id")),
		datasourcevalidator.RequiredTogether(path.MatchRoot("source_id"), path.MatchRoot("value")),
	}
}

// entitlementDataAttributes are what the data sources tell of an entitlement, but its ids.
func entitlementDataAttributes() map[string]schema.Attribute {
	computed := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	return map[string]schema.Attribute{
		"name":        computed("The entitlement's display name."),
		"attribute":   computed("The account attribute the entitlement is a value of, such as `memberOf`."),
		"type":        computed("The entitlement's object type in the source's schema, such as `group`."),
		"description": computed("What the entitlement grants; empty when ISC has none."),
		"owner":       refDataAttribute("The identity that owns the entitlement; null when it has none."),
		"requestable": schema.BoolAttribute{MarkdownDescription: "Whether identities can request it on its own.", Computed: true},
		"privileged":  schema.BoolAttribute{MarkdownDescription: "Whether it grants privileged access; `api_version = \"v2025\"` only, null in `v1`.", Computed: true},
		"privilege_level": computed("Its direct privilege level, `HIGH`, `MEDIUM`, `LOW` or `NONE`: the one set on the entitlement, by an " +
			"override (the resource's `privilege_level`) or by ISC's criteria. `api_version = \"v1\"` only, null in `v2025` and when ISC has none."),
		"inherited_privilege_level": computed("The privilege level it inherits, if any; `api_version = \"v1\"` only."),
		"effective_privilege_level": computed("The privilege level that applies to it, the higher of the direct and the inherited one; " +
			"`api_version = \"v1\"` only."),
		"segments": schema.SetAttribute{MarkdownDescription: "The IDs of its segments.", ElementType: types.StringType, Computed: true},
		"tags":     schema.SetAttribute{MarkdownDescription: "Its tags; `api_version = \"v1\"` only, null in `v2025`.", ElementType: types.StringType, Computed: true},
	}
}

// entitlementVersionNote says which attributes each API version fills (trap 46).
const entitlementVersionNote = "What ISC tells of an entitlement's privilege depends on the provider's `api_version`: " +
	"`privilege_level`, `inherited_privilege_level`, `effective_privilege_level` and `tags` in `v1` (the default), " +
	"`privileged` in `v2025`; the other version's are null."

// entitlementDataModel is an entitlement as the sailpoint_entitlement data source tells it: the
// resource's model, and what only ISC sets.
type entitlementDataModel struct {
	entitlementModel
	entitlementReadOnly
}

// entitlementReadOnly is what the data sources tell of an entitlement beyond what the resource
// manages: the v1 API's privilege levels and tags (trap 46).
type entitlementReadOnly struct {
	InheritedPrivilegeLevel types.String `tfsdk:"inherited_privilege_level"`
	EffectivePrivilegeLevel types.String `tfsdk:"effective_privilege_level"`
	Tags                    types.Set    `tfsdk:"tags"`
}

// entitlementReadOnlyFromClient reads them; they are null in v2025, which has privileged instead.
func entitlementReadOnlyFromClient(ctx context.Context, e *client.Entitlement) (entitlementReadOnly, diag.Diagnostics) {
	out := entitlementReadOnly{InheritedPrivilegeLevel: types.StringNull(), EffectivePrivilegeLevel: types.StringNull(), Tags: types.SetNull(types.StringType)}
	if e.Privileged != nil { // the client's v2025 entitlement
		return out, nil
	}
	if l := e.PrivilegeLevel; l != nil {
		out.InheritedPrivilegeLevel, out.EffectivePrivilegeLevel = types.StringPointerValue(l.Inherited), stringOrNull(l.Effective)
	}
	tags := e.Tags
	if tags == nil {
		tags = []string{}
	}
	var diags diag.Diagnostics
	out.Tags, diags = types.SetValueFrom(ctx, types.StringType, tags)
	return out, diags
}

func (d *entitlementDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := entitlementDataAttributes()
	attrs["id"] = schema.StringAttribute{
		MarkdownDescription: "The entitlement's ID. Set either `id`, or `source_id` and `value`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{validate.NotBlank()},
	}
	attrs["source_id"] = schema.StringAttribute{
		MarkdownDescription: "The ID of the entitlement's source; with `value`, instead of `id`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{validate.NotBlank()},
	}
	attrs["value"] = schema.StringAttribute{
		MarkdownDescription: "The entitlement's value on its source, such as a group's DN, matched exactly; with `source_id`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{validate.NotBlank()},
	}
	attrs["access_request_config"] = accessRequestDataAttribute("How the entitlement is requested (ISC's own, not the source's).")
	attrs["revocation_request_config"] = revocationDataAttribute("How a revocation of the entitlement is approved.")
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one entitlement of SailPoint Identity Security Cloud (ISC) by `id`, or by `source_id` and `value`, such " +
			"as one to bundle into an access profile. ISC makes entitlements by aggregating their source: the source must have been " +
			"aggregated. A look-up by id is served from the run's first page of the entitlement list when that holds it; each look-up " +
			"reads the entitlement's request configuration. " + entitlementVersionNote,
		Attributes: attrs,
	}
}

func (d *entitlementDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg entitlementDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found, err := readEntitlement(ctx, d.client, &cfg.entitlementModel)
	var none *noEntitlementError
	switch {
	case errors.As(err, &none):
		resp.Diagnostics.AddAttributeError(path.Root("value"), "SailPoint entitlement not found", "The "+err.Error()+".")
		return
	case errors.Is(err, client.ErrNotFound):
		resp.Diagnostics.AddAttributeError(path.Root("id"), "SailPoint entitlement not found",
			fmt.Sprintf("There is no entitlement with id %q in ISC. Check the ID, or look the entitlement up by source_id and value.", cfg.ID.ValueString()))
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, "reading", entitlementKit.describe(&cfg.entitlementModel), err)
		return
	}
	resp.Diagnostics.Append(cfg.fromClient(ctx, found, false)...)
	var d2 diag.Diagnostics
	cfg.entitlementReadOnly, d2 = entitlementReadOnlyFromClient(ctx, found.entitlement)
	resp.Diagnostics.Append(d2...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}

// NewEntitlementsDataSource is the factory of the sailpoint_entitlements data source.
func NewEntitlementsDataSource() datasource.DataSource { return &entitlementsDataSource{} }

type entitlementsDataSource struct {
	dataSourceClientHolder
}

type entitlementsDataSourceModel struct {
	SourceID     types.String           `tfsdk:"source_id"`
	NamePrefix   types.String           `tfsdk:"name_prefix"`
	Requestable  types.Bool             `tfsdk:"requestable"`
	Filters      types.String           `tfsdk:"filters"`
	MaxResults   types.Int64            `tfsdk:"max_results"`
	Entitlements []entitlementItemModel `tfsdk:"entitlements"`
	Total        types.Int64            `tfsdk:"total"`
	Truncated    types.Bool             `tfsdk:"truncated"`
}

// entitlementItemModel is one entitlement of the list: what the list call answers, without the
// request configuration, which would cost a call per entitlement.
type entitlementItemModel struct {
	ID             types.String `tfsdk:"id"`
	SourceID       types.String `tfsdk:"source_id"`
	Value          types.String `tfsdk:"value"`
	Name           types.String `tfsdk:"name"`
	Attribute      types.String `tfsdk:"attribute"`
	Type           types.String `tfsdk:"type"`
	Description    types.String `tfsdk:"description"`
	Owner          *refModel    `tfsdk:"owner"`
	Requestable    types.Bool   `tfsdk:"requestable"`
	Privileged     types.Bool   `tfsdk:"privileged"`
	PrivilegeLevel types.String `tfsdk:"privilege_level"`
	Segments       types.Set    `tfsdk:"segments"`
	entitlementReadOnly
}

const (
	defaultMaxEntitlements = 1000
	maxMaxEntitlements     = 10000
)

func (d *entitlementsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_entitlements"
}

func (d *entitlementsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	item := entitlementDataAttributes()
	item["id"] = schema.StringAttribute{MarkdownDescription: "The entitlement's ID.", Computed: true}
	item["source_id"] = schema.StringAttribute{MarkdownDescription: "The ID of its source.", Computed: true}
	item["value"] = schema.StringAttribute{MarkdownDescription: "Its value on the source.", Computed: true}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists entitlements of SailPoint Identity Security Cloud (ISC), by name, narrowed by the arguments (all of them " +
			"apply). The provider reads ISC's pages of 250 until it has every match or `max_results` of them; `truncated` says when " +
			"there were more, and the read warns. " + entitlementVersionNote,
		Attributes: map[string]schema.Attribute{
			"source_id": schema.StringAttribute{
				MarkdownDescription: "Only the entitlements of this source.",
				Optional:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"name_prefix": schema.StringAttribute{
				MarkdownDescription: "Only the entitlements whose name starts with this (ISC's `name sw`, which ignores case).",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"requestable": schema.BoolAttribute{
				MarkdownDescription: "Only the entitlements that are (`true`) or are not (`false`) requestable.",
				Optional:            true,
			},
			"filters": schema.StringAttribute{
				MarkdownDescription: "More conditions in ISC's filter syntax, such as `attribute eq \"memberOf\" and value sw \"CN=Fin\"`. " +
					"Entitlements can be filtered on `id`, `type`, `attribute` and `owner.id` (eq, in), `name` and `value` (eq, in, sw), " +
					"`source.id` (eq, in), `requestable` (eq), `created` and `modified` (gt, lt, ge, le); with `api_version = \"v1\"` (the " +
					"default) also on `tags` and `privilegeLevel.direct` (eq), such as `privilegeLevel.direct eq \"HIGH\"`. Quote strings in double quotes.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"max_results": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("Reads at most this many entitlements, from 1 to %d. Default %d.", maxMaxEntitlements, defaultMaxEntitlements),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, maxMaxEntitlements)},
			},
			"entitlements": schema.ListNestedAttribute{
				MarkdownDescription: "The entitlements read, by name.",
				Computed:            true,
				NestedObject:        schema.NestedAttributeObject{Attributes: item},
			},
			"total": schema.Int64Attribute{
				MarkdownDescription: "How many entitlements match, as ISC counts them.",
				Computed:            true,
			},
			"truncated": schema.BoolAttribute{
				MarkdownDescription: "Whether `max_results` cut the list short: `total` is more than the entitlements read.",
				Computed:            true,
			},
		},
	}
}

func (d *entitlementsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var m entitlementsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	var filters []string
	if v := m.SourceID.ValueString(); v != "" {
		filters = append(filters, client.FilterEq("source.id", v))
	}
	if v := m.NamePrefix.ValueString(); v != "" {
		filters = append(filters, "name sw "+client.QuoteFilterValue(v))
	}
	if !m.Requestable.IsNull() {
		filters = append(filters, fmt.Sprintf("requestable eq %t", m.Requestable.ValueBool()))
	}
	if v := m.Filters.ValueString(); v != "" {
		filters = append(filters, "("+v+")")
	}
	limit := defaultMaxEntitlements
	if !m.MaxResults.IsNull() {
		limit = int(m.MaxResults.ValueInt64())
	}
	list, total, err := d.client.ListEntitlements(ctx, client.ListOptions{Filters: strings.Join(filters, " and "), Sorters: "name", Max: limit})
	if err != nil {
		addAPIError(&resp.Diagnostics, "listing", "entitlements", err)
		return
	}
	m.Entitlements = make([]entitlementItemModel, len(list))
	for i := range list {
		var full entitlementModel
		resp.Diagnostics.Append(full.fromClient(ctx, &entitlementObject{entitlement: &list[i]}, false)...)
		readOnly, d := entitlementReadOnlyFromClient(ctx, &list[i])
		resp.Diagnostics.Append(d...)
		m.Entitlements[i] = entitlementItemModel{ID: full.ID, SourceID: full.SourceID, Value: full.Value, Name: full.Name,
			Attribute: full.Attribute, Type: full.Type, Description: full.Description, Owner: refFromClient(list[i].Owner, nil),
			Requestable: full.Requestable, Privileged: full.Privileged, PrivilegeLevel: full.PrivilegeLevel, Segments: full.Segments,
			entitlementReadOnly: readOnly}
	}
	m.Total = types.Int64Value(int64(total))
	m.Truncated = types.BoolValue(total > len(list))
	if m.Truncated.ValueBool() {
		resp.Diagnostics.AddAttributeWarning(path.Root("max_results"), "Entitlement list cut short",
			fmt.Sprintf("%d entitlements match, and the list holds the first %d by name (max_results). Raise max_results, or narrow "+
				"the list with source_id, name_prefix, requestable or filters.", total, len(list)))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &m)...)
}
