package client

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// An access profile moves to another source in one patch with its new entitlements, by id.
func TestAccessProfileLifecycle(t *testing.T) {
	emu, c := newEmulatorClient(t, emulator.Config{})
	ctx := context.Background()
	owner := &Reference{Type: RefIdentity, ID: emulator.AdminIdentityID}
	var sources [2]string
	var groups [2][]Entitlement
	for i, name := range []string{"HR", "ERP"} {
		s, err := c.CreateSource(ctx, &Source{Name: name, Connector: "delimited-file", Owner: owner}, true)
		if err != nil {
			t.Fatal(err)
		}
		sources[i] = s.ID
		if _, err := c.LoadEntitlements(ctx, s.ID, []byte("value,name\npayroll,Payroll\nbenefits,Benefits\n")); err != nil {
			t.Fatal(err)
		}
		if groups[i], _, err = c.ListEntitlements(ctx, ListOptions{Filters: FilterEq("source.id", s.ID), Sorters: "value"}); err != nil || len(groups[i]) != 2 {
			t.Fatalf("entitlements of %s: %+v, %v", name, groups[i], err)
		}
	}
	ref := func(e Entitlement) Reference { return Reference{Type: "ENTITLEMENT", ID: e.ID, Name: e.Name} }
	p, err := c.CreateAccessProfile(ctx, &AccessProfile{Name: "Payroll", Owner: owner, Source: &Reference{Type: RefSource, ID: sources[0]},
		Entitlements: []Reference{ref(groups[0][1])}, Enabled: true, Requestable: true})
	if err != nil || p.Source.Name != "HR" || len(p.Entitlements) != 1 {
		t.Fatalf("CreateAccessProfile = %+v, %v", p, err)
	}
	to := *p
	to.Source = &Reference{Type: RefSource, ID: sources[1]}
	to.Entitlements = []Reference{ref(groups[1][1])}
	emu.ClearRequests()
	moved, err := c.PatchAccessProfile(ctx, p.ID, p, &to)
	if err != nil || moved.Source.ID != sources[1] || moved.Entitlements[0].ID != groups[1][1].ID {
		t.Fatalf("PatchAccessProfile = %+v, %v", moved, err)
	}
	reqs := emu.Requests()
	if len(reqs) != 1 || strings.Contains(reqs[0].Body, `"name"`) || !strings.Contains(reqs[0].Body, "/source") {
		t.Fatalf("the move sent %d requests: %s", len(reqs), reqs[0].Body)
	}
	if err := c.DeleteAccessProfile(ctx, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetAccessProfile(ctx, p.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after the delete: %v", err)
	}
}
