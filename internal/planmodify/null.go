package planmodify

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// NullString and NullInt64 are defaults that plan null for an unset argument, as an Optional
// attribute does without a default. A default needs the attribute to be Optional+Computed, and
// Terraform (>= 1.14) leaves a null computed attribute out of the configuration it generates for
// an import, where it writes "= null" for an Optional one. The framework's static defaults take
// only known strings and numbers; for objects and sets, objectdefault.StaticValue and
// setdefault.StaticValue of a null value do the same.
func NullString() defaults.String { return nullDefault{} }

// NullInt64 plans null for an unset number argument; see NullString.
func NullInt64() defaults.Int64 { return nullDefault{} }

type nullDefault struct{}

func (nullDefault) Description(context.Context) string { return "unset means null" }

func (d nullDefault) MarkdownDescription(ctx context.Context) string { return d.Description(ctx) }

func (nullDefault) DefaultString(_ context.Context, _ defaults.StringRequest, resp *defaults.StringResponse) {
	resp.PlanValue = types.StringNull()
}

func (nullDefault) DefaultInt64(_ context.Context, _ defaults.Int64Request, resp *defaults.Int64Response) {
	resp.PlanValue = types.Int64Null()
}
