package validate

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// JSONObject requires a JSON attribute to hold an object, not an array or a scalar.
func JSONObject() validator.String { return jsonObject{} }

type jsonObject struct{}

func (jsonObject) Description(context.Context) string { return "value must be a JSON object" }

func (v jsonObject) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (jsonObject) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &obj); err != nil || obj == nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON object",
			fmt.Sprintf("%s must be a JSON object such as jsonencode({ key = \"value\" }), got %s", req.Path, Truncate(req.ConfigValue.ValueString(), 80)))
	}
}

// Truncate cuts s to n bytes for a message, marking the cut.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
