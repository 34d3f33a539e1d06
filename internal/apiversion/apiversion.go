// Package apiversion names the two path schemes of the ISC REST API and maps a resource path,
// such as /sources/{id}/schemas, to the path each scheme serves it at. The client, the emulator
// and the tests all build their paths here, so the rule lives in one place.
//
// SailPoint froze its year-versioned specifications (/v2025/sources/{id}) in June 2026 in favour
// of per-resource versions, where the version follows the resource's first segment
// (/sources/v1/{id}); its current SDKs use those. Every operation of the provider exists in both,
// with the same contract.
package apiversion

import (
	"fmt"
	"strings"
)

// Version is an ISC API path scheme.
type Version string

const (
	// V1 is the per-resource scheme: /sources/v1/{id}, /task-status/v1/{id}.
	V1 Version = "v1"
	// V2025 is the year-versioned scheme, frozen since June 2026: /v2025/sources/{id}.
	V2025 Version = "v2025"

	// Default is the scheme SailPoint's current SDKs use.
	Default = V1
)

// All lists the versions, the default first.
func All() []Version { return []Version{V1, V2025} }

// Parse checks the name of a version.
func Parse(s string) (Version, error) {
	for _, v := range All() {
		if s == string(v) {
			return v, nil
		}
	}
	return "", fmt.Errorf("unknown ISC API version %q: use %s", s, Names())
}

// Names lists the versions for messages: "v1" or "v2025".
func Names() string {
	all := All()
	quoted := make([]string, len(all))
	for i, v := range all {
		quoted[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// Path is where v serves the resource path p (which starts with "/"): /v2025/sources/{id}, or
// /sources/v1/{id} with the version after the first segment. A query (?...) stays at the end.
func (v Version) Path(p string) string {
	if v == V2025 {
		return "/" + string(v) + p
	}
	p, query, hasQuery := strings.Cut(p, "?")
	first, rest, nested := strings.Cut(strings.TrimPrefix(p, "/"), "/")
	out := "/" + first + "/" + string(v)
	if nested {
		out += "/" + rest
	}
	if hasQuery {
		out += "?" + query
	}
	return out
}

// Route is Path for a route, "METHOD /resource/path".
func (v Version) Route(route string) string {
	method, p, _ := strings.Cut(route, " ")
	return method + " " + v.Path(p)
}

// Of is the version segment of an ISC API path in either scheme: the first segment when it is a
// version (v2025, v3, beta), else the second (v1 of /sources/v1/{id}); "" when there is none.
func Of(path string) string {
	path, _, _ = strings.Cut(path, "?")
	segments := strings.SplitN(strings.TrimPrefix(path, "/"), "/", 3)
	for _, s := range segments[:min(2, len(segments))] {
		if isVersion(s) {
			return s
		}
	}
	return ""
}

// isVersion says whether a path segment names an API version: v and digits, or beta.
func isVersion(s string) bool {
	if s == "beta" {
		return true
	}
	if len(s) < 2 || s[0] != 'v' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
