package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz/quartztest"
)

// The validator refuses exactly what the shared table of Quartz cases refuses, naming the
// attribute and closing with the help text.
func TestQuartzCron(t *testing.T) {
	check := func(expr string) validator.StringResponse {
		var resp validator.StringResponse
		QuartzCron().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("cron_expression"), ConfigValue: types.StringValue(expr)}, &resp)
		return resp
	}
	for _, v := range []types.String{types.StringNull(), types.StringUnknown()} {
		var resp validator.StringResponse
		QuartzCron().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("cron_expression"), ConfigValue: v}, &resp)
		if resp.Diagnostics.HasError() {
			t.Errorf("%s refused: %v", v, resp.Diagnostics)
		}
	}
	for _, expr := range quartztest.Accepted {
		if resp := check(expr); resp.Diagnostics.HasError() {
			t.Errorf("%q refused: %v", expr, resp.Diagnostics)
		}
	}
	for _, r := range quartztest.Rejected {
		resp := check(r.Expr)
		if !resp.Diagnostics.HasError() {
			t.Errorf("%q accepted", r.Expr)
			continue
		}
		d := resp.Diagnostics[0]
		if d.Summary() != "Invalid cron expression" || !strings.HasPrefix(d.Detail(), "cron_expression ") ||
			!strings.Contains(d.Detail(), r.Want) || !strings.HasSuffix(d.Detail(), CronHelp) {
			t.Errorf("%q: %s: %s", r.Expr, d.Summary(), d.Detail())
		}
	}
}
