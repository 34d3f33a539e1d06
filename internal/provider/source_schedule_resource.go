package provider

import (
	"context"
	"fmt"
	"iter"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// NewSourceScheduleResource is the factory of sailpoint_source_schedule.
func NewSourceScheduleResource() resource.Resource {
	return &sourceScheduleResource{kitResource[sourceScheduleModel, client.Schedule]{kit: &sourceScheduleKit}}
}

type sourceScheduleResource struct {
	kitResource[sourceScheduleModel, client.Schedule]
}

type sourceScheduleModel struct {
	ID             types.String `tfsdk:"id"`
	SourceID       types.String `tfsdk:"source_id"`
	Type           types.String `tfsdk:"type"`
	CronExpression types.String `tfsdk:"cron_expression"`
}

var sourceScheduleKit = objectKit[sourceScheduleModel, client.Schedule]{
	typeName: "sailpoint_source_schedule", noun: "source schedule",
	importShape: "SOURCE_ID/TYPE", importAttrs: []string{"source_id", "type"}, importWhole: "id",
	importCheck: importLastOneOf("TYPE", client.ScheduleTypes),
	toClient: func(_ context.Context, m *sourceScheduleModel) (*client.Schedule, diag.Diagnostics) {
		return m.toClient(), nil
	},
	fromClient: func(_ context.Context, s *client.Schedule, m *sourceScheduleModel, _ bool) diag.Diagnostics {
		m.fromClient(s)
		return nil
	},
	describe: (*sourceScheduleModel).describe,
	importMiss: func(m *sourceScheduleModel) importMiss {
		return importMiss{resource: "sailpoint_source_schedule", thing: "source schedule", id: m.SourceID.ValueString(), child: m.Type.ValueString() + " schedule"}
	},
	// ISC refuses a second schedule of a type; the one the source has already is taken over.
	takeOver: func(c *client.Client, m *sourceScheduleModel, want *client.Schedule) createOrTakeOver[client.Schedule] {
		sourceID := m.SourceID.ValueString()
		return createOrTakeOver[client.Schedule]{
			typeName: "sailpoint_source_schedule", thing: m.describe(),
			find: func(ctx context.Context) (*client.Schedule, error) { return c.FindSchedule(ctx, sourceID, want.Type) },
			create: func(ctx context.Context) (*client.Schedule, error) {
				return c.CreateSchedule(ctx, sourceID, want)
			},
			takeOver: func(ctx context.Context, existing *client.Schedule) (*client.Schedule, error) {
				got, err := patchSchedule(ctx, c, sourceID, existing, want)
				if got == nil && err == nil {
					return existing, nil // already as configured
				}
				return got, err
			},
		}
	},
	// A 404 means the schedule or its whole source is gone: either way the next plan recreates it.
	read: func(ctx context.Context, c *client.Client, m *sourceScheduleModel) (*client.Schedule, error) {
		return c.GetSchedule(ctx, m.SourceID.ValueString(), m.Type.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *sourceScheduleModel, prior, want *client.Schedule) (*client.Schedule, error) {
		return patchSchedule(ctx, c, m.SourceID.ValueString(), prior, want)
	},
	delete: func(ctx context.Context, c *client.Client, m *sourceScheduleModel) error {
		return c.DeleteSchedule(ctx, m.SourceID.ValueString(), m.Type.ValueString())
	},
	list: &objectList[client.Schedule]{
		filters: sourceChildFilter("schedules"),
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.Schedule], error] {
			return sourceChildren(ctx, c, f, c.Schedules, func(src *client.Source, s *client.Schedule) listed[client.Schedule] {
				return listed[client.Schedule]{key: []string{src.ID, s.Type}, name: src.Name + ": " + s.Type, obj: s}
			})
		},
	},
}

func (r *sourceScheduleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An aggregation schedule of a source: when ISC aggregates the source's accounts or groups. " +
			"A source has at most one schedule of each type. If the source already has a schedule of the configured type " +
			"(made in the ISC UI, or by ISC itself), ISC refuses the create and the provider takes that schedule over: its cron expression is changed " +
			"to the configured one instead of failing. Destroying the resource deletes the schedule, so ISC stops aggregating the source on a schedule. " +
			"An import ID whose `SOURCE_ID` is not a source, or whose source has no schedule of that type, fails saying so.",
		Attributes: map[string]schema.Attribute{
			"id": setByISC("`SOURCE_ID/TYPE`: ISC gives schedules no ID of their own."),
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
				Validators: []validator.String{validate.QuartzCron()},
			},
		},
	}
}

// patchSchedule brings schedule from to the definition to, sending only what differs; with no
// difference it sends nothing and returns nil.
func patchSchedule(ctx context.Context, c *client.Client, sourceID string, from, to *client.Schedule) (*client.Schedule, error) {
	p, err := client.SchedulePatch(from, to)
	if err != nil || len(p) == 0 {
		return nil, err
	}
	return c.PatchSchedule(ctx, sourceID, from.Type, p)
}

func (m *sourceScheduleModel) describe() string {
	return fmt.Sprintf("%s schedule of source %s", m.Type.ValueString(), m.SourceID.ValueString())
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
