package provider

import (
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// blankNameHint is what the plan says about a blank name.
const blankNameHint = "must contain a character other than whitespace (ISC refuses blank names)"

// nameValidators are the validators of every attribute that names an ISC object or a member of
// one (a source, a schema and its attributes, a policy and its fields, a profile and the identity
// attributes it computes): ISC refuses a name that is empty or only whitespace.
func nameValidators() []validator.String {
	return []validator.String{stringvalidator.RegexMatches(notBlankPattern, blankNameHint)}
}

var notBlankPattern = regexp.MustCompile(`\S`)
