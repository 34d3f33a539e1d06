package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

func TestQuartzCronValidator(t *testing.T) {
	validate := func(v types.String) *validator.StringResponse {
		resp := &validator.StringResponse{}
		validate.QuartzCron().ValidateString(background, validator.StringRequest{Path: path.Root("cron_expression"), ConfigValue: v}, resp)
		return resp
	}
	for _, v := range []types.String{types.StringValue("0 0 5 * * ?"), types.StringNull(), types.StringUnknown()} {
		if resp := validate(v); resp.Diagnostics.HasError() {
			t.Errorf("%s: %v", v, resp.Diagnostics)
		}
	}
	resp := validate(types.StringValue("0 0 25 * * ?"))
	if resp.Diagnostics.ErrorsCount() != 1 {
		t.Fatalf("diagnostics = %v, want one error", resp.Diagnostics)
	}
	d := resp.Diagnostics.Errors()[0]
	for _, want := range []string{
		`cron_expression "0 0 25 * * ?" is not a valid Quartz cron expression: the hours field "25" is invalid: 25 is out of range; expected 0-23.`,
		`"0 0 5,13,21 * * ?" runs at 05:00, 13:00 and 21:00 every day`,
	} {
		if !strings.Contains(d.Detail(), want) {
			t.Errorf("detail %q\ndoes not contain %q", d.Detail(), want)
		}
	}
	if d.Summary() != "Invalid cron expression" {
		t.Errorf("summary = %q", d.Summary())
	}
}
