package validate

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestNotBlank(t *testing.T) {
	for value, ok := range map[types.String]bool{
		types.StringValue("x"): true, types.StringValue(" a "): true, types.StringNull(): true, types.StringUnknown(): true,
		types.StringValue(""): false, types.StringValue("  "): false, types.StringValue("\t\n"): false,
	} {
		resp := &validator.StringResponse{}
		NotBlank().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("name"), ConfigValue: value}, resp)
		if resp.Diagnostics.HasError() == ok {
			t.Errorf("NotBlank(%s): errors %v", value, resp.Diagnostics)
		}
		if !ok && !strings.Contains(resp.Diagnostics[0].Detail(), "Attribute name must contain a character other than whitespace") {
			t.Errorf("NotBlank(%s): detail %q", value, resp.Diagnostics[0].Detail())
		}
	}
}
