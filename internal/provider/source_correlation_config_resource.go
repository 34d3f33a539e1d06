package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ resource.ResourceWithValidateConfig = (*sourceCorrelationConfigResource)(nil)

// NewSourceCorrelationConfigResource is the factory of sailpoint_source_correlation_config.
func NewSourceCorrelationConfigResource() resource.Resource {
	return &sourceCorrelationConfigResource{kitResource[correlationConfigModel, client.CorrelationConfig]{kit: correlationConfigKit}}
}

type sourceCorrelationConfigResource struct {
	kitResource[correlationConfigModel, client.CorrelationConfig]
}

type correlationConfigModel struct {
	ID                   types.String           `tfsdk:"id"`
	SourceID             types.String           `tfsdk:"source_id"`
	Name                 types.String           `tfsdk:"name"`
	AttributeAssignments []correlationPairModel `tfsdk:"attribute_assignments"`
}

type correlationPairModel struct {
	IdentityAttribute types.String `tfsdk:"identity_attribute"`
	AccountAttribute  types.String `tfsdk:"account_attribute"`
	Operation         types.String `tfsdk:"operation"`
	IgnoreCase        types.Bool   `tfsdk:"ignore_case"`
	MatchMode         types.String `tfsdk:"match_mode"`
	FilterString      types.String `tfsdk:"filter_string"`
	Complex           types.Bool   `tfsdk:"complex"`
}

var correlationConfigKit = settingsKit(sourceSetting[correlationConfigModel, client.CorrelationConfig]{
	typeName: "sailpoint_source_correlation_config", noun: "correlation config",
	source: func(m *correlationConfigModel) types.String { return m.SourceID },
	setID:  func(m *correlationConfigModel) { m.ID = m.SourceID },
	toClient: func(_ context.Context, m *correlationConfigModel) (*client.CorrelationConfig, diag.Diagnostics) {
		return m.toClient(), nil
	},
	fromClient: func(_ context.Context, c *client.CorrelationConfig, m *correlationConfigModel, _ bool) diag.Diagnostics {
		m.fromClient(c)
		return nil
	},
	get: func(ctx context.Context, c *client.Client, sourceID string) (*client.CorrelationConfig, error) {
		return c.GetCorrelationConfig(ctx, sourceID)
	},
	put: func(ctx context.Context, c *client.Client, sourceID string, want *client.CorrelationConfig) (*client.CorrelationConfig, error) {
		return c.PutCorrelationConfig(ctx, sourceID, want)
	},
	// What a new source holds depends on its connector and cannot be read back (trap 60): the
	// empty document, no correlation, is what a destroy leaves.
	release: func(ctx context.Context, c *client.Client, sourceID string) error {
		_, err := c.PutCorrelationConfig(ctx, sourceID, &client.CorrelationConfig{AttributeAssignments: []client.CorrelationAssignment{}})
		return err
	},
	isSet:    func(doc *client.CorrelationConfig) bool { return len(doc.AttributeAssignments) > 0 },
	setMeans: "has a pair",
})

func (r *sourceCorrelationConfigResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "How ISC correlates the accounts of a source to identities: pairs of an identity attribute and an account " +
			"attribute, tried in order; an account belongs to the first identity one pair matches. A source has exactly one correlation " +
			"config, which ISC replaces whole on every change.\n\n" +
			"A new source already has one, empty or filled from its connector's template. Creating this resource takes it over: " +
			"the provider replaces it with this configuration, whatever it held. Destroying the resource leaves the source with " +
			"the empty document (no correlation), not with what it held before, which ISC cannot give back. After changing the " +
			"correlation of a source whose accounts are aggregated, aggregate it again with optimization disabled.\n\n" + settingImportNote,
		Attributes: settingSourceAttributes("correlation config", map[string]schema.Attribute{
			"name": setByISC("The name ISC gives the correlation config, such as `HR Feed Account Correlation`."),
			"attribute_assignments": schema.ListNestedAttribute{
				MarkdownDescription: "The pairs, in the order ISC tries them. A list, since the order decides which pair correlates " +
					"an account first. An empty list correlates nothing.",
				Required: true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"identity_attribute": schema.StringAttribute{
						MarkdownDescription: "The identity attribute, such as `uid` or `email`.",
						Required:            true,
						Validators:          []validator.String{validate.NotBlank()},
					},
					"account_attribute": schema.StringAttribute{
						MarkdownDescription: "The account attribute of the source that must equal it, such as `sAMAccountName`.",
						Required:            true,
						Validators:          []validator.String{validate.NotBlank()},
					},
					"operation": schema.StringAttribute{
						MarkdownDescription: "How the two compare; ISC knows only `EQ` (equals), the default.",
						Optional:            true, Computed: true,
						Default:    stringdefault.StaticString("EQ"),
						Validators: []validator.String{stringvalidator.OneOf(client.CorrelationOperations...)},
					},
					"ignore_case": schema.BoolAttribute{
						MarkdownDescription: "Whether the comparison ignores letter case. Default `false`, the contract's default; the provider always sends it.",
						Optional:            true, Computed: true,
						Default: booldefault.StaticBool(false),
					},
					"match_mode": schema.StringAttribute{
						MarkdownDescription: "Where in the account attribute the identity attribute must match: one of " + codeList(client.CorrelationMatchModes) + ". Unset: ISC's choice.",
						Optional:            true, Computed: true,
						Default:    planmodify.NullString(),
						Validators: []validator.String{stringvalidator.OneOf(client.CorrelationMatchModes...)},
					},
					"filter_string": schema.StringAttribute{
						MarkdownDescription: "A filter ISC applies with the pair, such as `first_name == \"John\"`.",
						Optional:            true, Computed: true,
						Default:    planmodify.NullString(),
						Validators: []validator.String{validate.NotBlank()},
					},
					"complex": schema.BoolAttribute{
						MarkdownDescription: "Whether the pair is a complex attribute assignment, in ISC's words. Default `false`.",
						Optional:            true, Computed: true,
						Default: booldefault.StaticBool(false),
					},
				}},
			},
		}),
	}
}

// ValidateConfig refuses a pair twice: it would only be tried again.
func (r *sourceCorrelationConfigResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var pairs []correlationPairModel
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("attribute_assignments"), &pairs)...)
	if resp.Diagnostics.HasError() {
		return
	}
	first := map[[2]string]int{}
	for i, p := range pairs {
		if p.IdentityAttribute.IsUnknown() || p.AccountAttribute.IsUnknown() {
			continue
		}
		key := [2]string{p.IdentityAttribute.ValueString(), p.AccountAttribute.ValueString()}
		if j, dup := first[key]; dup {
			resp.Diagnostics.AddAttributeError(path.Root("attribute_assignments").AtListIndex(i), "Duplicate correlation pair",
				fmt.Sprintf("attribute_assignments[%d] and attribute_assignments[%d] both pair identity attribute %q with account attribute %q; "+
					"remove one of them.", j, i, key[0], key[1]))
			continue
		}
		first[key] = i
	}
}

func (m *correlationConfigModel) toClient() *client.CorrelationConfig {
	c := &client.CorrelationConfig{AttributeAssignments: make([]client.CorrelationAssignment, len(m.AttributeAssignments))}
	for i, p := range m.AttributeAssignments {
		c.AttributeAssignments[i] = client.CorrelationAssignment{
			Property: p.IdentityAttribute.ValueString(), Value: p.AccountAttribute.ValueString(), Operation: p.Operation.ValueString(),
			IgnoreCase: p.IgnoreCase.ValueBool(), MatchMode: p.MatchMode.ValueString(), FilterString: p.FilterString.ValueString(),
			Complex: p.Complex.ValueBool(),
		}
	}
	return c
}

func (m *correlationConfigModel) fromClient(c *client.CorrelationConfig) {
	m.Name = types.StringValue(c.Name)
	m.AttributeAssignments = make([]correlationPairModel, len(c.AttributeAssignments))
	for i, a := range c.AttributeAssignments {
		op := a.Operation
		if op == "" {
			op = "EQ" // the only operation ISC has
		}
		m.AttributeAssignments[i] = correlationPairModel{
			IdentityAttribute: types.StringValue(a.Property), AccountAttribute: types.StringValue(a.Value), Operation: types.StringValue(op),
			IgnoreCase: types.BoolValue(a.IgnoreCase), MatchMode: stringOrNull(a.MatchMode), FilterString: stringOrNull(a.FilterString),
			Complex: types.BoolValue(a.Complex),
		}
	}
}
