package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ resource.ResourceWithModifyPlan = (*sourceAttrSyncResource)(nil)

// NewSourceAttributeSyncConfigResource is the factory of sailpoint_source_attribute_sync_config.
func NewSourceAttributeSyncConfigResource() resource.Resource {
	return &sourceAttrSyncResource{kitResource[attrSyncModel, client.AttrSyncConfig]{kit: attrSyncKit}}
}

type sourceAttrSyncResource struct {
	kitResource[attrSyncModel, client.AttrSyncConfig]
}

type attrSyncModel struct {
	ID                types.String `tfsdk:"id"`
	SourceID          types.String `tfsdk:"source_id"`
	EnabledAttributes types.Set    `tfsdk:"enabled_attributes"`
	Targets           types.Map    `tfsdk:"targets"`
}

var attrSyncKit = settingsKit(sourceSetting[attrSyncModel, client.AttrSyncConfig]{
	typeName: "sailpoint_source_attribute_sync_config", noun: "attribute sync config",
	source: func(m *attrSyncModel) types.String { return m.SourceID },
	setID:  func(m *attrSyncModel) { m.ID = m.SourceID },
	// The configuration's document lists the enabled attributes only; put completes it from ISC.
	toClient: func(ctx context.Context, m *attrSyncModel) (*client.AttrSyncConfig, diag.Diagnostics) {
		var names []string
		diags := m.EnabledAttributes.ElementsAs(ctx, &names, false)
		slices.Sort(names)
		c := &client.AttrSyncConfig{Attributes: make([]client.AttrSyncEntry, len(names))}
		for i, n := range names {
			c.Attributes[i] = client.AttrSyncEntry{Name: n, Enabled: true}
		}
		return c, diags
	},
	fromClient: func(ctx context.Context, c *client.AttrSyncConfig, m *attrSyncModel, _ bool) diag.Diagnostics {
		var diags, d diag.Diagnostics
		enabled := []string{}
		targets := map[string]string{}
		for _, e := range c.Attributes {
			if e.Enabled {
				enabled = append(enabled, e.Name)
			}
			targets[e.Name] = e.Target
		}
		m.EnabledAttributes, d = types.SetValueFrom(ctx, types.StringType, enabled)
		diags.Append(d...)
		m.Targets, d = types.MapValueFrom(ctx, types.StringType, targets)
		diags.Append(d...)
		return diags
	},
	get: func(ctx context.Context, c *client.Client, sourceID string) (*client.AttrSyncConfig, error) {
		return c.GetAttrSyncConfig(ctx, sourceID)
	},
	put: func(ctx context.Context, c *client.Client, sourceID string, want *client.AttrSyncConfig) (*client.AttrSyncConfig, error) {
		enabled := map[string]bool{}
		for _, e := range want.Attributes {
			enabled[e.Name] = true
		}
		return putAttrSync(ctx, c, sourceID, enabled)
	},
	// Whether a new source's attributes start enabled is not documented; released, none is.
	release: func(ctx context.Context, c *client.Client, sourceID string) error {
		_, err := putAttrSync(ctx, c, sourceID, map[string]bool{})
		return err
	},
	isSet: func(doc *client.AttrSyncConfig) bool {
		return slices.ContainsFunc(doc.Attributes, func(a client.AttrSyncEntry) bool { return a.Enabled })
	},
	setMeans: "synchronizes an attribute",
})

// putAttrSync enables exactly the identity attributes in enabled: ISC's list, read first, goes
// back whole with only enabled changed, since ISC refuses any other change (trap 62).
func putAttrSync(ctx context.Context, c *client.Client, sourceID string, enabled map[string]bool) (*client.AttrSyncConfig, error) {
	doc, err := c.GetAttrSyncConfig(ctx, sourceID)
	if err != nil {
		return nil, err
	}
	if missing := notSyncable(doc, enabled); len(missing) > 0 {
		return nil, errors.New(unsyncableMessage(sourceID, doc, missing))
	}
	for i := range doc.Attributes {
		doc.Attributes[i].Enabled = enabled[doc.Attributes[i].Name]
	}
	return c.PutAttrSyncConfig(ctx, sourceID, doc)
}

// notSyncable are the names in enabled that ISC does not list for the source, sorted.
func notSyncable(doc *client.AttrSyncConfig, enabled map[string]bool) []string {
	var missing []string
	for name := range enabled {
		if !slices.ContainsFunc(doc.Attributes, func(e client.AttrSyncEntry) bool { return e.Name == name }) {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	return missing
}

func unsyncableMessage(sourceID string, doc *client.AttrSyncConfig, missing []string) string {
	var listed []string
	for _, e := range doc.Attributes {
		listed = append(listed, fmt.Sprintf("%s (to %s)", e.Name, e.Target))
	}
	have := "none"
	if len(listed) > 0 {
		have = strings.Join(listed, ", ")
	}
	return fmt.Sprintf("ISC cannot synchronize %s to source %s: it syncs only the identity attributes that the source's CREATE "+
		"provisioning policy maps directly to an account attribute, and for this source those are: %s. Map the attribute in the "+
		"CREATE policy (sailpoint_source_provisioning_policy) first, or remove it from enabled_attributes.",
		strings.Join(missing, ", "), sourceID, have)
}

func (r *sourceAttrSyncResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Attribute sync of a source: which identity attributes ISC keeps synchronized to the source's accounts, " +
			"writing an identity's new value to all its correlated accounts on the source.\n\n" +
			"ISC decides which attributes can sync: those the source's `CREATE` provisioning policy maps directly from an identity " +
			"attribute (see `targets`); this resource only switches them on and off. The plan refuses an attribute ISC does not " +
			"list when the source exists already. Creating the resource takes the source's settings over; destroying it switches " +
			"every attribute off. ISC calls these operations experimental, and they need a personal access token.\n\n" + settingImportNote,
		Attributes: settingSourceAttributes("attribute sync config", map[string]schema.Attribute{
			"enabled_attributes": schema.SetAttribute{
				MarkdownDescription: "The identity attributes to synchronize, such as `email`; every other attribute ISC lists is not synchronized. Empty: none.",
				ElementType:         types.StringType,
				Required:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(validate.NotBlank())},
			},
			"targets": schema.MapAttribute{
				MarkdownDescription: "Every identity attribute ISC can synchronize to the source, with the account attribute it writes: `{ email = \"mail\" }`.",
				ElementType:         types.StringType,
				Computed:            true,
				PlanModifiers:       []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
		}),
	}
}

// ModifyPlan refuses, for a source that exists, an attribute ISC does not list for it; for a
// source made in the same apply the apply says so.
func (r *sourceAttrSyncResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan attrSyncModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || plan.SourceID.IsUnknown() || plan.EnabledAttributes.IsUnknown() {
		return
	}
	var names []string
	resp.Diagnostics.Append(plan.EnabledAttributes.ElementsAs(ctx, &names, true)...)
	if resp.Diagnostics.HasError() || len(names) == 0 {
		return
	}
	doc, err := r.client.GetAttrSyncConfig(ctx, plan.SourceID.ValueString())
	if errors.Is(err, client.ErrNotFound) {
		return // the source is gone: the plan recreates it, and the apply judges
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", "attribute sync config of source "+plan.SourceID.ValueString(), err)
		return
	}
	enabled := map[string]bool{}
	for _, n := range names {
		enabled[n] = true
	}
	if missing := notSyncable(doc, enabled); len(missing) > 0 {
		resp.Diagnostics.AddAttributeError(path.Root("enabled_attributes"), "Identity attribute not synchronizable",
			unsyncableMessage(plan.SourceID.ValueString(), doc, missing))
	}
}
