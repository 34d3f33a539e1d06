package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var (
	_ resource.ResourceWithConfigure      = (*sourceResource)(nil)
	_ resource.ResourceWithImportState    = (*sourceResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*sourceResource)(nil)
	_ resource.ResourceWithValidateConfig = (*sourceResource)(nil)
)

// NewSourceResource is the factory of sailpoint_source.
func NewSourceResource() resource.Resource { return &sourceResource{} }

type sourceResource struct {
	clientHolder
}

type mappingModel struct {
	AccountAttributeName  types.String `tfsdk:"account_attribute_name"`
	IdentityAttributeName types.String `tfsdk:"identity_attribute_name"`
}

type schemaRefModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

var schemaRefType = types.ObjectType{AttrTypes: map[string]attr.Type{"id": types.StringType, "name": types.StringType}}

type sourceModel struct {
	ID                           types.String   `tfsdk:"id"`
	Name                         types.String   `tfsdk:"name"`
	Description                  types.String   `tfsdk:"description"`
	Connector                    types.String   `tfsdk:"connector"`
	ConnectorClass               types.String   `tfsdk:"connector_class"`
	Type                         types.String   `tfsdk:"type"`
	ProvisionAsCsv               types.Bool     `tfsdk:"provision_as_csv"`
	DeleteThreshold              types.Int64    `tfsdk:"delete_threshold"`
	Owner                        *refModel      `tfsdk:"owner"`
	Cluster                      *refModel      `tfsdk:"cluster"`
	ManagementWorkgroup          *refModel      `tfsdk:"management_workgroup"`
	AccountCorrelationConfig     *refModel      `tfsdk:"account_correlation_config"`
	AccountCorrelationRule       *refModel      `tfsdk:"account_correlation_rule"`
	ManagerCorrelationRule       *refModel      `tfsdk:"manager_correlation_rule"`
	BeforeProvisioningRule       *refModel      `tfsdk:"before_provisioning_rule"`
	ManagerCorrelationMapping    *mappingModel  `tfsdk:"manager_correlation_mapping"`
	Features                     types.Set      `tfsdk:"features"`
	PasswordPolicyIDs            types.Set      `tfsdk:"password_policy_ids"`
	ConnectorAttributes          jsonValue      `tfsdk:"connector_attributes"`
	ConnectorAttributesWO        jsonValue      `tfsdk:"connector_attributes_wo"`
	ConnectorAttributesWOVersion types.Int64    `tfsdk:"connector_attributes_wo_version"`
	Authoritative                types.Bool     `tfsdk:"authoritative"`
	Healthy                      types.Bool     `tfsdk:"healthy"`
	Status                       types.String   `tfsdk:"status"`
	ConnectorName                types.String   `tfsdk:"connector_name"`
	Schemas                      types.List     `tfsdk:"schemas"`
	Created                      types.String   `tfsdk:"created"`
	Modified                     types.String   `tfsdk:"modified"`
	Timeouts                     timeouts.Value `tfsdk:"timeouts"`
}

// sourceFeatures are the values of ISC's SourceFeature.
var sourceFeatures = []string{
	"AUTHENTICATE", "COMPOSITE", "DIRECT_PERMISSIONS", "DISCOVER_SCHEMA", "ENABLE", "MANAGER_LOOKUP",
	"NO_RANDOM_ACCESS", "PROXY", "SEARCH", "TEMPLATE", "UNLOCK", "UNSTRUCTURED_TARGETS", "SHAREPOINT_TARGET",
	"PROVISIONING", "GROUP_PROVISIONING", "SYNC_PROVISIONING", "PASSWORD", "CURRENT_PASSWORD",
	"ACCOUNT_ONLY_REQUEST", "ADDITIONAL_ACCOUNT_REQUEST", "NO_AGGREGATION", "GROUPS_HAVE_MEMBERS",
	"NO_PERMISSIONS_PROVISIONING", "NO_GROUP_PERMISSIONS_PROVISIONING", "NO_UNSTRUCTURED_TARGETS_PROVISIONING",
	"NO_DIRECT_PERMISSIONS_PROVISIONING", "PREFER_UUID", "ARM_SECURITY_EXTRACT", "ARM_UTILIZATION_EXTRACT",
	"ARM_CHANGELOG_EXTRACT", "USES_UUID", "APPLICATION_DISCOVERY", "DELETE",
}

// replacingAttributes are the source attributes ISC cannot change in place.
var replacingAttributes = []string{"connector", "connector_class", "type", "provision_as_csv"}

const defaultSourceDeleteTimeout = 20 * time.Minute

// privateReadAllAttributes marks a source just imported: its first read takes every connector
// attribute, since there is no configuration yet to say which keys are managed.
const privateReadAllAttributes = "read_all_connector_attributes"

// privateSecretAttributes lists the names of the secret connector attributes ISC held at the last
// read, for the plan to name those the configuration lacks.
const privateSecretAttributes = "secret_connector_attributes"

// privateWriteOnlyAttributes lists the names of the connector attributes last set through
// connector_attributes_wo. Their values are secret whatever their names, so every call made for
// the source redacts them in its logs, reads and the delete wait included.
const privateWriteOnlyAttributes = "write_only_connector_attributes"

// privateGetter is the request side of a resource's private state.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// withWriteOnlyNames returns ctx under which the client redacts the write-only connector
// attributes named in private state (nil on create) and, when cfg sets connector_attributes_wo,
// those it names; and the names to keep in private state for later calls.
func withWriteOnlyNames(ctx context.Context, private privateGetter, cfg *sourceModel) (context.Context, []byte, diag.Diagnostics) {
	var kept []byte
	var diags diag.Diagnostics
	if private != nil {
		kept, diags = private.GetKey(ctx, privateWriteOnlyAttributes)
	}
	var names []string
	if len(kept) > 0 {
		if err := json.Unmarshal(kept, &names); err != nil {
			names = nil
		}
	}
	if cfg != nil {
		if wo, err := jsonObject(cfg.ConnectorAttributesWO); err == nil && wo != nil {
			current := sortedKeys(wo)
			names = append(names, current...)
			kept, _ = json.Marshal(current)
		}
	}
	return client.WithSecretKeys(ctx, names...), kept, diags
}

func (r *sourceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_source"
}

func (r *sourceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured(), stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A source: a connection from ISC to a system whose accounts it aggregates and provisions. " +
			"Replacing a source deletes every account aggregated from it, so the plan warns whenever a change forces replacement.\n\n" +
			"**Import and secrets.** ISC never returns secret connector attributes, only cipher text, so an imported source " +
			"(and configuration generated from it) has no secrets. ISC keeps them, and the plan names those the configuration " +
			"does not set; to manage them with Terraform, add them to `connector_attributes_wo` with a " +
			"`connector_attributes_wo_version`. The guide [Bring an existing tenant under Terraform](../guides/import-existing-tenant.md) " +
			"walks through an import. An import ID of another kind of object, such as an identity profile or a schema, fails saying what it is.\n\n" +
			"**Sources in use by an identity profile.** ISC refuses to delete a source that an identity profile uses as its authoritative " +
			"source, so a plan that would destroy such a source, or replace it (after a change of `connector`, for example), fails and names " +
			"the profile. Make the profile stop using the source first, in a change of its own: point its `authoritative_source` at another " +
			"source, or delete it (`terraform apply -target` or `terraform destroy -target` of the profile), then plan the change again. " +
			"`terraform destroy` of a profile and its source works, since Terraform plans the profile's destroy first when the profile " +
			"refers to the source (`authoritative_source = { id = sailpoint_source.hr.id }`). A plan that removes both from the " +
			"configuration plans them in no fixed order, so it may stop with this error: then destroy the profile first with `-target`. " +
			"`terraform destroy` plans the configuration as it is before the destroy, so it stops with this error too while a change that " +
			"replaces such a source is pending: revert the change, or run `terraform destroy -refresh=false`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Source ID, set by ISC.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Source name, unique in the tenant. It must not be blank.",
				Required:            true,
				Validators:          nameValidators(),
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Source description.",
				Optional:            true,
			},
			"connector": schema.StringAttribute{
				MarkdownDescription: "Connector script name, such as `active-directory` or `delimited-file`. Changing it replaces the source.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"connector_class": schema.StringAttribute{
				MarkdownDescription: "Java class of the connector. ISC derives it from `connector` when unset. Changing it replaces the source.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       replace,
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "Source type. ISC derives it from `connector` when unset (`DelimitedFile` with `provision_as_csv`). Changing it replaces the source.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       replace,
			},
			"provision_as_csv": schema.BoolAttribute{
				MarkdownDescription: "Create the source as a delimited-file source (ISC's `provisionAsCsv`). ISC does not report it back: " +
					"when unset it is derived from `type`. Changing it replaces the source.",
				Optional: true,
				Computed: true,
				PlanModifiers: []planmodifier.Bool{
					boolplanmodifier.RequiresReplaceIfConfigured(),
					boolplanmodifier.UseStateForUnknown(),
				},
			},
			"delete_threshold": schema.Int64Attribute{
				MarkdownDescription: "Percentage (0-100) of accounts an aggregation may delete before ISC stops it. ISC's default applies when unset.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Int64{int64validator.Between(0, 100)},
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"owner":                      refAttribute("Identity that owns the source.", true),
			"cluster":                    refAttribute("Virtual appliance cluster the source connects through.", false),
			"management_workgroup":       refAttribute("Governance group that manages the source.", false),
			"account_correlation_config": refAttribute("Account correlation configuration.", false),
			"account_correlation_rule":   refAttribute("Rule that correlates accounts with identities.", false),
			"manager_correlation_rule":   refAttribute("Rule that finds an account's manager.", false),
			"before_provisioning_rule":   refAttribute("Rule run before provisioning to the source.", false),
			"manager_correlation_mapping": schema.SingleNestedAttribute{
				MarkdownDescription: "Matches a source account attribute to an identity attribute to find managers.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"account_attribute_name":  schema.StringAttribute{MarkdownDescription: "Account attribute holding the manager.", Required: true},
					"identity_attribute_name": schema.StringAttribute{MarkdownDescription: "Identity attribute it is matched against.", Required: true},
				},
			},
			"features": schema.SetAttribute{
				MarkdownDescription: "Source features. ISC sets them from the connector; they are sent only when configured, " +
					"since changing them on SailPoint-supported connectors can break the source.",
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(sourceFeatures...))},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"password_policy_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the password policies that apply to the source (the source needs the `PASSWORD` feature). " +
					"Changed in place through ISC's password-policies endpoint. Unset leaves them unmanaged; `[]` removes them all.",
				ElementType:   types.StringType,
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Set{setvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
				PlanModifiers: []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"connector_attributes": schema.StringAttribute{
				MarkdownDescription: "Connector configuration as a JSON object (use `jsonencode`). Only the keys given here are managed: " +
					"keys ISC adds are left alone, a managed key changed in ISC shows as drift, and a key removed here is removed from ISC. " +
					"Keep secrets out of it: use `connector_attributes_wo`. Unset leaves connector attributes unmanaged.",
				CustomType:    jsonType{},
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{jsonObjectValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"connector_attributes_wo": schema.StringAttribute{
				MarkdownDescription: "Secret connector attributes as a JSON object, such as passwords and private keys. Write-only (Terraform 1.11 or later): " +
					"merged into the connector attributes on create, and sent again on update only when `connector_attributes_wo_version` changes. " +
					"Never stored in state; ISC keeps them encrypted. Take the values from variables declared `ephemeral = true`: " +
					"Terraform records the values of other variables in saved plan files.",
				CustomType: jsonType{},
				Optional:   true,
				WriteOnly:  true,
				Validators: []validator.String{jsonObjectValidator{}},
			},
			"connector_attributes_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Change this number to send `connector_attributes_wo` again, for example after rotating a password.",
				Optional:            true,
			},
			// No UseStateForUnknown: an identity profile deleted in the same apply, before this
			// source is updated, changes the value, and a planned value would then be wrong.
			"authoritative": schema.BoolAttribute{
				MarkdownDescription: "Whether an identity profile (`sailpoint_identity_profile`) uses the source as its authoritative source; set by ISC.",
				Computed:            true,
			},
			"healthy": schema.BoolAttribute{
				MarkdownDescription: "Whether ISC's last health check of the source passed.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Health status, such as `SOURCE_STATE_HEALTHY`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"connector_name": schema.StringAttribute{
				MarkdownDescription: "Display name of the connector.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"schemas": schema.ListNestedAttribute{
				MarkdownDescription: "Schemas of the source (ISC creates the `account` schema with the source).",
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   schema.StringAttribute{MarkdownDescription: "Schema ID.", Computed: true},
					"name": schema.StringAttribute{MarkdownDescription: "Schema name.", Computed: true},
				}},
			},
			"created": schema.StringAttribute{
				MarkdownDescription: "When the source was created.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"modified": schema.StringAttribute{
				MarkdownDescription: "When the source was last changed.",
				Computed:            true,
			},
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Delete: true}),
		},
	}
}

// ValidateConfig checks what single-attribute validators cannot: the two kinds of connector
// attributes together.
func (r *sourceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg sourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plain, err := jsonObject(cfg.ConnectorAttributes)
	if err != nil {
		return // reported by the attribute's validator
	}
	for _, k := range sortedKeys(plain) {
		if client.IsSecretKey(k) {
			resp.Diagnostics.AddAttributeWarning(path.Root("connector_attributes"), "Secret in connector_attributes",
				fmt.Sprintf("The key %q looks like a secret. ISC stores secrets encrypted and answers with cipher text, so its value is kept from this configuration and never compared with ISC's, and it is stored in state in plain text. Move it to connector_attributes_wo.", k))
		}
	}
	if cfg.ConnectorAttributesWO.IsUnknown() {
		return
	}
	secret, err := jsonObject(cfg.ConnectorAttributesWO)
	if err != nil {
		return
	}
	for _, k := range sortedKeys(secret) {
		if _, dup := plain[k]; dup {
			resp.Diagnostics.AddAttributeError(path.Root("connector_attributes_wo"), "Connector attribute set twice",
				fmt.Sprintf("The key %q is in both connector_attributes and connector_attributes_wo; keep it in one of them (secrets belong in connector_attributes_wo).", k))
		}
	}
	if secret != nil && cfg.ConnectorAttributesWOVersion.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("connector_attributes_wo_version"), "Missing connector_attributes_wo_version",
			"connector_attributes_wo is write-only, so Terraform cannot see when it changes. Set connector_attributes_wo_version (for example to 1) and change it whenever the secret values should be sent again.")
	}
}

// ModifyPlan warns before a source is replaced (ISC deletes the accounts aggregated from it), and
// when ISC holds secrets that the configuration does not set. It refuses a destroy or a
// replacement of a source that an identity profile uses, which ISC would refuse at apply.
func (r *sourceResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() {
		return
	}
	var id, name types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("id"), &id)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("name"), &name)...)
	if req.Plan.Raw.IsNull() {
		r.refuseSourceDeleteInUse(ctx, id.ValueString(), name.ValueString(), "This plan destroys", &resp.Diagnostics)
		return
	}
	warnMissingSecrets(ctx, req, resp)
	var changed []string
	for _, name := range replacingAttributes {
		var planned, prior attr.Value
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if planned != nil && !planned.IsUnknown() && !planned.Equal(prior) {
			changed = append(changed, name)
		}
	}
	if len(changed) == 0 {
		return
	}
	resp.Diagnostics.AddWarning("Replacing a SailPoint source deletes its accounts",
		fmt.Sprintf("Changing %s forces the replacement of source %q. ISC deletes the source together with every account aggregated from it, "+
			"and identities lose those accounts until the new source is aggregated. If that is not intended, revert the change.",
			strings.Join(changed, ", "), name.ValueString()))
	r.refuseSourceDeleteInUse(ctx, id.ValueString(), name.ValueString(),
		fmt.Sprintf("Changing %s replaces, and so deletes,", strings.Join(changed, ", ")), &resp.Diagnostics)
}

// warnMissingSecrets names the secret connector attributes ISC holds for the source that the
// configuration sets nowhere, as after an import: ISC returns secrets only as cipher text, so
// neither the state nor generated configuration can hold them.
func warnMissingSecrets(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	held, diags := req.Private.GetKey(ctx, privateSecretAttributes)
	resp.Diagnostics.Append(diags...)
	var names []string
	if len(held) == 0 || json.Unmarshal(held, &names) != nil {
		return
	}
	var cfg sourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || !cfg.ConnectorAttributesWO.IsNull() || cfg.ConnectorAttributes.IsUnknown() {
		return
	}
	plain, _ := jsonObject(cfg.ConnectorAttributes)
	var missing []string
	for _, k := range names {
		if _, ok := plain[k]; !ok {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("connector_attributes_wo"), "Secret connector attributes are not in the configuration",
		fmt.Sprintf("ISC holds secret connector attributes of source %q that this configuration does not set: %s. ISC keeps them as they are, "+
			"but returns secrets only as cipher text, so an import cannot bring them into the configuration. To manage them with Terraform, "+
			"set them in connector_attributes_wo, such as connector_attributes_wo = jsonencode({ %q = var.secret }), together with "+
			"connector_attributes_wo_version = 1: the next apply sends them to ISC.",
			cfg.Name.ValueString(), strings.Join(missing, ", "), missing[0]))
}

// secretAttributeNames are the names of the secret connector attributes that have a value, sorted.
func secretAttributeNames(attrs map[string]any) []byte {
	var names []string
	for _, k := range sortedKeys(attrs) {
		if v := attrs[k]; client.IsSecretKey(k) && v != nil && v != "" {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return nil
	}
	b, _ := json.Marshal(names)
	return b
}

func (r *sourceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, cfg sourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, names, diags := withWriteOnlyNames(ctx, nil, &cfg)
	resp.Diagnostics.Append(diags...)
	src, diags := plan.toClient(ctx, cfg, true)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.CreateSource(ctx, src, plan.ProvisionAsCsv.ValueBool())
	if err != nil {
		addCreateError(&resp.Diagnostics, "sailpoint_source", "source", err)
		return
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateWriteOnlyAttributes, names)...)
	state := plan
	resp.Diagnostics.Append(state.fromClient(ctx, created, plan, true, false)...)
	if !plan.PasswordPolicyIDs.IsUnknown() && len(plan.PasswordPolicyIDs.Elements()) > 0 {
		// Record the new source before the next step, so a failure there leaves it in state
		// (tainted) instead of unmanaged in ISC.
		resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
		if err := r.setPasswordPolicies(ctx, &state, plan); err != nil {
			addAPIError(&resp.Diagnostics, "setting the password policies of", "source "+created.ID, err)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sourceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state sourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, _, diags := withWriteOnlyNames(ctx, req.Private, nil)
	resp.Diagnostics.Append(diags...)
	// Set by ImportState: this is the first read after an import.
	readAll, diags := req.Private.GetKey(ctx, privateReadAllAttributes)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	src, err := r.client.GetSource(ctx, state.ID.ValueString())
	if errors.Is(err, client.ErrNotFound) {
		if len(readAll) > 0 && r.explainImportMiss(ctx, importMiss{resource: "sailpoint_source", thing: "source", id: state.ID.ValueString()}, &resp.Diagnostics) {
			return
		}
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", "source", err)
		return
	}
	resp.Diagnostics.Append(state.fromClient(ctx, src, state, false, len(readAll) > 0)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	if len(readAll) > 0 {
		resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReadAllAttributes, nil)...)
	}
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSecretAttributes, secretAttributeNames(src.ConnectorAttributes))...)
}

func (r *sourceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior, cfg sourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := prior.ID.ValueString()
	ctx, names, diags := withWriteOnlyNames(ctx, req.Private, &cfg)
	resp.Diagnostics.Append(diags...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateWriteOnlyAttributes, names)...)
	// Secret values are sent again only when their version changes.
	resend := !plan.ConnectorAttributesWOVersion.Equal(prior.ConnectorAttributesWOVersion)
	from, diags := prior.toClient(ctx, sourceModel{}, false)
	resp.Diagnostics.Append(diags...)
	to, diags := plan.toClient(ctx, cfg, resend)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.Features.IsUnknown() {
		to.Features = from.Features
	}
	patch, err := client.SourcePatch(from, to)
	if err != nil {
		addAPIError(&resp.Diagnostics, "preparing the update of", "source "+id, err)
		return
	}

	state := plan
	if len(patch) > 0 {
		updated, err := r.client.PatchSource(ctx, id, patch)
		if err != nil {
			addAPIError(&resp.Diagnostics, "updating", "source "+id, err)
			return
		}
		resp.Diagnostics.Append(state.fromClient(ctx, updated, plan, true, false)...)
	} else {
		// Nothing of the source itself changed: its server-side values are those already known.
		state.copyServerValues(prior)
	}
	if !plan.PasswordPolicyIDs.IsUnknown() && !plan.PasswordPolicyIDs.Equal(prior.PasswordPolicyIDs) {
		if err := r.setPasswordPolicies(ctx, &state, plan); err != nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
			addAPIError(&resp.Diagnostics, "setting the password policies of", "source "+id, err)
			return
		}
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sourceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state sourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, _, diags := withWriteOnlyNames(ctx, req.Private, nil)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := state.ID.ValueString()
	deleteAsync(ctx, &resp.Diagnostics, state.Timeouts, defaultSourceDeleteTimeout, "source "+id,
		func(ctx context.Context) (*client.TaskRef, error) { return r.client.DeleteSource(ctx, id) },
		func(ctx context.Context, taskID string) error { return r.client.WaitForSourceDeleted(ctx, id, taskID) })
}

func (r *sourceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts, err := parseImportID(req.ID, "SOURCE_ID")
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for sailpoint_source", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[0])...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateReadAllAttributes, []byte(`true`))...)
}

// setPasswordPolicies sets the planned password policies of the source in state through their
// own endpoint, then reads the source back, since the change also moves its modification time.
func (r *sourceResource) setPasswordPolicies(ctx context.Context, state *sourceModel, plan sourceModel) error {
	id := state.ID.ValueString()
	var holders []client.PasswordPolicyHolder
	for _, v := range plan.PasswordPolicyIDs.Elements() {
		if s, ok := v.(types.String); ok {
			holders = append(holders, client.PasswordPolicyHolder{PolicyID: s.ValueString()})
		}
	}
	if _, err := r.client.SetPasswordPolicies(ctx, id, holders); err != nil {
		return err
	}
	src, err := r.client.GetSource(ctx, id)
	if err != nil {
		return err
	}
	if d := state.fromClient(ctx, src, plan, true, false); d.HasError() {
		return fmt.Errorf("reading the source back: %v", d)
	}
	return nil
}

// toClient builds the ISC source from the model. cfg carries the write-only secrets, merged in
// when withSecrets is set.
func (m *sourceModel) toClient(ctx context.Context, cfg sourceModel, withSecrets bool) (*client.Source, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := &client.Source{
		Name:                     m.Name.ValueString(),
		Description:              m.Description.ValueString(),
		Connector:                m.Connector.ValueString(),
		ConnectorClass:           m.ConnectorClass.ValueString(),
		Type:                     m.Type.ValueString(),
		Owner:                    m.Owner.toClient(client.RefIdentity),
		Cluster:                  m.Cluster.toClient(client.RefCluster),
		ManagementWorkgroup:      m.ManagementWorkgroup.toClient(client.RefGovernanceGroup),
		AccountCorrelationConfig: m.AccountCorrelationConfig.toClient(client.RefAccountCorrelationConfig),
		AccountCorrelationRule:   m.AccountCorrelationRule.toClient(client.RefRule),
		ManagerCorrelationRule:   m.ManagerCorrelationRule.toClient(client.RefRule),
		BeforeProvisioningRule:   m.BeforeProvisioningRule.toClient(client.RefRule),
	}
	if !m.DeleteThreshold.IsNull() && !m.DeleteThreshold.IsUnknown() {
		v := m.DeleteThreshold.ValueInt64()
		s.DeleteThreshold = &v
	}
	if m.ManagerCorrelationMapping != nil {
		s.ManagerCorrelationMapping = &client.ManagerCorrelationMapping{
			AccountAttributeName:  m.ManagerCorrelationMapping.AccountAttributeName.ValueString(),
			IdentityAttributeName: m.ManagerCorrelationMapping.IdentityAttributeName.ValueString(),
		}
	}
	if !m.Features.IsNull() && !m.Features.IsUnknown() {
		diags.Append(m.Features.ElementsAs(ctx, &s.Features, false)...)
		sort.Strings(s.Features)
	}
	attrs := jsonObjectAt(m.ConnectorAttributes, path.Root("connector_attributes"), &diags)
	if withSecrets {
		secrets := jsonObjectAt(cfg.ConnectorAttributesWO, path.Root("connector_attributes_wo"), &diags)
		for k, v := range secrets {
			if attrs == nil {
				attrs = map[string]any{}
			}
			attrs[k] = v
		}
	}
	s.ConnectorAttributes = attrs
	return s, diags
}

// fromClient sets the model from ISC's source. prior (the plan after an apply, the state on a
// read) supplies what ISC does not return: which connector attributes are managed, secret
// values, and whether provision_as_csv was set. After an apply, reference names the plan set
// are kept; a read takes ISC's. readAll takes every connector attribute, after an import.
func (m *sourceModel) fromClient(ctx context.Context, s *client.Source, prior sourceModel, applied, readAll bool) diag.Diagnostics {
	var diags diag.Diagnostics
	plannedRef := func(r *refModel) *refModel {
		if applied {
			return r
		}
		return nil
	}
	m.ID = types.StringValue(s.ID)
	m.Name = types.StringValue(s.Name)
	if s.Description != "" || !prior.Description.IsNull() {
		m.Description = types.StringValue(s.Description)
	}
	m.Connector = types.StringValue(s.Connector)
	m.ConnectorClass = stringOrNull(s.ConnectorClass)
	m.Type = stringOrNull(s.Type)
	if prior.ProvisionAsCsv.IsNull() || prior.ProvisionAsCsv.IsUnknown() {
		m.ProvisionAsCsv = types.BoolValue(s.Type == "DelimitedFile")
	}
	if s.DeleteThreshold != nil {
		m.DeleteThreshold = types.Int64Value(*s.DeleteThreshold)
	} else {
		m.DeleteThreshold = types.Int64Null()
	}
	m.Owner = refFromClient(s.Owner, plannedRef(prior.Owner))
	m.Cluster = refFromClient(s.Cluster, plannedRef(prior.Cluster))
	m.ManagementWorkgroup = refFromClient(s.ManagementWorkgroup, plannedRef(prior.ManagementWorkgroup))
	m.AccountCorrelationConfig = refFromClient(s.AccountCorrelationConfig, plannedRef(prior.AccountCorrelationConfig))
	m.AccountCorrelationRule = refFromClient(s.AccountCorrelationRule, plannedRef(prior.AccountCorrelationRule))
	m.ManagerCorrelationRule = refFromClient(s.ManagerCorrelationRule, plannedRef(prior.ManagerCorrelationRule))
	m.BeforeProvisioningRule = refFromClient(s.BeforeProvisioningRule, plannedRef(prior.BeforeProvisioningRule))
	m.ManagerCorrelationMapping = nil
	if mm := s.ManagerCorrelationMapping; mm != nil && (mm.AccountAttributeName != "" || mm.IdentityAttributeName != "") {
		m.ManagerCorrelationMapping = &mappingModel{
			AccountAttributeName:  types.StringValue(mm.AccountAttributeName),
			IdentityAttributeName: types.StringValue(mm.IdentityAttributeName),
		}
	}
	features := s.Features
	if features == nil {
		features = []string{}
	}
	var d diag.Diagnostics
	m.Features, d = types.SetValueFrom(ctx, types.StringType, features)
	diags.Append(d...)

	policyIDs := make([]string, 0, len(s.PasswordPolicies))
	for _, p := range s.PasswordPolicies {
		policyIDs = append(policyIDs, p.ID)
	}
	m.PasswordPolicyIDs, d = types.SetValueFrom(ctx, types.StringType, policyIDs)
	diags.Append(d...)

	attrs, err := managedAttributes(s.ConnectorAttributes, prior.ConnectorAttributes, readAll)
	if err != nil {
		diags.AddAttributeError(path.Root("connector_attributes"), "Cannot read connector_attributes", err.Error())
	}
	m.ConnectorAttributes = attrs
	m.ConnectorAttributesWO = jsonNull()

	m.Authoritative = types.BoolValue(s.Authoritative)
	m.Healthy = types.BoolValue(s.Healthy)
	m.Status = types.StringValue(s.Status)
	m.ConnectorName = types.StringValue(s.ConnectorName)
	schemas := make([]schemaRefModel, 0, len(s.Schemas))
	for _, sc := range s.Schemas {
		schemas = append(schemas, schemaRefModel{ID: types.StringValue(sc.ID), Name: types.StringValue(sc.Name)})
	}
	m.Schemas, d = types.ListValueFrom(ctx, schemaRefType, schemas)
	diags.Append(d...)
	m.Created = types.StringValue(s.Created)
	m.Modified = types.StringValue(s.Modified)
	return diags
}

// copyServerValues takes the values only ISC sets from prior.
func (m *sourceModel) copyServerValues(prior sourceModel) {
	m.ID, m.Authoritative, m.Healthy, m.Status = prior.ID, prior.Authoritative, prior.Healthy, prior.Status
	m.ConnectorName, m.Schemas, m.Created, m.Modified = prior.ConnectorName, prior.Schemas, prior.Created, prior.Modified
	m.Features, m.ConnectorClass, m.Type = prior.Features, prior.ConnectorClass, prior.Type
	if m.ConnectorAttributes.IsUnknown() {
		m.ConnectorAttributes = prior.ConnectorAttributes
	}
	if m.PasswordPolicyIDs.IsUnknown() {
		m.PasswordPolicyIDs = prior.PasswordPolicyIDs
	}
}

// managedAttributes picks the connector attributes to keep in state: the keys prior manages
// (or all of them after an import), with ISC's values, except that secret values, which ISC
// returns as cipher text, keep the configured value.
func managedAttributes(server map[string]any, prior jsonValue, all bool) (jsonValue, error) {
	if all {
		out := map[string]any{}
		for k, v := range server {
			if !client.IsSecretKey(k) {
				out[k] = v
			}
		}
		if len(out) == 0 {
			return jsonNull(), nil
		}
		return normalizedJSON(out)
	}
	if prior.IsUnknown() {
		return jsonNull(), nil
	}
	managed, err := jsonObject(prior)
	if err != nil || managed == nil {
		return prior, err
	}
	out := make(map[string]any, len(managed))
	for k, v := range managed {
		sv, ok := server[k]
		switch {
		case !ok:
			// Gone from ISC: leaving it out shows the drift.
		case client.IsSecretKey(k):
			out[k] = v
		default:
			out[k] = sv
		}
	}
	return normalizedJSON(out)
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
