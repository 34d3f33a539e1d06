package provider

import (
	"context"
	"fmt"
	"iter"
	"math"
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
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var _ resource.ResourceWithValidateConfig = (*lifecycleStateResource)(nil)

// NewLifecycleStateResource is the factory of sailpoint_lifecycle_state.
func NewLifecycleStateResource() resource.Resource {
	return &lifecycleStateResource{kitResource[lifecycleStateResourceModel, client.ProfileLifecycleState]{kit: &lifecycleStateKit}}
}

type lifecycleStateResource struct {
	kitResource[lifecycleStateResourceModel, client.ProfileLifecycleState]
}

// lifecycleStateResourceModel is the resource: a lifecycle state of the identity profile it names.
type lifecycleStateResourceModel struct {
	IdentityProfileID types.String `tfsdk:"identity_profile_id"`
	lifecycleStateFields
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// lifecycleStateFields are a lifecycle state's own attributes, in the resource and in each
// element of the sailpoint_lifecycle_states data source.
type lifecycleStateFields struct {
	ID                        types.String                    `tfsdk:"id"`
	Name                      types.String                    `tfsdk:"name"`
	TechnicalName             types.String                    `tfsdk:"technical_name"`
	Description               types.String                    `tfsdk:"description"`
	Enabled                   types.Bool                      `tfsdk:"enabled"`
	IdentityState             types.String                    `tfsdk:"identity_state"`
	EmailNotificationOption   *emailNotificationModel         `tfsdk:"email_notification_option"`
	AccountActions            []accountActionModel            `tfsdk:"account_actions"`
	AccessProfileIDs          types.Set                       `tfsdk:"access_profile_ids"`
	AccessActionConfiguration *accessActionConfigurationModel `tfsdk:"access_action_configuration"`
	Priority                  types.Int64                     `tfsdk:"priority"`
	IdentityCount             types.Int64                     `tfsdk:"identity_count"`
	Created                   types.String                    `tfsdk:"created"`
}

type emailNotificationModel struct {
	NotifyManagers      types.Bool `tfsdk:"notify_managers"`
	NotifyAllAdmins     types.Bool `tfsdk:"notify_all_admins"`
	NotifySpecificUsers types.Bool `tfsdk:"notify_specific_users"`
	EmailAddressList    types.Set  `tfsdk:"email_address_list"`
}

type accountActionModel struct {
	Action           types.String `tfsdk:"action"`
	SourceIDs        types.Set    `tfsdk:"source_ids"`
	ExcludeSourceIDs types.Set    `tfsdk:"exclude_source_ids"`
	AllSources       types.Bool   `tfsdk:"all_sources"`
}

type accessActionConfigurationModel struct {
	RemoveAllAccessEnabled types.Bool `tfsdk:"remove_all_access_enabled"`
}

const defaultLifecycleStateDeleteTimeout = 5 * time.Minute

var (
	idSetType = types.SetType{ElemType: types.StringType}
	noIDs     = types.SetValueMust(types.StringType, []attr.Value{})

	accountActionType = types.ObjectType{AttrTypes: map[string]attr.Type{
		"action": types.StringType, "source_ids": idSetType, "exclude_source_ids": idSetType, "all_sources": types.BoolType,
	}}
	// ISC's defaults of a lifecycle state's options: nobody notified, no access removed.
	defaultEmailNotification = types.ObjectValueMust(map[string]attr.Type{
		"notify_managers": types.BoolType, "notify_all_admins": types.BoolType, "notify_specific_users": types.BoolType, "email_address_list": idSetType,
	}, map[string]attr.Value{
		"notify_managers": types.BoolValue(false), "notify_all_admins": types.BoolValue(false),
		"notify_specific_users": types.BoolValue(false), "email_address_list": noIDs,
	})
	defaultAccessAction = types.ObjectValueMust(objectTypeOf[accessActionConfigurationModel]().AttrTypes, map[string]attr.Value{
		"remove_all_access_enabled": types.BoolValue(false),
	})
)

// lifecycleStateKit: lifecycle states are patched (only the members ISC lets a PATCH change; the
// others replace the state) and deleted with a 202, after which the provider waits until they are
// gone.
var lifecycleStateKit = objectKit[lifecycleStateResourceModel, client.ProfileLifecycleState]{
	typeName: "sailpoint_lifecycle_state", noun: "lifecycle state",
	importShape: "IDENTITY_PROFILE_ID/LIFECYCLE_STATE_ID", importAttrs: []string{"identity_profile_id", "id"},
	toClient: func(ctx context.Context, m *lifecycleStateResourceModel) (*client.ProfileLifecycleState, diag.Diagnostics) {
		return m.toClient(ctx)
	},
	fromClient: func(ctx context.Context, l *client.ProfileLifecycleState, m *lifecycleStateResourceModel, applied bool) diag.Diagnostics {
		return m.fromClient(ctx, l, applied)
	},
	keepServerValues: func(m, prior *lifecycleStateResourceModel) {
		m.ID, m.IdentityCount, m.Created = prior.ID, prior.IdentityCount, prior.Created
	},
	describe: func(m *lifecycleStateResourceModel) string {
		return fmt.Sprintf("lifecycle state %s of identity profile %s", m.ID.ValueString(), m.IdentityProfileID.ValueString())
	},
	importMiss: func(m *lifecycleStateResourceModel) importMiss {
		return importMiss{resource: "sailpoint_lifecycle_state", thing: "lifecycle state", id: m.ID.ValueString()}
	},
	createBelow: func(ctx context.Context, c *client.Client, m *lifecycleStateResourceModel, want *client.ProfileLifecycleState) (*client.ProfileLifecycleState, error) {
		return c.CreateLifecycleState(ctx, m.IdentityProfileID.ValueString(), want)
	},
	read: func(ctx context.Context, c *client.Client, m *lifecycleStateResourceModel) (*client.ProfileLifecycleState, error) {
		return c.GetLifecycleState(ctx, m.IdentityProfileID.ValueString(), m.ID.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *lifecycleStateResourceModel, prior, want *client.ProfileLifecycleState) (*client.ProfileLifecycleState, error) {
		p, err := client.LifecycleStatePatch(prior, want)
		if err != nil || len(p) == 0 {
			return nil, err
		}
		return c.PatchLifecycleState(ctx, m.IdentityProfileID.ValueString(), m.ID.ValueString(), p)
	},
	deleteAsync: &asyncDelete[lifecycleStateResourceModel]{
		timeouts: func(m *lifecycleStateResourceModel) timeouts.Value { return m.Timeouts },
		fallback: defaultLifecycleStateDeleteTimeout,
		start: func(ctx context.Context, c *client.Client, m *lifecycleStateResourceModel) (*client.TaskRef, error) {
			return c.DeleteLifecycleState(ctx, m.IdentityProfileID.ValueString(), m.ID.ValueString())
		},
		wait: func(ctx context.Context, c *client.Client, m *lifecycleStateResourceModel, taskID string) error {
			return c.WaitForLifecycleStateDeleted(ctx, m.IdentityProfileID.ValueString(), m.ID.ValueString(), taskID)
		},
	},
	list: &objectList[client.ProfileLifecycleState]{
		filters: map[string]string{"identity_profile_id": "Only the lifecycle states of the identity profile of this ID; those of every profile when unset."},
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.ProfileLifecycleState], error] {
			profiles := c.IdentityProfilePages(ctx, client.ListOptions{})
			if id := f["identity_profile_id"]; id != "" {
				profiles = onlyOne(func() (*client.IdentityProfile, error) { return c.GetIdentityProfile(ctx, id) })
			}
			return below(profiles, func(p *client.IdentityProfile) ([]client.ProfileLifecycleState, error) {
				return c.LifecycleStates(ctx, p.ID)
			},
				func(p *client.IdentityProfile, s *client.ProfileLifecycleState) listed[client.ProfileLifecycleState] {
					return listed[client.ProfileLifecycleState]{key: []string{p.ID, s.ID}, name: p.Name + ": " + s.TechnicalName, obj: s}
				})
		},
	},
}

func (r *lifecycleStateResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	ids := func(description string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: description, ElementType: types.StringType, Optional: true,
			Computed: true, Default: setdefault.StaticValue(types.SetNull(types.StringType)), // unset: none, left out of generated configuration
			Validators: []validator.Set{setvalidator.SizeAtLeast(1), setvalidator.ValueStringsAre(validate.NotBlank())}}
	}
	flag := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description + " Default `false`, as in ISC.", Optional: true, Computed: true,
			Default: booldefault.StaticBool(false)}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A lifecycle state of an identity profile, such as `active` or `leave`: what ISC does to an identity's " +
			"accounts and access when the identity's lifecycle state attribute (typically `cloudLifecycleState`, computed by the " +
			"profile) takes the state's technical name.\n\n" +
			"ISC updates only `enabled`, `description`, `account_actions`, `access_profile_ids`, `email_notification_option`, " +
			"`access_action_configuration` and `priority` in place (with a JSON Patch of what changed); a new `name`, " +
			"`technical_name`, `identity_state` or profile replaces the state. ISC deletes a state in the background; the " +
			"provider waits until it is gone, bounded by `timeouts.delete`. Deleting the identity profile deletes its states.",
		Attributes: map[string]schema.Attribute{
			"identity_profile_id": schema.StringAttribute{
				MarkdownDescription: "ID of the identity profile the state belongs to. Changing it replaces the state.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"id": setByISC("The lifecycle state's ID, assigned by ISC."),
			"name": schema.StringAttribute{
				MarkdownDescription: "The state's display name, such as `Leave of absence`. ISC does not update it in place: changing it replaces the state.",
				Required:            true,
				Validators:          nameValidators(),
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"technical_name": schema.StringAttribute{
				MarkdownDescription: "The state's technical name, unique in the profile, such as `leave`: the value of an identity's " +
					"lifecycle state attribute that puts it in this state. Changing it replaces the state.",
				Required:      true,
				Validators:    nameValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "The state's description.",
				Optional:            true,
				Computed:            true,
				Default:             planmodify.NullString(),
			},
			"enabled": flag("Whether the state is enabled."),
			"identity_state": schema.StringAttribute{
				MarkdownDescription: "The identity state the lifecycle state stands for: " + codeList(client.IdentityStates) + ". ISC " +
					"says it is generally unset; when unset, ISC's value is kept. Changing it replaces the state.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{stringvalidator.OneOf(client.IdentityStates...)},
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"email_notification_option": schema.SingleNestedAttribute{
				MarkdownDescription: "Who ISC e-mails when an identity moves into the state. Unset means nobody, as in ISC.",
				Optional:            true,
				Computed:            true,
				Default:             objectdefault.StaticValue(defaultEmailNotification),
				Attributes: map[string]schema.Attribute{
					"notify_managers":       flag("Whether the identity's manager is told."),
					"notify_all_admins":     flag("Whether every administrator is told."),
					"notify_specific_users": flag("Whether the addresses of `email_address_list` are told."),
					"email_address_list": schema.SetAttribute{
						MarkdownDescription: "The addresses told when `notify_specific_users` is `true`. Default none.",
						ElementType:         types.StringType,
						Optional:            true,
						Computed:            true,
						Default:             setdefault.StaticValue(noIDs),
						Validators:          []validator.Set{setvalidator.ValueStringsAre(validate.NotBlank())},
					},
				},
			},
			"account_actions": schema.ListNestedAttribute{
				MarkdownDescription: "What ISC does to the accounts of an identity in the state, per source. Default none.",
				Optional:            true,
				Computed:            true,
				Default:             listdefault.StaticValue(types.ListValueMust(accountActionType, []attr.Value{})),
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"action": schema.StringAttribute{
						MarkdownDescription: "What to do to the accounts: " + codeList(client.AccountActionTypes) + ".",
						Required:            true,
						Validators:          []validator.String{stringvalidator.OneOf(client.AccountActionTypes...)},
					},
					"source_ids": ids("IDs of the sources whose accounts the action applies to: sources with the `ENABLE` feature, " +
						"or flat-file sources. Set either this or `all_sources = true`."),
					"all_sources": flag("Whether the action applies to the accounts on every source, but those of `exclude_source_ids`."),
					"exclude_source_ids": ids("With `all_sources = true`, IDs of the sources the action leaves alone. It " +
						"cannot be used together with `source_ids`."),
				}},
			},
			"access_profile_ids": schema.SetAttribute{
				MarkdownDescription: "IDs of the access profiles ISC grants to identities in the state (and revokes when they leave it). Default none.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Default:             setdefault.StaticValue(noIDs),
				Validators:          []validator.Set{setvalidator.ValueStringsAre(validate.NotBlank())},
			},
			"access_action_configuration": schema.SingleNestedAttribute{
				MarkdownDescription: "What the state does to an identity's access. Unset means nothing, as in ISC.",
				Optional:            true,
				Computed:            true,
				Default:             objectdefault.StaticValue(defaultAccessAction),
				Attributes: map[string]schema.Attribute{
					"remove_all_access_enabled": flag("Whether ISC marks all of the identity's access for removal."),
				},
			},
			"priority": schema.Int64Attribute{
				MarkdownDescription: "The state's place when ISC lists the profile's states by priority; lower comes first (ISC " +
					"numbers its own states in tens). When unset, ISC's value is kept: ISC cannot set it back to none.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Int64{int64validator.Between(math.MinInt32, math.MaxInt32)},
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"identity_count": schema.Int64Attribute{
				MarkdownDescription: "How many identities are in the state, set by ISC, as of the last refresh.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
			"created": setByISC("When the state was created."),
		},
		Blocks: map[string]schema.Block{
			"timeouts": timeouts.Block(ctx, timeouts.Opts{Delete: true}),
		},
	}
}

// ValidateConfig checks each account action as ISC does: source_ids or all_sources, and
// exclude_source_ids only without source_ids.
func (r *lifecycleStateResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var list types.List
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("account_actions"), &list)...)
	if resp.Diagnostics.HasError() || list.IsUnknown() {
		return
	}
	var actions []accountActionModel
	resp.Diagnostics.Append(list.ElementsAs(ctx, &actions, false)...)
	if resp.Diagnostics.HasError() {
		return
	}
	for i, a := range actions {
		at := path.Root("account_actions").AtListIndex(i)
		if a.SourceIDs.IsUnknown() || a.AllSources.IsUnknown() {
			continue
		}
		switch all := a.AllSources.ValueBool(); {
		case all && !a.SourceIDs.IsNull():
			resp.Diagnostics.AddAttributeError(at.AtName("source_ids"), "Conflicting account action sources",
				fmt.Sprintf("%s is set, and so is all_sources = true: an action applies to some sources or to all of them. "+
					"Remove source_ids, or set all_sources = false (to leave some sources out of all, use exclude_source_ids).", at.AtName("source_ids")))
		case !all && a.SourceIDs.IsNull():
			resp.Diagnostics.AddAttributeError(at.AtName("source_ids"), "Missing account action sources",
				fmt.Sprintf("%s needs the sources it applies to: set source_ids, or all_sources = true.", at))
		case !a.SourceIDs.IsNull() && !a.ExcludeSourceIDs.IsNull() && !a.ExcludeSourceIDs.IsUnknown():
			resp.Diagnostics.AddAttributeError(at.AtName("exclude_source_ids"), "Conflicting account action sources",
				fmt.Sprintf("%s is set, and so is source_ids: ISC excludes sources only from all_sources = true. Remove exclude_source_ids.",
					at.AtName("exclude_source_ids")))
		}
	}
}

func (m *lifecycleStateResourceModel) toClient(ctx context.Context) (*client.ProfileLifecycleState, diag.Diagnostics) {
	var diags diag.Diagnostics
	l := &client.ProfileLifecycleState{
		ID: m.ID.ValueString(), Name: m.Name.ValueString(), TechnicalName: m.TechnicalName.ValueString(), Enabled: m.Enabled.ValueBool(),
		AccessProfileIDs: setStrings(ctx, m.AccessProfileIDs, &diags), AccountActions: []client.AccountAction{},
	}
	if !m.Description.IsNull() && !m.Description.IsUnknown() {
		d := m.Description.ValueString()
		l.Description = &d
	}
	if !m.IdentityState.IsNull() && !m.IdentityState.IsUnknown() {
		s := m.IdentityState.ValueString()
		l.IdentityState = &s
	}
	if !m.Priority.IsNull() && !m.Priority.IsUnknown() {
		p := m.Priority.ValueInt64()
		l.Priority = &p
	}
	if e := m.EmailNotificationOption; e != nil {
		l.EmailNotificationOption = &client.EmailNotificationOption{NotifyManagers: e.NotifyManagers.ValueBool(),
			NotifyAllAdmins: e.NotifyAllAdmins.ValueBool(), NotifySpecificUsers: e.NotifySpecificUsers.ValueBool(),
			EmailAddressList: setStrings(ctx, e.EmailAddressList, &diags)}
	}
	if a := m.AccessActionConfiguration; a != nil {
		l.AccessActionConfiguration = &client.AccessActionConfiguration{RemoveAllAccessEnabled: a.RemoveAllAccessEnabled.ValueBool()}
	}
	for _, a := range m.AccountActions {
		l.AccountActions = append(l.AccountActions, client.AccountAction{Action: a.Action.ValueString(), AllSources: a.AllSources.ValueBool(),
			SourceIDs: setStrings(ctx, a.SourceIDs, &diags), ExcludeSourceIDs: setStrings(ctx, a.ExcludeSourceIDs, &diags)})
	}
	return l, diags
}

// fromClient sets the fields from ISC's state. What the fields hold already (the plan after an
// apply, or the prior state) tells apart what ISC does not: an unset description from an empty
// one, unset account action sources from none.
func (f *lifecycleStateFields) fromClient(ctx context.Context, l *client.ProfileLifecycleState, applied bool) diag.Diagnostics {
	var diags diag.Diagnostics
	f.ID, f.Name, f.TechnicalName = types.StringValue(l.ID), types.StringValue(l.Name), types.StringValue(l.TechnicalName)
	if l.Description != nil && (*l.Description != "" || !f.Description.IsNull()) {
		f.Description = types.StringValue(*l.Description)
	} else {
		f.Description = types.StringNull()
	}
	f.Enabled = types.BoolValue(l.Enabled)
	f.IdentityState = types.StringNull()
	if l.IdentityState != nil {
		f.IdentityState = types.StringValue(*l.IdentityState)
	}
	e := l.EmailNotificationOption
	if e == nil {
		e = &client.EmailNotificationOption{}
	}
	f.EmailNotificationOption = &emailNotificationModel{NotifyManagers: types.BoolValue(e.NotifyManagers),
		NotifyAllAdmins: types.BoolValue(e.NotifyAllAdmins), NotifySpecificUsers: types.BoolValue(e.NotifySpecificUsers),
		EmailAddressList: stringSet(ctx, e.EmailAddressList, &diags)}
	prior := f.AccountActions
	f.AccountActions = make([]accountActionModel, len(l.AccountActions))
	for i, a := range l.AccountActions {
		var was accountActionModel
		if i < len(prior) {
			was = prior[i]
		}
		f.AccountActions[i] = accountActionModel{Action: types.StringValue(a.Action), AllSources: types.BoolValue(a.AllSources),
			SourceIDs: optionalSet(ctx, a.SourceIDs, was.SourceIDs, &diags), ExcludeSourceIDs: optionalSet(ctx, a.ExcludeSourceIDs, was.ExcludeSourceIDs, &diags)}
	}
	f.AccessProfileIDs = stringSet(ctx, l.AccessProfileIDs, &diags)
	removeAll := l.AccessActionConfiguration != nil && l.AccessActionConfiguration.RemoveAllAccessEnabled
	f.AccessActionConfiguration = &accessActionConfigurationModel{RemoveAllAccessEnabled: types.BoolValue(removeAll)}
	f.Priority = types.Int64Null()
	if l.Priority != nil {
		f.Priority = types.Int64Value(*l.Priority)
	}
	f.IdentityCount = serverValue(types.Int64Value(int64(l.IdentityCount)), f.IdentityCount, applied)
	f.Created = types.StringValue(l.Created)
	return diags
}

// stringSet is a set of strings; none is the empty set.
func stringSet(ctx context.Context, values []string, diags *diag.Diagnostics) types.Set {
	if values == nil {
		values = []string{}
	}
	s, d := types.SetValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return s
}

// optionalSet is stringSet, but none is null unless prior is the empty set: ISC does not tell
// an unset list from an empty one.
func optionalSet(ctx context.Context, values []string, prior types.Set, diags *diag.Diagnostics) types.Set {
	if len(values) == 0 && (prior.IsNull() || prior.IsUnknown() || len(prior.Elements()) > 0) {
		return types.SetNull(types.StringType)
	}
	return stringSet(ctx, values, diags)
}

// setStrings are the strings of a set; null and unknown give nil.
func setStrings(ctx context.Context, s types.Set, diags *diag.Diagnostics) []string {
	if s.IsNull() || s.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(s.ElementsAs(ctx, &out, false)...)
	return out
}
