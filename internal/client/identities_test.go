package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

func TestListIdentitiesSendsTheFilterEncoded(t *testing.T) {
	value := `R&D "lab" #1 100% C:\x`
	var got []url.Values
	var raw []string
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Query())
		raw = append(raw, r.URL.RawQuery)
		w.Header().Set("X-Total-Count", "0")
		writeJSON(w, 200, `[]`)
	})
	c, _ := newTestClient(t, f.URL)
	extra := url.Values{"x": {"1"}}
	opts := IdentityListOptions{ListOptions: ListOptions{Filters: FilterEq("name", value), Max: 2, Query: extra}, IncludeUncorrelated: true}
	if _, _, err := c.ListIdentities(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	q := got[0]
	if want := `name eq "R&D \"lab\" #1 100% C:\\x"`; q.Get("filters") != want {
		t.Errorf("filters = %s, want %s", q.Get("filters"), want)
	}
	if q.Get("defaultFilter") != "NONE" || q.Get("limit") != "2" || q.Get("offset") != "0" || q.Get("count") != "true" || q.Get("x") != "1" {
		t.Errorf("query = %v", q)
	}
	// &, # and % reach ISC percent-encoded, so they cannot end the parameter or the URL.
	for _, enc := range []string{"%26", "%23", "%25"} {
		if !strings.Contains(raw[0], enc) {
			t.Errorf("raw query %s lacks %s", raw[0], enc)
		}
	}
	if len(extra) != 1 {
		t.Errorf("the caller's query was changed: %v", extra)
	}

	if _, _, err := c.ListIdentities(context.Background(), IdentityListOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, ok := got[1]["defaultFilter"]; ok {
		t.Errorf("defaultFilter sent without IncludeUncorrelated: %v", got[1])
	}
}

// emulatorClient is a client of an in-process emulator with n fixture identities.
func emulatorClient(t *testing.T, n int) *Client {
	t.Helper()
	srv := contract.NewServer(t, emulator.New(emulator.Config{Identities: n}))
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RequestsPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestIdentityFiltersKeepTheirMeaning(t *testing.T) {
	c := emulatorClient(t, 50)
	ctx := context.Background()
	count := func(filter string) int {
		t.Helper()
		_, n, err := c.ListIdentities(ctx, IdentityListOptions{ListOptions: ListOptions{Filters: filter}, IncludeUncorrelated: true})
		if err != nil {
			t.Fatalf("%s: %v", filter, err)
		}
		return n
	}
	// The injection this guards against: spliced in unquoted, the name matches every identity.
	injected := emulator.AdminIdentityName + `" or name sw "`
	if n := count(`name eq "` + injected + `"`); n != 50 {
		t.Fatalf("unquoted injection matched %d, want all 50 (the check below would prove nothing)", n)
	}
	for value, want := range map[string]int{
		emulator.AdminIdentityName: 1,
		injected:                   0,
		`\`:                        0,
		`"`:                        0,
		"R&D #1 100% a=b+c?":       0,
	} {
		if n := count(FilterEq("name", value)); n != want {
			t.Errorf("name eq %q matched %d, want %d", value, n, want)
		}
	}
}

func TestGetAndListIdentities(t *testing.T) {
	c := emulatorClient(t, 20)
	ctx := context.Background()

	admin, err := c.GetIdentity(ctx, emulator.AdminIdentityID)
	if err != nil {
		t.Fatal(err)
	}
	if admin.Alias != emulator.AdminIdentityAlias || admin.EmailAddress != emulator.AdminIdentityEmail || !admin.IsManager ||
		admin.LifecycleState == nil || admin.LifecycleState.StateName != "active" || admin.Attributes["uid"] != emulator.AdminIdentityAlias {
		t.Errorf("admin = %+v", admin)
	}
	report, err := c.GetIdentity(ctx, emulator.FixtureIdentityID(1))
	if err != nil || report.ManagerRef == nil || report.ManagerRef.ID != emulator.AdminIdentityID || report.ManagerRef.Name != emulator.AdminIdentityName {
		t.Errorf("identity 1 = %+v, %v", report, err)
	}
	if _, err := c.GetIdentity(ctx, "nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing identity: %v", err)
	}

	// Identity 9 has no correlated account: ISC's default filter hides it.
	uncorrelated := IdentityListOptions{ListOptions: ListOptions{Filters: FilterEq("id", emulator.FixtureIdentityID(9))}}
	if l, n, err := c.ListIdentities(ctx, uncorrelated); err != nil || len(l) != 0 || n != 0 {
		t.Errorf("uncorrelated by default: %d items, total %d, %v", len(l), n, err)
	}
	uncorrelated.IncludeUncorrelated = true
	if l, n, err := c.ListIdentities(ctx, uncorrelated); err != nil || len(l) != 1 || n != 1 || l[0].LifecycleState != nil || l[0].IdentityStatus != "UNREGISTERED" {
		t.Errorf("uncorrelated with IncludeUncorrelated: %+v, total %d, %v", l, n, err)
	}

	// Max bounds what is read; the total still counts every match.
	some, n, err := c.ListIdentities(ctx, IdentityListOptions{ListOptions: ListOptions{Sorters: "-name", Max: 2}})
	if err != nil || len(some) != 2 || n != 18 || some[0].Name < some[1].Name {
		t.Errorf("Max 2, sorted by -name: %d items %v, total %d, %v", len(some), some, n, err)
	}
}

func TestIdentityPages(t *testing.T) {
	c := emulatorClient(t, 600)
	ctx := context.Background()
	opts := IdentityListOptions{ListOptions: ListOptions{Max: 520}, IncludeUncorrelated: true}
	var sizes []int
	total := -1
	var first ListedIdentity
	for page, err := range c.IdentityPages(ctx, opts, &total) {
		if err != nil {
			t.Fatal(err)
		}
		if sizes == nil {
			first = page[0]
		}
		sizes = append(sizes, len(page))
	}
	if fmt.Sprint(sizes) != "[250 250 20]" || total != 600 {
		t.Errorf("pages of %v, total %d, want [250 250 20] of 600", sizes, total)
	}
	var attrs map[string]any
	if err := json.Unmarshal(first.Attributes, &attrs); err != nil || attrs["uid"] != emulator.AdminIdentityAlias {
		t.Errorf("attributes %s: %v", first.Attributes, err)
	}
	if first.ID != emulator.AdminIdentityID || first.Alias != emulator.AdminIdentityAlias || !first.IsManager ||
		first.LifecycleState == nil || first.LifecycleState.StateName != "active" || first.ManagerRef != nil {
		t.Errorf("first identity = %+v", first)
	}
}

func TestIdentityPageBodiesAreNotLogged(t *testing.T) {
	body := []byte(`[{"id": "1", "name": "Jane Doe", "emailAddress": "jane@example.com"}]`)
	got := redactJSON(withBodiesUnlogged(context.Background(), "a page of identities"), body)
	if strings.Contains(got, "jane") || got != fmt.Sprintf("(%d bytes: a page of identities, not logged)", len(body)) {
		t.Errorf("logged %s", got)
	}
	if got := redactJSON(context.Background(), body); !strings.Contains(got, "jane@example.com") {
		t.Errorf("other calls log %s, want the body", got)
	}
}
