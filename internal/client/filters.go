package client

import "strings"

// QuoteFilterValue renders s as a string literal of ISC's filter syntax, so that no value can
// change the meaning of the filter it is put into.
func QuoteFilterValue(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
