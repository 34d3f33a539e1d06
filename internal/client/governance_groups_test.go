package client

import (
	"context"
	"errors"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// A governance group is patched by name, description and owner id only, and a patch of nothing
// sends nothing.
func TestGovernanceGroupLifecycle(t *testing.T) {
	emu, c := newEmulatorClient(t, emulator.Config{})
	ctx := context.Background()
	owner := &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}
	g, err := c.CreateGovernanceGroup(ctx, &GovernanceGroup{Name: "Approvers", Owner: owner})
	if err != nil || g.Owner.Name != emulator.AdminIdentityName || g.Created == "" {
		t.Fatalf("CreateGovernanceGroup = %+v, %v", g, err)
	}
	emu.ClearRequests()
	if out, err := c.PatchGovernanceGroup(ctx, g.ID, g, g); out != nil || err != nil || len(emu.Requests()) != 0 {
		t.Fatalf("a patch of nothing = %+v, %v after %d requests", out, err, len(emu.Requests()))
	}
	to := *g
	to.Description, to.Owner = "Approve access", &Reference{Type: RefIdentity, ID: emulator.FixtureIdentityID(3), Name: "stale name"}
	out, err := c.PatchGovernanceGroup(ctx, g.ID, g, &to)
	if err != nil || out.Description != "Approve access" || out.Owner.ID != emulator.FixtureIdentityID(3) {
		t.Fatalf("PatchGovernanceGroup = %+v, %v", out, err)
	}
	reqs := emu.Requests()
	if body := reqs[len(reqs)-1].Body; strings.Contains(body, "stale name") || strings.Contains(body, "created") {
		t.Errorf("the patch sent %s", body)
	}
	if err := c.DeleteGovernanceGroup(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetGovernanceGroup(ctx, g.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after the delete: %v", err)
	}
}

// Setting the members adds and removes what differs; members ISC refuses are each named in the
// error, and the members returned are those the group has.
func TestSetGovernanceGroupMembers(t *testing.T) {
	emu, c := newEmulatorClient(t, emulator.Config{})
	ctx := context.Background()
	g, err := c.CreateGovernanceGroup(ctx, &GovernanceGroup{Name: "Approvers"})
	if err != nil {
		t.Fatal(err)
	}
	a, b, x := emulator.FixtureIdentityID(1), emulator.FixtureIdentityID(2), emulator.FixtureIdentityID(3)
	// A bulk add whose answer is lost is sent again: a second add changes nothing more.
	if err := emu.InjectFault(emulator.Fault{Kind: emulator.FaultDropAfterCommit, Route: "POST /workgroups/v1/{workgroupId}/members/bulk-add", Count: 1}); err != nil {
		t.Fatal(err)
	}
	if got, err := c.SetGovernanceGroupMembers(ctx, g.ID, []string{a, b}); err != nil || !sameMembers(got, a, b) {
		t.Fatalf("first set = %v, %v", got, err)
	}
	got, err := c.SetGovernanceGroupMembers(ctx, g.ID, []string{b, x, "nobody", "ghost"})
	var mce *MemberChangeError
	if !errors.As(err, &mce) || len(mce.Failed) != 2 || !strings.Contains(err.Error(), "identity nobody: 404") ||
		!strings.Contains(err.Error(), "identity ghost: 404") || !strings.Contains(err.Error(), "did not add 2 of the members") {
		t.Fatalf("a partial add: %v", err)
	}
	if !sameMembers(got, b, x) {
		t.Fatalf("after the partial change the members are %v, want %s and %s", got, b, x)
	}
	listed, err := c.GovernanceGroupMembers(ctx, g.ID)
	if err != nil || len(listed) != 2 {
		t.Fatalf("GovernanceGroupMembers = %+v, %v", listed, err)
	}
	if _, err := c.GovernanceGroupMembers(ctx, "0123456789abcdef0123456789abcdef"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("members of no group: %v", err)
	}
}

// More members than one page of 50 are all read.
func TestGovernanceGroupMembersPages(t *testing.T) {
	emu := emulator.New(emulator.Config{Identities: 120})
	srv := httptest.NewServer(emu)
	t.Cleanup(srv.Close)
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RequestsPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	g, err := c.CreateGovernanceGroup(ctx, &GovernanceGroup{Name: "Everyone"})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 120 {
		ids = append(ids, emulator.FixtureIdentityID(i))
	}
	if _, err := c.SetGovernanceGroupMembers(ctx, g.ID, ids); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GovernanceGroupMembers(ctx, g.ID); err != nil || len(got) != 120 {
		t.Fatalf("%d members, %v; want 120", len(got), err)
	}
}

func sameMembers(got []string, want ...string) bool {
	g, w := slices.Clone(got), slices.Clone(want)
	slices.Sort(g)
	slices.Sort(w)
	return slices.Equal(g, w)
}
