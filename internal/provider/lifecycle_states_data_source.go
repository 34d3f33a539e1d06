package provider

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// NewLifecycleStatesDataSource is the factory of the sailpoint_lifecycle_states data source.
func NewLifecycleStatesDataSource() datasource.DataSource { return &lifecycleStatesDataSource{} }

type lifecycleStatesDataSource struct {
	dataSourceClientHolder
}

type lifecycleStatesModel struct {
	IdentityProfileID types.String           `tfsdk:"identity_profile_id"`
	LifecycleStates   []lifecycleStateFields `tfsdk:"lifecycle_states"`
}

func (d *lifecycleStatesDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = "sailpoint_lifecycle_states"
}

func (d *lifecycleStatesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	flag := func(description string) schema.BoolAttribute {
		return schema.BoolAttribute{MarkdownDescription: description, Computed: true}
	}
	ids := func(description string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: description, ElementType: types.StringType, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the lifecycle states of one identity profile of SailPoint Identity Security Cloud (ISC), with " +
			"the attributes of `sailpoint_lifecycle_state`, so that a configuration can find a state by its technical name " +
			"(`{ for s in data.sailpoint_lifecycle_states.x.lifecycle_states : s.technical_name => s }`). The profile's list " +
			"is read once per run.",
		Attributes: map[string]schema.Attribute{
			"identity_profile_id": schema.StringAttribute{
				MarkdownDescription: "ID of the identity profile.",
				Required:            true,
				Validators:          []validator.String{validate.NotBlank()},
			},
			"lifecycle_states": schema.ListNestedAttribute{
				MarkdownDescription: "The profile's lifecycle states, by `priority` (those without one last), then by technical name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":             str("The state's ID."),
					"name":           str("The state's display name."),
					"technical_name": str("The state's technical name, unique in the profile."),
					"description":    str("The state's description."),
					"enabled":        flag("Whether the state is enabled."),
					"identity_state": str("The identity state the lifecycle state stands for, if any."),
					"email_notification_option": schema.SingleNestedAttribute{
						MarkdownDescription: "Who ISC e-mails when an identity moves into the state.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"notify_managers":       flag("Whether the identity's manager is told."),
							"notify_all_admins":     flag("Whether every administrator is told."),
							"notify_specific_users": flag("Whether the addresses of `email_address_list` are told."),
							"email_address_list":    ids("The addresses told."),
						},
					},
					"account_actions": schema.ListNestedAttribute{
						MarkdownDescription: "What ISC does to the accounts of an identity in the state.",
						Computed:            true,
						NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
							"action":             str("`ENABLE`, `DISABLE` or `DELETE`."),
							"source_ids":         ids("The sources the action applies to."),
							"all_sources":        flag("Whether it applies to every source."),
							"exclude_source_ids": ids("The sources an action on all sources leaves alone."),
						}},
					},
					"access_profile_ids": ids("The access profiles granted to identities in the state."),
					"access_action_configuration": schema.SingleNestedAttribute{
						MarkdownDescription: "What the state does to an identity's access.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"remove_all_access_enabled": flag("Whether ISC marks all of the identity's access for removal."),
						},
					},
					"priority":       schema.Int64Attribute{MarkdownDescription: "The state's place in the list by priority.", Computed: true},
					"identity_count": schema.Int64Attribute{MarkdownDescription: "How many identities are in the state.", Computed: true},
					"created":        str("When the state was created."),
				}},
			},
		},
	}
}

func (d *lifecycleStatesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg lifecycleStatesModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	profileID := cfg.IdentityProfileID.ValueString()
	states, err := d.client.LifecycleStates(ctx, profileID)
	switch {
	case errors.Is(err, client.ErrNotFound):
		resp.Diagnostics.AddAttributeError(path.Root("identity_profile_id"), "SailPoint identity profile not found",
			fmt.Sprintf("There is no identity profile with id %q in ISC, so it has no lifecycle states. Check the ID, or look the "+
				"profile up by name.", profileID))
		return
	case err != nil:
		addAPIError(&resp.Diagnostics, "reading the lifecycle states of", "identity profile "+profileID, err)
		return
	}
	// ISC's list has no stated order; the priority is the one ISC offers to list them by.
	slices.SortStableFunc(states, func(a, b client.ProfileLifecycleState) int {
		switch {
		case a.Priority == nil && b.Priority != nil:
			return 1
		case a.Priority != nil && b.Priority == nil:
			return -1
		case a.Priority != nil && *a.Priority != *b.Priority:
			return cmp.Compare(*a.Priority, *b.Priority)
		}
		return strings.Compare(a.TechnicalName, b.TechnicalName)
	})
	cfg.LifecycleStates = make([]lifecycleStateFields, len(states))
	for i := range states {
		resp.Diagnostics.Append(cfg.LifecycleStates[i].fromClient(ctx, &states[i], false)...)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &cfg)...)
}
