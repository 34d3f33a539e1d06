// Package validate holds plan-time validators of attribute values that are pure logic: they need
// no API call and no provider state.
package validate

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// NotBlank refuses a string that is empty or only white space, such as a name ISC would refuse.
func NotBlank() validator.String { return notBlank{} }

type notBlank struct{}

func (notBlank) Description(context.Context) string {
	return "value must contain a character other than white space"
}

func (v notBlank) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (notBlank) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.TrimSpace(req.ConfigValue.ValueString()) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Blank value",
			req.Path.String()+" must not be empty or only white space: ISC refuses it. Set a value with a visible character.")
	}
}
