// Package validate holds plan-time validators of attribute values that are pure logic: they need
// no API call and no provider state.
package validate

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// BlankHint is what a refused blank value is told.
const BlankHint = "must contain a character other than whitespace (ISC refuses blank names)"

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
	if v := req.ConfigValue.ValueString(); strings.TrimSpace(v) == "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Attribute Value Match",
			fmt.Sprintf("Attribute %s %s, got: %s", req.Path, BlankHint, v))
	}
}
