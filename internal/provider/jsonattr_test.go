package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestJSONTypeRoundTrip(t *testing.T) {
	ctx := context.Background()
	v, err := jsonType{}.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, `{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	got, ok := v.(jsonValue)
	if !ok || got.ValueString() != `{"a":1}` || !got.Type(ctx).Equal(jsonType{}) {
		t.Fatalf("got %#v", v)
	}
	if !got.Equal(jsonOf(`{"a":1}`)) || got.Equal(jsonOf(`{"a": 1}`)) {
		t.Error("Equal must compare the text")
	}
	null, err := jsonType{}.ValueFromTerraform(ctx, tftypes.NewValue(tftypes.String, nil))
	if err != nil || !null.IsNull() {
		t.Errorf("null: %v %v", null, err)
	}
}

func TestJSONValueSemanticEquals(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{`{"a":1,"b":[1,2]}`, `{ "b": [1, 2], "a": 1 }`, true},
		{`{"a":1}`, `{"a":2}`, false},
		{`{"b":[1,2]}`, `{"b":[2,1]}`, false},
	} {
		same, diags := jsonOf(tc.a).StringSemanticEquals(ctx, jsonOf(tc.b))
		if diags.HasError() || same != tc.same {
			t.Errorf("%s vs %s: %v %v, want %v", tc.a, tc.b, same, diags, tc.same)
		}
	}
}
