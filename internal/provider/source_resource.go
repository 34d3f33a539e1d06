package provider

import (
	"context"
	"errors"
	"fmt"
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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// sailpoint_source keeps CRUD of its own instead of the objectKit (kit.go), whose steps see only
// the plan, the prior state and ISC's object. The source needs more of each request:
//   - the configuration, on create and update: connector_attributes_wo is write-only, so the
//     plan holds it as null, and the version in plan and state decides whether it is sent again;
//   - private state in every method: the names of write-only attributes, which every call, the
//     delete wait included, redacts from its logs (read before each call, written on create and
//     update); the names of the secrets ISC holds (written by Read for ModifyPlan); and the
//     import flag, for which the first read takes every connector attribute;
//   - the model at the create call, for provision_as_csv, which ISC's source does not carry;
//   - a password-policy step after the create and the patch, whose failure on create leaves the
//     new source in the state (tainted), where a failed create of the kit records nothing.
// Hooks for these would reach into every step of the kit for one resource. The source shares the
// kit's pieces instead: markImported and justImported, explainImportMiss, addCreateError and
// deleteAsync.

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

// iscFilled: ISC derives type and connector_class from connector (type also from
// provision_as_csv) and sets features from the connector, so generated configuration leaves them
// out; provision_as_csv stays, as the choice that makes ISC derive a delimited-file type.
func (r *sourceResource) iscFilled() path.Expressions {
	return path.Expressions{path.MatchRoot("type"), path.MatchRoot("connector_class"), path.MatchRoot("features")}
}

// replacingAttributes are the source attributes ISC cannot change in place.
var replacingAttributes = []string{"connector", "connector_class", "type", "provision_as_csv"}

const defaultSourceDeleteTimeout = 20 * time.Minute

func (r *sourceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_source"
}

func (r *sourceResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplaceIfConfigured(), stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A source: a connection from ISC to a system whose accounts it aggregates and provisions. " +
			"Replacing a source deletes every account aggregated from it, so the plan warns whenever a change forces replacement.\n\n" +
			"**Import and secrets.** ISC never returns secret connector attributes, only cipher text, so an imported source " +
			"(and configuration generated from it) has no secrets. ISC keeps them, and the plan warns about each one the " +
			"configuration does not mention. To manage them with Terraform, add them to `connector_attributes_wo` with a " +
			"`connector_attributes_wo_version`; to leave them to ISC, name them in `connector_secrets_unmanaged`. " +
			"The guide [Bring an existing tenant under Terraform](../guides/import-existing-tenant.md) " +
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
			"id": setByISC("Source ID, set by ISC."),
			"name": schema.StringAttribute{
				MarkdownDescription: "Source name, unique in the tenant. It must not be blank.",
				Required:            true,
				Validators:          nameValidators(),
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Source description.",
				Optional:            true,
				Computed:            true,
				Default:             planmodify.NullString(),
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
				Computed:            true,
				Default:             objectdefault.StaticValue(types.ObjectNull(objectTypeOf[mappingModel]().AttrTypes)),
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
				Validators:    []validator.String{validate.JSONObject()},
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
				Validators: []validator.String{validate.JSONObject()},
			},
			"connector_attributes_wo_version": schema.Int64Attribute{
				MarkdownDescription: "Change this number to send `connector_attributes_wo` again, for example after rotating a password.",
				Optional:            true,
				Computed:            true,
				Default:             planmodify.NullInt64(),
			},
			"connector_secrets_unmanaged": schema.SetAttribute{
				MarkdownDescription: "Names of secret connector attributes that ISC keeps and this configuration does not manage, " +
					"such as `[\"password\"]`: the plan stops warning that they are not in the configuration (after an import, " +
					"for example). The warning stays for every other secret ISC holds. Each must be the name of a secret, as the " +
					"warning names them, set neither in `connector_attributes` nor in `connector_attributes_wo`. " +
					"Only Terraform reads it: nothing is sent to ISC.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true, // only for the null default: see planmodify.NullString
				Default:     setdefault.StaticValue(types.SetNull(types.StringType)),
			},
			// ISC maintains authoritative, healthy, status and schemas on its own: an update of the source
			// does not change them, so a plan keeps the state's values, and the apply records them as
			// planned even when another resource of the apply (a profile deleted first, a new schema)
			// has changed them meanwhile; the next refresh reads ISC's (see serverValue).
			"authoritative": schema.BoolAttribute{
				MarkdownDescription: "Whether an identity profile (`sailpoint_identity_profile`) uses the source as its authoritative source; " +
					"set by ISC, as of the last refresh: a profile created or deleted in the same apply shows at the next one.",
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"healthy": schema.BoolAttribute{
				MarkdownDescription: "Whether ISC's last health check of the source passed, as of the last refresh.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"status":         setByISC("Health status, such as `SOURCE_STATE_HEALTHY`, as of the last refresh."),
			"connector_name": setByISC("Display name of the connector."),
			"schemas": schema.ListNestedAttribute{
				MarkdownDescription: "Schemas of the source (ISC creates the `account` schema with the source), as of the last refresh.",
				Computed:            true,
				PlanModifiers:       []planmodifier.List{listplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":   schema.StringAttribute{MarkdownDescription: "Schema ID.", Computed: true},
					"name": schema.StringAttribute{MarkdownDescription: "Schema name.", Computed: true},
				}},
			},
			"created": setByISC("When the source was created."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Delete: true}),
		},
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

func (r *sourceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer sourceIdentity.record(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
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
		r.setPasswordPolicies(ctx, &resp.State, &resp.Diagnostics, &state, plan)
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sourceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// The prior state's identity first: a Terraform without identities (< 1.12) sends none, and the
	// framework wants one even when the read removes the resource.
	sourceIdentity.record(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	defer sourceIdentity.record(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var state sourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	ctx, _, diags := withWriteOnlyNames(ctx, req.Private, nil)
	resp.Diagnostics.Append(diags...)
	// The first read after an import takes every connector attribute, since there is no
	// configuration yet to say which keys are managed.
	imported := justImported(ctx, req, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	src, err := r.client.GetSource(ctx, state.ID.ValueString())
	if errors.Is(err, client.ErrNotFound) {
		if imported && r.explainImportMiss(ctx, importMiss{resource: "sailpoint_source", thing: "source", id: state.ID.ValueString()}, &resp.Diagnostics) {
			return
		}
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", "source", err)
		return
	}
	resp.Diagnostics.Append(state.fromClient(ctx, src, state, false, imported)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateSecretAttributes, secretAttributeNames(src.ConnectorAttributes))...)
}

func (r *sourceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer sourceIdentity.record(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
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
		r.setPasswordPolicies(ctx, &resp.State, &resp.Diagnostics, &state, plan)
		return
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

// sourceIdentity is a source's resource identity: its id.
var sourceIdentity = objectIdentity{typeName: "sailpoint_source", shape: "SOURCE_ID", attrs: []string{"id"}}

func (r *sourceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	sourceIdentity.identitySchema(resp)
}

func (r *sourceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := sourceIdentity.importID(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	parts, err := parseImportID(id, sourceIdentity.shape)
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for sailpoint_source", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), parts[0])...)
	sourceIdentity.setImported(ctx, parts, resp.Identity, &resp.Diagnostics)
	markImported(ctx, resp)
}

// setPasswordPolicies sets the planned password policies of the source in state through their
// own endpoint, then reads the source back, since the change also moves its modification time.
// The source is recorded first, so that a failure leaves it in the state as it was before the
// step: a new source tainted instead of unmanaged in ISC, an update with the patch recorded.
func (r *sourceResource) setPasswordPolicies(ctx context.Context, st *tfsdk.State, diags *diag.Diagnostics, state *sourceModel, plan sourceModel) {
	diags.Append(st.Set(ctx, state)...)
	id := state.ID.ValueString()
	var holders []client.PasswordPolicyHolder
	for _, v := range plan.PasswordPolicyIDs.Elements() {
		if s, ok := v.(types.String); ok {
			holders = append(holders, client.PasswordPolicyHolder{PolicyID: s.ValueString()})
		}
	}
	_, err := r.client.SetPasswordPolicies(ctx, id, holders)
	var src *client.Source
	if err == nil {
		src, err = r.client.GetSource(ctx, id)
	}
	if err != nil {
		addAPIError(diags, "setting the password policies of", "source "+id, err)
		return
	}
	diags.Append(state.fromClient(ctx, src, plan, true, false)...)
	diags.Append(st.Set(ctx, state)...)
}
