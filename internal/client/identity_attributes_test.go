package client

import (
	"context"
	"errors"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// newEmulatorClient is a client, with its read cache, of an in-process emulator whose traffic is
// checked against SailPoint's OpenAPI.
func newEmulatorClient(t *testing.T, cfg emulator.Config) (*emulator.Server, *Client) {
	t.Helper()
	emu := emulator.New(cfg)
	srv := contract.NewServer(t, emu)
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RequestsPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return emu, c
}

// Identity attributes are read by name from one list per run, system ones included, asked for
// without paging; a PUT keeps the name, and the run reads what it wrote without asking again.
func TestIdentityAttributeLifecycle(t *testing.T) {
	emu, c := newEmulatorClient(t, emulator.Config{Snapshot: &emulator.Snapshot{IdentityAttributes: []emulator.IdentityAttribute{
		{Name: "cloudLifecycleState", System: true}, {Name: "uid", Standard: true},
	}}})
	ctx := context.Background()

	sys, err := c.GetIdentityAttribute(ctx, "cloudLifecycleState")
	if err != nil || !sys.System {
		t.Fatalf("GetIdentityAttribute of a system attribute = %+v, %v", sys, err)
	}
	if _, err := c.GetIdentityAttribute(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetIdentityAttribute of a missing name: %v, want not found", err)
	}
	all, err := c.AllIdentityAttributes(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("AllIdentityAttributes = %+v, %v", all, err)
	}
	reqs := apiRequests(emu)
	if len(reqs) != 1 || reqs[0].Query != "count=true&includeSilent=true&includeSystem=true" {
		t.Fatalf("reads sent %+v, want one list of every attribute without paging", reqs)
	}

	a, err := c.CreateIdentityAttribute(ctx, &IdentityAttribute{Name: "costCenter", DisplayName: "Cost Center", Searchable: true})
	if err != nil || a.Name != "costCenter" || a.Sources == nil {
		t.Fatalf("CreateIdentityAttribute = %+v, %v", a, err)
	}
	if b := apiRequests(emu)[len(apiRequests(emu))-1].Body; b != `{"name":"costCenter","displayName":"Cost Center","standard":false,"multi":false,"searchable":true,"sources":[],"system":false}` {
		t.Fatalf("create sent %s", b)
	}
	emu.ClearRequests()
	if got, err := c.GetIdentityAttribute(ctx, "costCenter"); err != nil || got.DisplayName != "Cost Center" || len(apiRequests(emu)) != 0 {
		t.Fatalf("GetIdentityAttribute after the create = %+v, %v after %d requests", got, err, len(apiRequests(emu)))
	}
	upd, err := c.UpdateIdentityAttribute(ctx, "costCenter", &IdentityAttribute{DisplayName: "Cost centre",
		Sources: []IdentityAttributeSource{{Type: "rule", Properties: map[string]any{"ruleName": "Cloud Promote Identity Attribute"}}}})
	if err != nil || upd.Name != "costCenter" || upd.Searchable || len(upd.Sources) != 1 {
		t.Fatalf("UpdateIdentityAttribute = %+v, %v", upd, err)
	}
	if err := c.DeleteIdentityAttribute(ctx, "uid"); err == nil {
		t.Fatal("deleting a standard attribute succeeded")
	}
	if err := c.DeleteIdentityAttribute(ctx, "costCenter"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetIdentityAttribute(ctx, "costCenter"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetIdentityAttribute after the delete: %v, want not found", err)
	}
}

// apiRequests are the emulator's logged API requests, without token requests.
func apiRequests(emu *emulator.Server) []emulator.Request {
	var out []emulator.Request
	for _, r := range emu.Requests() {
		if r.Path != "/oauth/token" {
			out = append(out, r)
		}
	}
	return out
}
