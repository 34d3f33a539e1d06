package apiversion

import (
	"strings"
	"testing"
)

func TestPath(t *testing.T) {
	for _, tc := range []struct {
		v          Version
		path, want string
	}{
		{V1, "/sources", "/sources/v1"},
		{V1, "/sources/{id}", "/sources/v1/{id}"},
		{V1, "/sources/s%201/schemas/a1", "/sources/v1/s%201/schemas/a1"},
		{V1, "/task-status/t1", "/task-status/v1/t1"},
		{V1, "/identities?limit=1&filters=a/b", "/identities/v1?limit=1&filters=a/b"},
		{V2025, "/sources", "/v2025/sources"},
		{V2025, "/sources?count=true", "/v2025/sources?count=true"},
		{V2025, "/sources/{sourceId}/schedules/{scheduleType}", "/v2025/sources/{sourceId}/schedules/{scheduleType}"},
	} {
		if got := tc.v.Path(tc.path); got != tc.want {
			t.Errorf("%s.Path(%q) = %q, want %q", tc.v, tc.path, got, tc.want)
		}
		if got, want := tc.v.Route("PATCH "+tc.path), "PATCH "+tc.want; got != want {
			t.Errorf("%s.Route(%q) = %q, want %q", tc.v, "PATCH "+tc.path, got, want)
		}
		if got := Of(tc.v.Path(tc.path)); got != string(tc.v) {
			t.Errorf("Of(%q) = %q, want %q", tc.v.Path(tc.path), got, tc.v)
		}
	}
}

func TestOf(t *testing.T) {
	for path, want := range map[string]string{
		"/v2024/sources/x": "v2024",
		"/beta/sources":    "beta",
		"/identities/v2":   "v2",
		"/oauth/token":     "",
		"/sources":         "",
		"/":                "",
		"/vx/sources":      "",
		"/sources/x/v1":    "", // a version is the first or the second segment only
	} {
		if got := Of(path); got != want {
			t.Errorf("Of(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, v := range All() {
		if got, err := Parse(string(v)); err != nil || got != v {
			t.Errorf("Parse(%q) = %q, %v", v, got, err)
		}
	}
	if All()[0] != Default {
		t.Errorf("All() = %v does not start with the default %s", All(), Default)
	}
	for _, bad := range []string{"", "v3", "V1", "2025", "v2024"} {
		_, err := Parse(bad)
		if err == nil || !strings.Contains(err.Error(), `use "v1" or "v2025"`) {
			t.Errorf("Parse(%q): %v, want an error naming the versions", bad, err)
		}
	}
}
