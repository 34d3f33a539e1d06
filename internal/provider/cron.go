package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz"
)

// cronExample is shown with every cron error.
const cronExample = `"0 0 5,13,21 * * ?" runs at 05:00, 13:00 and 21:00 every day`

// cronHelp closes every cron error with the rules and an example.
const cronHelp = `ISC schedules take a Quartz cron expression of 6 or 7 fields: seconds minutes hours ` +
	`day-of-month month day-of-week [year]. Each field takes *, a value, a list (1,15), a range (1-5) ` +
	`or a step (0/15); days of the week are 1-7 from SUN to SAT, or SUN-SAT; exactly one of ` +
	`day-of-month and day-of-week must be "?". For example, ` + cronExample + `.`

// quartzCronValidator checks a cron expression at plan time with quartz.Check.
type quartzCronValidator struct{}

func (quartzCronValidator) Description(context.Context) string {
	return "value must be a Quartz cron expression such as 0 0 5,13,21 * * ?"
}

func (v quartzCronValidator) MarkdownDescription(context.Context) string {
	return "value must be a Quartz cron expression such as `0 0 5,13,21 * * ?`"
}

func (quartzCronValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	expr := req.ConfigValue.ValueString()
	if err := quartz.Check(expr); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid cron expression",
			fmt.Sprintf("%s %q is not a valid Quartz cron expression: %s.\n\n%s", req.Path, expr, err, cronHelp))
	}
}
