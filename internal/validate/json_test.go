package validate

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestJSONObject(t *testing.T) {
	for value, ok := range map[types.String]bool{
		types.StringValue(`{}`): true, types.StringValue(`{"a":[1]}`): true, types.StringNull(): true, types.StringUnknown(): true,
		types.StringValue(`[]`): false, types.StringValue(`"x"`): false, types.StringValue(`null`): false, types.StringValue(`{`): false,
	} {
		resp := &validator.StringResponse{}
		JSONObject().ValidateString(context.Background(), validator.StringRequest{Path: path.Root("attributes"), ConfigValue: value}, resp)
		if resp.Diagnostics.HasError() == ok {
			t.Errorf("JSONObject(%s): %v", value, resp.Diagnostics)
		}
	}
}
