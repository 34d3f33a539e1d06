package client

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// Roles are read from the run's list in pages of 50, the most ISC serves: 120 roles take three
// list calls and no read of one role; a role beyond the first 250 would be read on its own.
func TestRolesFromTheList(t *testing.T) {
	snap := &emulator.Snapshot{}
	for i := range 120 {
		snap.Roles = append(snap.Roles, emulator.Role{ID: fmt.Sprintf("%032x", i+1), Name: fmt.Sprintf("Role %03d", i),
			Owner: &emulator.Ref{ID: emulator.AdminIdentityID}})
	}
	emu, c := newEmulatorClient(t, emulator.Config{Snapshot: snap})
	ctx := context.Background()
	for i := range 120 {
		r, err := c.GetRole(ctx, fmt.Sprintf("%032x", i+1))
		if err != nil || r.Name != fmt.Sprintf("Role %03d", i) {
			t.Fatalf("GetRole(%d) = %+v, %v", i, r, err)
		}
	}
	if _, err := c.GetRole(ctx, "gone"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetRole of a missing role: %v, want ErrNotFound", err)
	}
	all, err := c.AllRoles(ctx)
	if err != nil || len(all) != 120 {
		t.Fatalf("AllRoles = %d roles, %v", len(all), err)
	}
	var calls []string
	for _, r := range emu.Requests() {
		if !strings.Contains(r.Path, "/oauth/") {
			calls = append(calls, r.Method+" "+r.Path+"?"+r.Query)
		}
	}
	if len(calls) != 3 || !strings.Contains(calls[2], "limit=50") || !strings.Contains(calls[2], "offset=100") {
		t.Fatalf("calls = %v, want three list pages of 50", calls)
	}
}

// RolePages asks for pages of 50, as ISC refuses a larger limit on roles, and hands each on.
func TestRolePages(t *testing.T) {
	snap := &emulator.Snapshot{}
	for i := range 120 {
		snap.Roles = append(snap.Roles, emulator.Role{ID: fmt.Sprintf("%032x", i+1), Name: fmt.Sprintf("Role %03d", i),
			Owner: &emulator.Ref{ID: emulator.AdminIdentityID}})
	}
	_, c := newEmulatorClient(t, emulator.Config{Snapshot: snap})
	var sizes []int
	for page, err := range c.RolePages(context.Background(), ListOptions{Filters: FilterSw("name", "Role 0")}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page))
	}
	if fmt.Sprint(sizes) != "[50 50]" {
		t.Fatalf("pages of %v, want [50 50]: Role 000 to Role 099", sizes)
	}
}

// A role patch sends only what changed: sets as whole lists by id, the membership whole.
func TestRolePatch(t *testing.T) {
	emu, c := newEmulatorClient(t, emulator.Config{})
	ctx := context.Background()
	owner := &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}
	dept := "Finance"
	r, err := c.CreateRole(ctx, &Role{Name: "Finance", Owner: owner, Membership: &RoleMembership{Type: "STANDARD",
		Criteria: &RoleCriteria{Operation: "EQUALS", Key: &RoleCriteriaKey{Type: "IDENTITY", Property: "attribute.department"}, StringValue: &dept}}})
	if err != nil || r.Owner.Name == "" || r.Membership.Criteria.Key.Property != "attribute.department" {
		t.Fatalf("CreateRole = %+v, %v", r, err)
	}
	if out, err := c.PatchRole(ctx, r.ID, r, r); out != nil || err != nil {
		t.Fatalf("a patch of nothing sent a request: %+v, %v", out, err)
	}
	to := *r
	to.Description = &dept
	to.Membership = &RoleMembership{Type: "IDENTITY_LIST", Identities: []RoleMembershipIdentity{{ID: emulator.FixtureIdentityID(2)}, {ID: emulator.AdminIdentityID}}}
	emu.ClearRequests()
	got, err := c.PatchRole(ctx, r.ID, r, &to)
	if err != nil || len(got.Membership.Identities) != 2 || got.Membership.Identities[0].Name == "" {
		t.Fatalf("PatchRole = %+v, %v", got, err)
	}
	reqs := emu.Requests()
	want := `[{"op":"add","path":"/description","value":"Finance"},{"op":"replace","path":"/membership","value":{"type":"IDENTITY_LIST","identities":[`
	if len(reqs) != 1 || !strings.HasPrefix(reqs[0].Body, want) || strings.Contains(reqs[0].Body, `"name"`) {
		t.Fatalf("the patch sent %d requests: %s", len(reqs), reqs[0].Body)
	}
	if err := c.DeleteRole(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
}
