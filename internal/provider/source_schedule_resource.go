package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz"
)

var (
	_ resource.ResourceWithConfigure   = (*sourceScheduleResource)(nil)
	_ resource.ResourceWithImportState = (*sourceScheduleResource)(nil)
)

// NewSourceScheduleResource is the factory of sailpoint_source_schedule.
func NewSourceScheduleResource() resource.Resource { return &sourceScheduleResource{} }

type sourceScheduleResource struct {
	clientHolder
}

type sourceScheduleModel struct {
	ID             types.String `tfsdk:"id"`
	SourceID       types.String `tfsdk:"source_id"`
	Type           types.String `tfsdk:"type"`
	CronExpression types.String `tfsdk:"cron_expression"`
}

const scheduleImportShape = "SOURCE_ID/TYPE"

func (r *sourceScheduleResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_source_schedule"
}

func (r *sourceScheduleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An aggregation schedule of a source: when ISC aggregates the source's accounts or groups. " +
			"A source has at most one schedule of each type. If the source already has a schedule of the configured type " +
			"(made in the ISC UI, or by ISC itself), ISC refuses the create and the provider takes that schedule over: its cron expression is changed " +
			"to the configured one instead of failing. Destroying the resource deletes the schedule, so ISC stops aggregating the source on a schedule. " +
			"An import ID whose `SOURCE_ID` is not a source, or whose source has no schedule of that type, fails saying so.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "`SOURCE_ID/TYPE`: ISC gives schedules no ID of their own.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"source_id": schema.StringAttribute{
				MarkdownDescription: "ID of the source. Changing it replaces the schedule.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "What the schedule runs: `ACCOUNT_AGGREGATION` or `GROUP_AGGREGATION`. Changing it replaces the schedule.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.ScheduleTypes...)},
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"cron_expression": schema.StringAttribute{
				MarkdownDescription: "When the schedule runs, as a Quartz cron expression of 6 or 7 fields: " +
					"seconds minutes hours day-of-month month day-of-week [year], with `?` in exactly one of the two day fields. " +
					"Days of the week are `1`-`7` from Sunday, or `SUN`-`SAT`. For example, `0 0 5,13,21 * * ?` runs at 05:00, 13:00 and 21:00 every day, " +
					"and `0 30 2 ? * MON-FRI` at 02:30 on weekdays. Checked at plan time. Changed in place.",
				Required:   true,
				Validators: []validator.String{quartzCronValidator{}},
			},
		},
	}
}

// Create takes over a schedule of the same type the source already has, since ISC refuses a second one.
func (r *sourceScheduleResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan sourceScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sourceID, want := plan.SourceID.ValueString(), plan.toClient()
	got := createOrTakeOver[client.Schedule]{
		typeName: "sailpoint_source_schedule",
		thing:    fmt.Sprintf("%s schedule of source %s", want.Type, sourceID),
		find: func(ctx context.Context) (*client.Schedule, error) {
			return r.client.FindSchedule(ctx, sourceID, want.Type)
		},
		create: func(ctx context.Context) (*client.Schedule, error) {
			return r.client.CreateSchedule(ctx, sourceID, want)
		},
		takeOver: func(ctx context.Context, existing *client.Schedule) (*client.Schedule, error) {
			return r.patch(ctx, sourceID, existing, want)
		},
	}.run(ctx, &resp.Diagnostics)
	if got == nil {
		return
	}
	plan.fromClient(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *sourceScheduleResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state sourceScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sourceID, typ := state.SourceID.ValueString(), state.Type.ValueString()
	imported := justImported(ctx, req, resp)
	// A 404 means the schedule or its whole source is gone: either way the next plan recreates it.
	got, err := r.client.GetSchedule(ctx, sourceID, typ)
	if errors.Is(err, client.ErrNotFound) {
		miss := importMiss{resource: "sailpoint_source_schedule", thing: "source schedule", id: sourceID, child: typ + " schedule"}
		if imported && r.explainImportMiss(ctx, miss, &resp.Diagnostics) {
			return
		}
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", fmt.Sprintf("%s schedule of source %s", typ, sourceID), err)
		return
	}
	state.fromClient(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *sourceScheduleResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior sourceScheduleModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sourceID := prior.SourceID.ValueString()
	got, err := r.patch(ctx, sourceID, prior.toClient(), plan.toClient())
	if err != nil {
		addAPIError(&resp.Diagnostics, "updating", fmt.Sprintf("%s schedule of source %s", prior.Type.ValueString(), sourceID), err)
		return
	}
	plan.fromClient(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// patch brings schedule from to the definition to, sending only what differs; with no
// difference it sends nothing and returns from.
func (r *sourceScheduleResource) patch(ctx context.Context, sourceID string, from, to *client.Schedule) (*client.Schedule, error) {
	p, err := client.SchedulePatch(from, to)
	if err != nil || len(p) == 0 {
		return from, err
	}
	return r.client.PatchSchedule(ctx, sourceID, from.Type, p)
}

func (r *sourceScheduleResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state sourceScheduleModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	sourceID, typ := state.SourceID.ValueString(), state.Type.ValueString()
	addDeleteError(&resp.Diagnostics, fmt.Sprintf("%s schedule of source %s", typ, sourceID), r.client.DeleteSchedule(ctx, sourceID, typ))
}

func (r *sourceScheduleResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts, err := parseImportID(req.ID, scheduleImportShape)
	if err == nil && !slices.Contains(client.ScheduleTypes, parts[1]) {
		err = fmt.Errorf("expected %s, got %q: TYPE must be one of %s", scheduleImportShape, req.ID, strings.Join(client.ScheduleTypes, ", "))
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for sailpoint_source_schedule", err.Error())
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("source_id"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("type"), parts[1])...)
	markImported(ctx, resp)
}

func (m *sourceScheduleModel) toClient() *client.Schedule {
	return &client.Schedule{Type: m.Type.ValueString(), CronExpression: m.CronExpression.ValueString()}
}

// fromClient sets the model from ISC's schedule of the model's source and type. A cron
// expression that differs from the known one only in case or spacing means the same to Quartz,
// and the known one is kept.
func (m *sourceScheduleModel) fromClient(s *client.Schedule) {
	m.ID = types.StringValue(m.SourceID.ValueString() + "/" + m.Type.ValueString())
	if m.CronExpression.IsNull() || m.CronExpression.IsUnknown() || !quartz.Same(m.CronExpression.ValueString(), s.CronExpression) {
		m.CronExpression = types.StringValue(s.CronExpression)
	}
}
