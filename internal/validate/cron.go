package validate

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz"
)

// cronExample is shown with every cron error.
const cronExample = `"0 0 5,13,21 * * ?" runs at 05:00, 13:00 and 21:00 every day`

// CronHelp closes every cron error with the rules and an example.
const CronHelp = `ISC schedules take a Quartz cron expression of 6 or 7 fields: seconds minutes hours ` +
	`day-of-month month day-of-week [year]. Each field takes *, a value, a list (1,15), a range (1-5) ` +
	`or a step (0/15); days of the week are 1-7 from SUN to SAT, or SUN-SAT; exactly one of ` +
	`day-of-month and day-of-week must be "?". For example, ` + cronExample + `.`

// QuartzCron checks a cron expression at plan time with quartz.Check, as ISC checks schedules.
func QuartzCron() validator.String { return quartzCron{} }

type quartzCron struct{}

func (quartzCron) Description(context.Context) string {
	return "value must be a Quartz cron expression such as 0 0 5,13,21 * * ?"
}

func (quartzCron) MarkdownDescription(context.Context) string {
	return "value must be a Quartz cron expression such as `0 0 5,13,21 * * ?`"
}

func (quartzCron) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	expr := req.ConfigValue.ValueString()
	if err := quartz.Check(expr); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid cron expression",
			fmt.Sprintf("%s %q is not a valid Quartz cron expression: %s.\n\n%s", req.Path, expr, err, CronHelp))
	}
}
