package provider

import (
	"context"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ resource.ResourceWithValidateConfig = (*sourceNativeChangeResource)(nil)

// NewSourceNativeChangeDetectionConfigResource is the factory of
// sailpoint_source_native_change_detection_config.
func NewSourceNativeChangeDetectionConfigResource() resource.Resource {
	return &sourceNativeChangeResource{kitResource[nativeChangeModel, client.NativeChangeDetectionConfig]{kit: nativeChangeKit}}
}

type sourceNativeChangeResource struct {
	kitResource[nativeChangeModel, client.NativeChangeDetectionConfig]
}

type nativeChangeModel struct {
	ID                               types.String `tfsdk:"id"`
	SourceID                         types.String `tfsdk:"source_id"`
	Enabled                          types.Bool   `tfsdk:"enabled"`
	Operations                       types.Set    `tfsdk:"operations"`
	AllEntitlements                  types.Bool   `tfsdk:"all_entitlements"`
	AllNonEntitlementAttributes      types.Bool   `tfsdk:"all_non_entitlement_attributes"`
	SelectedEntitlements             types.Set    `tfsdk:"selected_entitlements"`
	SelectedNonEntitlementAttributes types.Set    `tfsdk:"selected_non_entitlement_attributes"`
}

var nativeChangeKit = settingsKit(sourceSetting[nativeChangeModel, client.NativeChangeDetectionConfig]{
	typeName: "sailpoint_source_native_change_detection_config", noun: "native change detection config",
	source: func(m *nativeChangeModel) types.String { return m.SourceID },
	setID:  func(m *nativeChangeModel) { m.ID = m.SourceID },
	toClient: func(ctx context.Context, m *nativeChangeModel) (*client.NativeChangeDetectionConfig, diag.Diagnostics) {
		return m.toClient(ctx)
	},
	fromClient: func(ctx context.Context, c *client.NativeChangeDetectionConfig, m *nativeChangeModel, _ bool) diag.Diagnostics {
		return m.fromClient(ctx, c)
	},
	get: func(ctx context.Context, c *client.Client, sourceID string) (*client.NativeChangeDetectionConfig, error) {
		return c.GetNativeChangeDetectionConfig(ctx, sourceID)
	},
	put: func(ctx context.Context, c *client.Client, sourceID string, want *client.NativeChangeDetectionConfig) (*client.NativeChangeDetectionConfig, error) {
		return c.PutNativeChangeDetectionConfig(ctx, sourceID, want)
	},
	release: func(ctx context.Context, c *client.Client, sourceID string) error {
		return c.DeleteNativeChangeDetectionConfig(ctx, sourceID)
	},
	// ISC answers 404 until one is set, and holds whatever is set, even all off.
	isSet:    func(*client.NativeChangeDetectionConfig) bool { return true },
	setMeans: "is set at all (ISC has none until then)",
})

func (r *sourceNativeChangeResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	off := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description + " Default `false`, as in ISC.", Optional: true, Computed: true,
			Default: booldefault.StaticBool(false)}
	}
	names := func(description string, validators ...validator.String) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: description + " Default none.", ElementType: types.StringType,
			Optional: true, Computed: true,
			Default:    setdefault.StaticValue(types.SetValueMust(types.StringType, []attr.Value{})),
			Validators: []validator.Set{setvalidator.ValueStringsAre(validators...)}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Native change detection of a source: which changes made directly on the source's accounts (outside ISC) " +
			"ISC reports, to the Native Change event triggers. ISC finds them by aggregation, so nothing is reported before the next " +
			"aggregation of the source; the chosen operations and attributes combine with AND. Not available for Non-Employee " +
			"Lifecycle Management sources.\n\n" +
			"ISC replaces the configuration whole on every change, so creating this resource takes over whatever the source has. " +
			"Destroying it removes the configuration from the source (`DELETE`), which ISC then reports as none.\n\n" + settingImportNote,
		Attributes: settingSourceAttributes("native change detection config", map[string]schema.Attribute{
			"enabled": off("Whether ISC detects native changes on the source."),
			"operations": names("The account operations to detect: "+codeList(client.NativeChangeOperations)+".",
				stringvalidator.OneOf(client.NativeChangeOperations...)),
			"all_entitlements":               off("Whether a change of any entitlement attribute counts. With it, leave `selected_entitlements` empty."),
			"all_non_entitlement_attributes": off("Whether a change of any other account attribute counts. With it, leave `selected_non_entitlement_attributes` empty."),
			"selected_entitlements":          names("The entitlement attributes whose changes count, such as `memberOf`.", validate.NotBlank()),
			"selected_non_entitlement_attributes": names("The other account attributes whose changes count, such as `lastName`.",
				validate.NotBlank()),
		}),
	}
}

// ValidateConfig refuses selected attributes beside the flag that selects them all, which would
// make ISC ignore the selection, and an enabled configuration without operations, which detects
// nothing.
func (r *sourceNativeChangeResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var m nativeChangeModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for _, pair := range []struct {
		all      types.Bool
		selected types.Set
		allName  string
		selName  string
	}{
		{m.AllEntitlements, m.SelectedEntitlements, "all_entitlements", "selected_entitlements"},
		{m.AllNonEntitlementAttributes, m.SelectedNonEntitlementAttributes, "all_non_entitlement_attributes", "selected_non_entitlement_attributes"},
	} {
		if pair.all.ValueBool() && !pair.selected.IsUnknown() && len(pair.selected.Elements()) > 0 {
			resp.Diagnostics.AddAttributeError(path.Root(pair.selName), "Selection beside "+pair.allName,
				pair.allName+" = true counts every attribute of the kind, so ISC would ignore "+pair.selName+
					": remove "+pair.selName+", or set "+pair.allName+" = false.")
		}
	}
	if m.Enabled.ValueBool() && !m.Operations.IsUnknown() && len(m.Operations.Elements()) == 0 {
		resp.Diagnostics.AddAttributeError(path.Root("operations"), "Native change detection without operations",
			"An enabled native change detection config with no operations detects nothing: list the operations to detect, such as "+
				"[\"ACCOUNT_UPDATED\"], or set enabled = false.")
	}
}

func (m *nativeChangeModel) toClient(ctx context.Context) (*client.NativeChangeDetectionConfig, diag.Diagnostics) {
	var diags diag.Diagnostics
	c := &client.NativeChangeDetectionConfig{Enabled: m.Enabled.ValueBool(), AllEntitlements: m.AllEntitlements.ValueBool(),
		AllNonEntitlementAttributes: m.AllNonEntitlementAttributes.ValueBool()}
	for _, f := range []struct {
		set types.Set
		out *[]string
	}{{m.Operations, &c.Operations}, {m.SelectedEntitlements, &c.SelectedEntitlements}, {m.SelectedNonEntitlementAttributes, &c.SelectedNonEntitlementAttributes}} {
		*f.out = []string{} // the lists are not nullable (trap 61)
		diags.Append(f.set.ElementsAs(ctx, f.out, false)...)
		slices.Sort(*f.out)
	}
	return c, diags
}

func (m *nativeChangeModel) fromClient(ctx context.Context, c *client.NativeChangeDetectionConfig) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.Enabled, m.AllEntitlements = types.BoolValue(c.Enabled), types.BoolValue(c.AllEntitlements)
	m.AllNonEntitlementAttributes = types.BoolValue(c.AllNonEntitlementAttributes)
	for _, f := range []struct {
		in  []string
		out *types.Set
	}{{c.Operations, &m.Operations}, {c.SelectedEntitlements, &m.SelectedEntitlements}, {c.SelectedNonEntitlementAttributes, &m.SelectedNonEntitlementAttributes}} {
		*f.out, d = types.SetValueFrom(ctx, types.StringType, append([]string{}, f.in...))
		diags.Append(d...)
	}
	return diags
}
