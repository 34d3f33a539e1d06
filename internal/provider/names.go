package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// nameValidators are the validators of every attribute that names an ISC object or a member of
// one (a source, a schema and its attributes, a policy and its fields, a profile and the identity
// attributes it computes, a transform): ISC refuses a name that is empty or only whitespace.
func nameValidators() []validator.String {
	return []validator.String{validate.NotBlank()}
}
