package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

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
	opts := client.IdentityListOptions{
		ListOptions:         client.ListOptions{Filters: m.Filters.ValueString(), Sorters: m.Sorters.ValueString(), Max: limit},
		IncludeUncorrelated: m.IncludeUncorrelated.ValueBool(),
	}
	// The state is built as Terraform values page by page, as the pages arrive: a model
	// struct of thousands of identities set through the framework's reflection would cost many
	// times what reading them does.
	stateType, ok := resp.State.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		resp.Diagnostics.AddError("Error reading SailPoint identities", "the data source's schema is not an object; this is a bug in the provider")
		return
	}
	shape := newIdentityTypes(stateType)
	var identities []tftypes.Value
	var buf []byte
	total := -1
	for page, err := range d.client.IdentityPages(ctx, opts, &total) {
		if err != nil {
			addAPIError(&resp.Diagnostics, "listing", "identities", err)
			return
		}
		if identities == nil {
			identities = make([]tftypes.Value, 0, max(len(page), min(total, limit)))
		}
		for i := range page {
			identities = append(identities, shape.value(&page[i], &buf, &resp.Diagnostics))
		}
	}
	if total < 0 {
		total = len(identities)
	}
	var config map[string]tftypes.Value
	if err := req.Config.Raw.As(&config); err != nil {
		resp.Diagnostics.AddError("Error reading SailPoint identities", "reading the configuration: "+err.Error())
		return
	}
	state := maps.Clone(config) // As hands out the configuration's own map
	state["identities"] = tftypes.NewValue(shape.list, identities)
	state["total"] = tftypes.NewValue(tftypes.Number, int64(total))
	resp.State.Raw = tftypes.NewValue(stateType, state)
}

// identityTypes are the Terraform types of the identities attribute, taken from the schema, and
// the values many identities share: Terraform values are immutable, so one null, one true and
// one "ACTIVE" serve every identity, which saves allocations by the million.
type identityTypes struct {
	list                        tftypes.List
	element, manager, lifecycle tftypes.Object
	null, noManager, noState    tftypes.Value
	bools                       [2]tftypes.Value
	words                       map[string]tftypes.Value // statuses and lifecycle state names
}

func newIdentityTypes(state tftypes.Object) *identityTypes {
	list, _ := state.AttributeTypes["identities"].(tftypes.List)
	identity, _ := list.ElementType.(tftypes.Object)
	manager, _ := identity.AttributeTypes["manager"].(tftypes.Object)
	lifecycle, _ := identity.AttributeTypes["lifecycle_state"].(tftypes.Object)
	return &identityTypes{
		list: list, element: identity, manager: manager, lifecycle: lifecycle,
		null:      tftypes.NewValue(tftypes.String, nil),
		noManager: tftypes.NewValue(manager, nil),
		noState:   tftypes.NewValue(lifecycle, nil),
		bools:     [2]tftypes.Value{tftypes.NewValue(tftypes.Bool, false), tftypes.NewValue(tftypes.Bool, true)},
		words:     map[string]tftypes.Value{},
	}
}

// value is the state value of one identity, the same as identityFromClient's model gives
// (TestIdentitiesStateMatchesTheModel). buf is reused for the attributes' JSON.
func (t *identityTypes) value(i *client.ListedIdentity, buf *[]byte, diags *diag.Diagnostics) tftypes.Value {
	attributes := t.null
	if len(i.Attributes) > 0 && string(i.Attributes) != "null" {
		var err error
		if *buf, err = canonicalJSON(*buf, i.Attributes); err != nil {
			diags.AddError("Error reading SailPoint identity", fmt.Sprintf("the attributes of identity %s are not a JSON object: %v", i.ID, err))
		} else {
			attributes = tftypes.NewValue(tftypes.String, string(*buf))
		}
	}
	manager := t.noManager
	if r := i.ManagerRef; r != nil && r.ID != "" {
		manager = tftypes.NewValue(t.manager, map[string]tftypes.Value{
			"id":   tftypes.NewValue(tftypes.String, r.ID),
			"name": t.string(r.Name),
		})
	}
	lifecycle := t.noState
	if ls := i.LifecycleState; ls != nil {
		name := t.word(ls.StateName)
		if ls.StateName == "" {
			name = tftypes.NewValue(tftypes.String, "") // a null would not be the model's empty string
		}
		lifecycle = tftypes.NewValue(t.lifecycle, map[string]tftypes.Value{
			"state_name":       name,
			"manually_updated": t.bool(ls.ManuallyUpdated),
		})
	}
	return tftypes.NewValue(t.element, map[string]tftypes.Value{
		"id":               tftypes.NewValue(tftypes.String, i.ID),
		"name":             tftypes.NewValue(tftypes.String, i.Name),
		"alias":            t.string(i.Alias),
		"email_address":    t.string(i.EmailAddress),
		"identity_status":  t.word(i.IdentityStatus),
		"processing_state": t.word(i.ProcessingState),
		"is_manager":       t.bool(i.IsManager),
		"manager":          manager,
		"lifecycle_state":  lifecycle,
		"attributes":       attributes,
		"created":          t.string(i.Created),
		"modified":         t.string(i.Modified),
		"last_refresh":     t.string(i.LastRefresh),
	})
}

// string is s, or null when it is empty, as stringOrNull.
func (t *identityTypes) string(s string) tftypes.Value {
	if s == "" {
		return t.null
	}
	return tftypes.NewValue(tftypes.String, s)
}

// word is string for a value of few kinds, made once per Read. ISC has a dozen statuses and a
// tenant a few lifecycle states; the bound keeps a tenant that had more from filling memory.
func (t *identityTypes) word(s string) tftypes.Value {
	if s == "" {
		return t.null
	}
	if v, ok := t.words[s]; ok {
		return v
	}
	v := tftypes.NewValue(tftypes.String, s)
	if len(t.words) < 64 {
		t.words[s] = v
	}
	return v
}

func (t *identityTypes) bool(b bool) tftypes.Value {
	if b {
		return t.bools[1]
	}
	return t.bools[0]
}
