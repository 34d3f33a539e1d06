package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// jsonType is the type of the provider's JSON attributes: jsontypes.NormalizedType, whose values
// are compared by meaning, except that JSON that does not parse is reported with the attribute's
// path in the message. Terraform 1.11 shows a diagnostic on an attribute inside a nested
// attribute (fields[2].transform) on the whole resource block, so the text must say which one.
type jsonType struct {
	jsontypes.NormalizedType
}

var (
	_ basetypes.StringTypable                    = jsonType{}
	_ basetypes.StringValuableWithSemanticEquals = jsonValue{}
	_ xattr.ValidateableAttribute                = jsonValue{}
)

func (t jsonType) String() string { return "provider.jsonType" }

func (t jsonType) Equal(o attr.Type) bool {
	_, ok := o.(jsonType)
	return ok
}

func (t jsonType) ValueType(context.Context) attr.Value { return jsonValue{} }

func (t jsonType) ValueFromString(_ context.Context, in basetypes.StringValue) (basetypes.StringValuable, diag.Diagnostics) {
	return jsonValue{Normalized: jsontypes.Normalized{StringValue: in}}, nil
}

func (t jsonType) ValueFromTerraform(ctx context.Context, in tftypes.Value) (attr.Value, error) {
	v, err := t.StringType.ValueFromTerraform(ctx, in)
	if err != nil {
		return nil, err
	}
	s, ok := v.(basetypes.StringValue)
	if !ok {
		return nil, fmt.Errorf("unexpected value type %T", v)
	}
	out, diags := t.ValueFromString(ctx, s)
	if diags.HasError() {
		return nil, fmt.Errorf("converting a string to JSON: %v", diags)
	}
	return out, nil
}

// jsonValue is a value of jsonType.
type jsonValue struct {
	jsontypes.Normalized
}

func jsonNull() jsonValue { return jsonValue{Normalized: jsontypes.NewNormalizedNull()} }

func jsonOf(s string) jsonValue { return jsonValue{Normalized: jsontypes.NewNormalizedValue(s)} }

func (v jsonValue) Type(context.Context) attr.Type { return jsonType{} }

func (v jsonValue) Equal(o attr.Value) bool {
	other, ok := o.(jsonValue)
	return ok && v.StringValue.Equal(other.StringValue)
}

// StringSemanticEquals compares the two documents as jsontypes.Normalized does.
func (v jsonValue) StringSemanticEquals(ctx context.Context, newValuable basetypes.StringValuable) (bool, diag.Diagnostics) {
	other, ok := newValuable.(jsonValue)
	if !ok {
		var diags diag.Diagnostics
		diags.AddError("Semantic Equality Check Error",
			fmt.Sprintf("expected a value of type %T, got %T; this is a bug in the provider", v, newValuable))
		return false, diags
	}
	return v.Normalized.StringSemanticEquals(ctx, other.Normalized)
}

// ValidateAttribute refuses JSON that does not parse, naming the attribute and where the parse
// stopped.
func (v jsonValue) ValidateAttribute(_ context.Context, req xattr.ValidateAttributeRequest, resp *xattr.ValidateAttributeResponse) {
	if v.IsNull() || v.IsUnknown() {
		return
	}
	var doc any
	if err := json.Unmarshal([]byte(v.ValueString()), &doc); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid JSON",
			fmt.Sprintf("%s is not valid JSON: %s. Build it with jsonencode, such as jsonencode({ key = \"value\" }); got %s",
				req.Path, jsonSyntaxError(err), validate.Truncate(v.ValueString(), 80)))
	}
}

// jsonSyntaxError says why a document does not parse, and at which byte when the decoder knows.
func jsonSyntaxError(err error) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		return fmt.Sprintf("%s (at byte %d)", syntax.Error(), syntax.Offset)
	}
	return err.Error()
}

// jsonObject decodes a JSON attribute holding an object; null gives nil.
func jsonObject(v jsonValue) (map[string]any, error) {
	if v.IsNull() || v.IsUnknown() {
		return nil, nil
	}
	var obj map[string]any
	if err := json.Unmarshal([]byte(v.ValueString()), &obj); err != nil {
		return nil, err
	}
	return obj, nil
}

// jsonObjectAt is jsonObject for a value at an attribute path: an error is reported there, in
// words that name the path, since Terraform 1.11 shows nested paths on the whole resource.
func jsonObjectAt(v jsonValue, at path.Path, diags *diag.Diagnostics) map[string]any {
	obj, err := jsonObject(v)
	if err != nil {
		diags.AddAttributeError(at, "Invalid JSON", fmt.Sprintf("%s is not a JSON object: %s", at, jsonSyntaxError(err)))
	}
	return obj
}

// normalizedJSON encodes a value for a JSON attribute; nil gives null.
func normalizedJSON(v any) (jsonValue, error) {
	if v == nil {
		return jsonNull(), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return jsonNull(), err
	}
	return jsonOf(string(b)), nil
}
