package client

import "strings"

// Building blocks for ISC's filter language (the `filters` query parameter). A value put into a
// filter must be a quoted string literal, so that no value can change the filter's meaning: a
// name such as `x" or name sw "` stays one string. Characters that matter in a URL (#, %, &) need
// no treatment here: the query string is encoded as a whole when the request is sent.

// filterEscaper applies the two escapes ISC string literals know.
var filterEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`)

// QuoteFilterValue renders s as a string literal of ISC's filter syntax: in double quotes, with
// `\` written as `\\` and `"` as `\"`, so that no value can change the meaning of the filter it
// is put into.
func QuoteFilterValue(s string) string {
	return `"` + filterEscaper.Replace(s) + `"`
}

// FilterEq is the filter `field eq "value"`, the value quoted with QuoteFilterValue.
func FilterEq(field, value string) string {
	return field + " eq " + QuoteFilterValue(value)
}

// FilterSw is the filter `field sw "prefix"`: field starts with prefix.
func FilterSw(field, prefix string) string {
	return field + " sw " + QuoteFilterValue(prefix)
}

// FilterIn is the filter `field in ("a","b")`: field is one of values, each quoted with
// QuoteFilterValue.
func FilterIn(field string, values ...string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = QuoteFilterValue(v)
	}
	return field + " in (" + strings.Join(quoted, ",") + ")"
}

// FilterAnd joins filters with and, leaving out empty ones; "" when none is left.
func FilterAnd(filters ...string) string {
	var kept []string
	for _, f := range filters {
		if f != "" {
			kept = append(kept, f)
		}
	}
	return strings.Join(kept, " and ")
}
