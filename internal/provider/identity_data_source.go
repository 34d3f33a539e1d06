package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure        = (*identityDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*identityDataSource)(nil)
)

// NewIdentityDataSource is the factory of the sailpoint_identity data source.
func NewIdentityDataSource() datasource.DataSource { return &identityDataSource{} }

type identityDataSource struct {
	dataSourceClientHolder
}

// identityModel is one identity, as both sailpoint_identity and sailpoint_identities expose it.
type identityModel struct {
	ID              types.String         `tfsdk:"id"`
	Name            types.String         `tfsdk:"name"`
	Alias           types.String         `tfsdk:"alias"`
	EmailAddress    types.String         `tfsdk:"email_address"`
	IdentityStatus  types.String         `tfsdk:"identity_status"`
	ProcessingState types.String         `tfsdk:"processing_state"`
	IsManager       types.Bool           `tfsdk:"is_manager"`
	Manager         *refModel            `tfsdk:"manager"`
	LifecycleState  *lifecycleStateModel `tfsdk:"lifecycle_state"`
	Attributes      jsonValue            `tfsdk:"attributes"`
	Created         types.String         `tfsdk:"created"`
	Modified        types.String         `tfsdk:"modified"`
	LastRefresh     types.String         `tfsdk:"last_refresh"`
}

type lifecycleStateModel struct {
	StateName       types.String `tfsdk:"state_name"`
	ManuallyUpdated types.Bool   `tfsdk:"manually_updated"`
}

// identityDataSourceModel is sailpoint_identity: the lookup arguments beside the identity.
type identityDataSourceModel struct {
	identityModel
	Email               types.String `tfsdk:"email"`
	Filters             types.String `tfsdk:"filters"`
	IncludeUncorrelated types.Bool   `tfsdk:"include_uncorrelated"`
}

// identityFromClient converts ISC's identity for sailpoint_identity. sailpoint_identities builds
// the same values without the model (identityTypes.value), which TestIdentitiesStateMatchesTheModel
// holds to this one.
func identityFromClient(i *client.Identity) (identityModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	m := identityModel{
		ID:              types.StringValue(i.ID),
		Name:            types.StringValue(i.Name),
		Alias:           stringOrNull(i.Alias),
		EmailAddress:    stringOrNull(i.EmailAddress),
		IdentityStatus:  stringOrNull(i.IdentityStatus),
		ProcessingState: stringOrNull(i.ProcessingState),
		IsManager:       types.BoolValue(i.IsManager),
		Manager:         refFromClient(i.ManagerRef, nil),
		Created:         stringOrNull(i.Created),
		Modified:        stringOrNull(i.Modified),
		LastRefresh:     stringOrNull(i.LastRefresh),
	}
	if ls := i.LifecycleState; ls != nil {
		m.LifecycleState = &lifecycleStateModel{StateName: types.StringValue(ls.StateName), ManuallyUpdated: types.BoolValue(ls.ManuallyUpdated)}
	}
	var attrs any
	if i.Attributes != nil {
		attrs = i.Attributes
	}
	var err error
	if m.Attributes, err = normalizedJSON(attrs); err != nil {
		diags.AddError("Error reading SailPoint identity", fmt.Sprintf("the attributes of identity %s cannot be encoded as JSON: %v", i.ID, err))
	}
	return m, diags
}

// userTokensOnly is said by both identity data sources.
const userTokensOnly = "ISC serves identities only to user tokens: configure the provider with a personal access token (PAT); " +
	"a plain API client (client credentials without a user) gets `403 Forbidden`."

const includeUncorrelatedDescription = "Also find identities that have no correlated account (ISC's `defaultFilter=NONE`). " +
	"By default ISC hides them (`defaultFilter=CORRELATED_ONLY`)."

// identityAttributes is the schema of one identity's fields, all read from ISC.
func identityAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":    schema.StringAttribute{MarkdownDescription: "Identity ID.", Computed: true},
		"name":  schema.StringAttribute{MarkdownDescription: "Display name of the identity.", Computed: true},
		"alias": schema.StringAttribute{MarkdownDescription: "Alias: the account name on the authoritative source, such as `jane.doe`.", Computed: true},
		"email_address": schema.StringAttribute{
			MarkdownDescription: "Email address; null when the identity has none.",
			Computed:            true,
		},
		"identity_status": schema.StringAttribute{
			MarkdownDescription: "Status, one of `UNREGISTERED`, `REGISTERED`, `PENDING`, `WARNING`, `DISABLED`, `ACTIVE`, `DEACTIVATED`, `TERMINATED`, `ERROR`, `LOCKED`.",
			Computed:            true,
		},
		"processing_state": schema.StringAttribute{
			MarkdownDescription: "`ERROR` when ISC failed to process the identity, `OK` or null otherwise.",
			Computed:            true,
		},
		"is_manager": schema.BoolAttribute{MarkdownDescription: "Whether other identities report to this one.", Computed: true},
		"manager":    refDataAttribute("The identity's manager; null when it has none."),
		"lifecycle_state": schema.SingleNestedAttribute{
			MarkdownDescription: "Lifecycle state; null for an identity without one (such as an uncorrelated identity).",
			Computed:            true,
			Attributes: map[string]schema.Attribute{
				"state_name":       schema.StringAttribute{MarkdownDescription: "Technical name of the lifecycle state, such as `active`.", Computed: true},
				"manually_updated": schema.BoolAttribute{MarkdownDescription: "Whether the state was set by hand rather than by the identity profile.", Computed: true},
			},
		},
		"attributes": schema.StringAttribute{
			MarkdownDescription: "Identity attributes as a JSON object (such as `department` or `cloudLifecycleState`); read them with `jsondecode(...)`.",
			CustomType:          jsonType{},
			Computed:            true,
		},
		"created":      schema.StringAttribute{MarkdownDescription: "When the identity was created (RFC 3339).", Computed: true},
		"modified":     schema.StringAttribute{MarkdownDescription: "When the identity was last modified (RFC 3339).", Computed: true},
		"last_refresh": schema.StringAttribute{MarkdownDescription: "When ISC last refreshed the identity (RFC 3339).", Computed: true},
	}
}

func (d *identityDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_identity"
}

func (d *identityDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := identityAttributes()
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	lookup := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true, Computed: true, Validators: nonEmpty}
	}
	attrs["id"] = lookup("Identity ID. Set it to look the identity up by ID.")
	attrs["alias"] = lookup("Alias: the account name on the authoritative source, such as `jane.doe`. Set it to look the identity up by alias (`alias eq`, ignoring case).")
	attrs["name"] = lookup("Display name of the identity. Set it to look the identity up by name (`name eq`, ignoring case); names need not be unique.")
	attrs["email"] = schema.StringAttribute{
		MarkdownDescription: "Look the identity up by email address (`email eq`, ignoring case). The address found is in `email_address`.",
		Optional:            true,
		Validators:          nonEmpty,
	}
	attrs["filters"] = schema.StringAttribute{
		MarkdownDescription: "Look the identity up with a filter in ISC's syntax, such as `firstname eq \"Jane\" and lastname eq \"Doe\"`; " +
			"it must match exactly one identity. Identities can be filtered on `id` (eq, in), `name`, `alias`, `firstname`, `lastname`, `email` (eq, sw), " +
			"`cloudStatus`, `processingState`, `correlated` and `protected` (eq). Quote strings in double quotes, escaping `\\` and `\"` with a backslash.",
		Optional:   true,
		Validators: nonEmpty,
	}
	attrs["include_uncorrelated"] = schema.BoolAttribute{
		MarkdownDescription: includeUncorrelatedDescription + " Has no effect on a lookup by `id`.",
		Optional:            true,
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Looks up one identity by exactly one of `id`, `alias`, `email`, `name` or `filters`. " +
			"A lookup other than by `id` must match exactly one identity: none or several is an error that names the filter. " + userTokensOnly,
		Attributes: attrs,
	}
}

func (d *identityDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("alias"), path.MatchRoot("email"), path.MatchRoot("name"), path.MatchRoot("filters")),
	}
}

func (d *identityDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg identityDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found := d.find(ctx, &cfg, &resp.Diagnostics)
	if found == nil {
		return
	}
	m, diags := identityFromClient(found)
	resp.Diagnostics.Append(diags...)
	state := identityDataSourceModel{identityModel: m, Email: cfg.Email, Filters: cfg.Filters, IncludeUncorrelated: cfg.IncludeUncorrelated}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// find returns the one identity the configuration names, or nil after reporting why there is none.
func (d *identityDataSource) find(ctx context.Context, cfg *identityDataSourceModel, diags *diag.Diagnostics) *client.Identity {
	if id := cfg.ID.ValueString(); id != "" {
		found, err := d.client.GetIdentity(ctx, id)
		switch {
		case errors.Is(err, client.ErrNotFound):
			diags.AddAttributeError(path.Root("id"), "SailPoint identity not found",
				fmt.Sprintf("There is no identity with id %q in ISC. Check the ID, or look the identity up by alias, email or name.", id))
			return nil
		case err != nil:
			addAPIError(diags, "reading", "identity", err)
			return nil
		}
		return found
	}

	var attr, filter string
	switch {
	case cfg.Alias.ValueString() != "":
		attr, filter = "alias", client.FilterEq("alias", cfg.Alias.ValueString())
	case cfg.Email.ValueString() != "":
		attr, filter = "email", client.FilterEq("email", cfg.Email.ValueString())
	case cfg.Name.ValueString() != "":
		attr, filter = "name", client.FilterEq("name", cfg.Name.ValueString())
	default:
		attr, filter = "filters", cfg.Filters.ValueString()
	}
	uncorrelated := cfg.IncludeUncorrelated.ValueBool()
	// Two are enough to tell one match from several; ISC counts them all.
	list, total, err := d.client.ListIdentities(ctx, client.IdentityListOptions{
		ListOptions:         client.ListOptions{Filters: filter, Max: 2},
		IncludeUncorrelated: uncorrelated,
	})
	if err != nil {
		addAPIError(diags, "looking up", "identity", err)
		return nil
	}
	switch {
	case len(list) == 0:
		hint := "Check the value."
		if !uncorrelated {
			hint += " Identities without a correlated account are hidden unless include_uncorrelated = true."
		}
		diags.AddAttributeError(path.Root(attr), "No SailPoint identity found",
			fmt.Sprintf("No identity matched the filter %s. %s", filter, hint))
		return nil
	case len(list) > 1:
		diags.AddAttributeError(path.Root(attr), "Several SailPoint identities found",
			fmt.Sprintf("%d identities matched the filter %s; sailpoint_identity needs exactly one. "+
				"Look the identity up by id, or narrow the filter with filters; the sailpoint_identities data source reads several.", max(total, len(list)), filter))
		return nil
	}
	return &list[0]
}
