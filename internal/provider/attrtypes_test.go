package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestObjectTypeOf(t *testing.T) {
	type leaf struct {
		S types.String         `tfsdk:"s"`
		J jsontypes.Normalized `tfsdk:"j"`
	}
	type model struct {
		B      types.Bool      `tfsdk:"b"`
		I      types.Int64     `tfsdk:"i"`
		F      types.Float64   `tfsdk:"f"`
		One    leaf            `tfsdk:"one"`
		Opt    *leaf           `tfsdk:"opt"`
		Many   []leaf          `tfsdk:"many"`
		Keyed  map[string]leaf `tfsdk:"keyed"`
		Hidden string          `tfsdk:"-"`
	}
	leafType := types.ObjectType{AttrTypes: map[string]attr.Type{"s": types.StringType, "j": jsontypes.NormalizedType{}}}
	want := types.ObjectType{AttrTypes: map[string]attr.Type{
		"b": types.BoolType, "i": types.Int64Type, "f": types.Float64Type,
		"one": leafType, "opt": leafType, "many": types.ListType{ElemType: leafType}, "keyed": types.MapType{ElemType: leafType},
	}}
	if got := objectTypeOf[model](); !got.Equal(want) {
		t.Fatalf("objectTypeOf = %s, want %s", got, want)
	}
	defer func() {
		if recover() == nil {
			t.Fatal("a field whose type cannot be derived did not panic")
		}
	}()
	objectTypeOf[struct {
		L types.List `tfsdk:"l"`
	}]()
}
