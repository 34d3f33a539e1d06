package provider

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// jsonObjectValidator requires a JSON attribute to hold an object, not an array or a scalar.
type jsonObjectValidator struct{}

func (jsonObjectValidator) Description(context.Context) string {
	return "value must be a JSON object"
}

func (v jsonObjectValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (jsonObjectValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(req.ConfigValue.ValueString()), &obj); err != nil || obj == nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON object",
			fmt.Sprintf("%s must be a JSON object such as jsonencode({ key = \"value\" }), got %s", req.Path, truncate(req.ConfigValue.ValueString(), 80)))
	}
}

// jsonObject decodes a normalized JSON attribute holding an object; null gives nil.
func jsonObject(v jsontypes.Normalized) (map[string]any, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(v.ValueString()), &obj); err != nil {
		return nil, err
	}
	return obj, nil
}

// normalizedJSON encodes a value for a normalized JSON attribute; nil gives null.
func normalizedJSON(v any) (jsontypes.Normalized, error) {
	if v == nil {
		return jsontypes.NewNormalizedNull(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return jsontypes.NewNormalizedNull(), err
	}
	return jsontypes.NewNormalizedValue(string(b)), nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
