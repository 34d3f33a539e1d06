package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Bounds of the provider's request_timeout, and how messages write them.
const (
	minRequestTimeout   = time.Second
	maxRequestTimeout   = time.Hour
	requestTimeoutRange = "from 1s to 1h"
)

// parseRequestTimeout reads a request timeout, a Go duration string such as "30s", from the
// provider block or the environment; name is where it came from, for the error.
func parseRequestTimeout(name, value string) (time.Duration, error) {
	d, err := time.ParseDuration(value)
	if err != nil {
		return 0, fmt.Errorf("%s must be a duration such as \"30s\" or \"2m\" (units ms, s, m, h), got %q", name, value)
	}
	if d < minRequestTimeout || d > maxRequestTimeout {
		return 0, fmt.Errorf("%s must be %s, got %q", name, requestTimeoutRange, value)
	}
	return d, nil
}

// requestTimeoutValidator checks request_timeout at plan time.
type requestTimeoutValidator struct{}

func (requestTimeoutValidator) Description(context.Context) string {
	return "value must be a duration " + requestTimeoutRange + ", such as \"30s\""
}

func (v requestTimeoutValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (requestTimeoutValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseRequestTimeout(req.Path.String(), req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid request timeout", err.Error())
	}
}
