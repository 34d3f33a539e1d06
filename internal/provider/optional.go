package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// Optional arguments whose unset value is null are Optional+Computed with a null default, so that
// generated configuration leaves them out where Terraform would write "= null" (see
// planmodify.NullString and genconfig.go).

// nullObject makes a nested attribute Optional+Computed with a null default: unset means none,
// and generated configuration leaves it out (see planmodify.NullString).
func nullObject(a schema.SingleNestedAttribute) schema.SingleNestedAttribute {
	a.Optional, a.Computed = true, true
	a.Default = objectdefault.StaticValue(types.ObjectNull(a.GetType().(types.ObjectType).AttrTypes))
	return a
}

// nullString is an optional string whose unset value is null.
func nullString(description string, validators ...validator.String) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Optional: true, Computed: true, Default: planmodify.NullString(), Validators: validators}
}

// idSet is an optional set of object IDs, none by default.
func idSet(description string, def types.Set) schema.SetAttribute {
	return schema.SetAttribute{MarkdownDescription: description, ElementType: types.StringType, Optional: true, Computed: true,
		Default: setdefault.StaticValue(def), Validators: []validator.Set{setvalidator.ValueStringsAre(validate.NotBlank())}}
}

// nullList makes a nested list Optional+Computed with a null default, likewise.
func nullList(a schema.ListNestedAttribute) schema.ListNestedAttribute {
	a.Optional, a.Computed = true, true
	a.Default = listdefault.StaticValue(types.ListNull(a.NestedObject.Type()))
	return a
}
