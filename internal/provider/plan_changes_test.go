package provider

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
)

// expectOnlyChanges is the plan check of an in-place update of the resource at addr that changes
// exactly the attributes at paths, and nothing else: every value that differs from the prior
// state, or is known only after apply, is at or below one of paths, and each of paths has one.
// A path names attributes and map keys alike with dots, and list elements with [i]:
// "description", "attributes.mail", "identity_attribute_config.attribute_transforms.email".
// A computed value an update does not change fails it when it shows in the plan.
func expectOnlyChanges(addr string, paths ...string) plancheck.PlanCheck {
	return onlyChanges{addr: addr, paths: paths}
}

type onlyChanges struct {
	addr  string
	paths []string
}

func (c onlyChanges) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	i := slices.IndexFunc(req.Plan.ResourceChanges, func(rc *tfjson.ResourceChange) bool { return rc.Address == c.addr })
	if i < 0 {
		resp.Error = fmt.Errorf("%s is not in the plan", c.addr)
		return
	}
	change := req.Plan.ResourceChanges[i].Change
	if !change.Actions.Update() {
		resp.Error = fmt.Errorf("%s: planned %v, want an in-place update", c.addr, change.Actions)
		return
	}
	var changed []string
	changedPaths(change.Before, change.After, change.AfterUnknown, "", &changed)
	under := func(p, root string) bool {
		return p == root || strings.HasPrefix(p, root+".") || strings.HasPrefix(p, root+"[")
	}
	var unexpected, missing []string
	for _, p := range changed {
		if !slices.ContainsFunc(c.paths, func(root string) bool { return under(p, root) }) {
			unexpected = append(unexpected, p)
		}
	}
	for _, root := range c.paths {
		if !slices.ContainsFunc(changed, func(p string) bool { return under(p, root) }) {
			missing = append(missing, root)
		}
	}
	if len(unexpected)+len(missing) > 0 {
		resp.Error = fmt.Errorf("%s: the plan changes %v; want changes at exactly %v (unexpected: %v; unchanged: %v)",
			c.addr, changed, c.paths, unexpected, missing)
	}
}

// changedPaths appends to out the paths below at where after differs from before or is unknown
// (unknown is the plan's after_unknown at the same place). An element that only one side has is
// one path, whatever it holds.
func changedPaths(before, after, unknown any, at string, out *[]string) {
	if u, ok := unknown.(bool); ok && u {
		*out = append(*out, at)
		return
	}
	join := func(key string) string {
		if at == "" {
			return key
		}
		return at + "." + key
	}
	switch b := before.(type) {
	case map[string]any:
		a, ok := after.(map[string]any)
		if !ok {
			*out = append(*out, at)
			return
		}
		u, _ := unknown.(map[string]any)
		keys := slices.Sorted(maps.Keys(b))
		for k := range a {
			if _, ok := b[k]; !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range slices.Compact(keys) {
			changedPaths(b[k], a[k], u[k], join(k), out)
		}
	case []any:
		a, ok := after.([]any)
		if !ok {
			*out = append(*out, at)
			return
		}
		u, _ := unknown.([]any)
		for i := range max(len(a), len(b)) {
			elem := fmt.Sprintf("%s[%d]", at, i)
			if i >= len(a) || i >= len(b) {
				*out = append(*out, elem)
				continue
			}
			var ui any
			if i < len(u) {
				ui = u[i]
			}
			changedPaths(b[i], a[i], ui, elem, out)
		}
	default:
		if !reflect.DeepEqual(before, after) {
			*out = append(*out, at)
		}
	}
}

func TestChangedPaths(t *testing.T) {
	before := map[string]any{
		"description": "a", "same": "s", "gone": "g",
		"attributes": map[string]any{"cn": map[string]any{"type": "STRING"}, "uid": map[string]any{"type": "STRING"}},
		"fields":     []any{map[string]any{"name": "x"}, map[string]any{"name": "y"}},
		"modified":   "t1",
	}
	after := map[string]any{
		"description": "b", "same": "s", "gone": nil,
		"attributes": map[string]any{"cn": map[string]any{"type": "LONG"}, "mail": map[string]any{"type": "STRING"}},
		"fields":     []any{map[string]any{"name": "x"}},
	}
	unknown := map[string]any{"modified": true, "attributes": map[string]any{"mail": map[string]any{}}}
	var got []string
	changedPaths(before, after, unknown, "", &got)
	want := []string{"attributes.cn.type", "attributes.mail", "attributes.uid", "description", "fields[1]", "gone", "modified"}
	if !slices.Equal(got, want) {
		t.Fatalf("changedPaths = %v, want %v", got, want)
	}
}
