package provider

import (
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// objectTypeOf derives the object type of a nested attribute from its model struct, so that no
// map of attribute types is kept by hand beside the struct. Fields are framework values
// (types.String, types.Bool, types.Int64, types.Float64, jsontypes.Normalized), structs or
// pointers to structs (nested objects), slices of structs (nested lists) and maps of structs by
// string (nested maps), tagged tfsdk.
func objectTypeOf[T any]() types.ObjectType {
	return objectTypeFor(reflect.TypeFor[T]())
}

var scalarAttrTypes = map[reflect.Type]attr.Type{
	reflect.TypeFor[types.String]():         types.StringType,
	reflect.TypeFor[types.Bool]():           types.BoolType,
	reflect.TypeFor[types.Int64]():          types.Int64Type,
	reflect.TypeFor[types.Float64]():        types.Float64Type,
	reflect.TypeFor[jsontypes.Normalized](): jsontypes.NormalizedType{},
	reflect.TypeFor[jsonValue]():            jsonType{},
}

func objectTypeFor(t reflect.Type) types.ObjectType {
	out := types.ObjectType{AttrTypes: map[string]attr.Type{}}
	for f := range t.Fields() {
		name := f.Tag.Get("tfsdk")
		if name == "" || name == "-" {
			continue
		}
		out.AttrTypes[name] = attrTypeFor(t, f)
	}
	return out
}

func attrTypeFor(owner reflect.Type, f reflect.StructField) attr.Type {
	t := f.Type
	if at, ok := scalarAttrTypes[t]; ok {
		return at
	}
	switch {
	case t.Implements(reflect.TypeFor[attr.Value]()):
		// A list, set or map value: its element type is not in the struct.
	case t.Kind() == reflect.Struct:
		return objectTypeFor(t)
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct:
		return objectTypeFor(t.Elem())
	case t.Kind() == reflect.Slice && t.Elem().Kind() == reflect.Struct:
		return types.ListType{ElemType: objectTypeFor(t.Elem())}
	case t.Kind() == reflect.Map && t.Key().Kind() == reflect.String && t.Elem().Kind() == reflect.Struct:
		return types.MapType{ElemType: objectTypeFor(t.Elem())}
	}
	panic(fmt.Sprintf("objectTypeOf: %s.%s is a %s, whose attribute type cannot be derived", owner.Name(), f.Name, t))
}
