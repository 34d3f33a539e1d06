package emulator

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func TestIdentityFixtures(t *testing.T) {
	ids := generateIdentities(2000)
	seen := map[string]bool{}
	for i, id := range ids {
		if id.ID != FixtureIdentityID(i) || !hex32.MatchString(id.ID) {
			t.Fatalf("identity %d id %s", i, id.ID)
		}
		if seen[id.Alias] || seen[id.ID] {
			t.Fatalf("identity %d repeats alias %s or id", i, id.Alias)
		}
		seen[id.Alias], seen[id.ID] = true, true
		if i > 0 && (id.ManagerRef == nil || id.ManagerRef.ID != ids[(i-1)/identityManagerSpan].ID) {
			t.Fatalf("identity %d manager %v", i, id.ManagerRef)
		}
	}
	admin := ids[0]
	if admin.ID != AdminIdentityID || admin.Name != AdminIdentityName || admin.Alias != AdminIdentityAlias ||
		admin.EmailAddress != AdminIdentityEmail || !admin.IsManager || admin.ManagerRef != nil {
		t.Fatalf("admin %+v", admin)
	}
	if a, b := generateIdentities(30), generateIdentities(30); !sameJSON(a, b) {
		t.Fatal("fixtures are not deterministic")
	}
}

func TestListIdentities(t *testing.T) {
	h := newHarness(t, Config{Identities: 100})
	list := func(q string) response { return h.do("GET", "/identities"+q, nil).expect(http.StatusOK) }

	r := list("?count=true&limit=5")
	if got := r.header.Get("X-Total-Count"); got != "90" {
		t.Fatalf("correlated identities %s, want 90", got)
	}
	if l := r.list(); len(l) != 5 || l[0]["id"] != AdminIdentityID {
		t.Fatalf("first page %v", l)
	}
	if got := list("?count=true&defaultFilter=NONE&limit=0").header.Get("X-Total-Count"); got != "100" {
		t.Fatalf("all identities %s", got)
	}
	h.offContract().do("GET", "/identities?defaultFilter=SOME", nil).expectError(http.StatusBadRequest, "defaultFilter")

	one := func(filter string) map[string]any {
		t.Helper()
		l := list("?defaultFilter=NONE&filters=" + urlEscape(filter)).list()
		if len(l) != 1 {
			t.Fatalf("%s matched %d identities", filter, len(l))
		}
		return l[0]
	}
	if got := one(`alias eq "ISC.ADMIN"`); got["id"] != AdminIdentityID {
		t.Fatalf("alias lookup %v", got)
	}
	if got := one(`email eq "` + AdminIdentityEmail + `"`); got["name"] != AdminIdentityName {
		t.Fatalf("email lookup %v", got)
	}
	fifth := FixtureIdentityID(5)
	if got := one(`id eq "` + fifth + `"`); got["managerRef"].(obj)["id"] != AdminIdentityID {
		t.Fatalf("id lookup %v", got)
	}
	if l := list(`?filters=` + urlEscape(`id in ("`+fifth+`","`+FixtureIdentityID(6)+`")`)).list(); len(l) != 2 {
		t.Fatalf("id in: %d", len(l))
	}
	if l := list(`?defaultFilter=NONE&filters=` + urlEscape(`correlated eq false`)).list(); len(l) != 10 {
		t.Fatalf("uncorrelated: %d", len(l))
	}
	if l := list(`?filters=` + urlEscape(`correlated eq false`)).list(); len(l) != 0 {
		t.Fatalf("uncorrelated under CORRELATED_ONLY: %d", len(l))
	}
	if l := list(`?filters=` + urlEscape(`processingState eq "ERROR"`)).list(); len(l) != 4 {
		t.Fatalf("processingState ERROR: %d", len(l))
	}
	if l := list(`?defaultFilter=NONE&filters=` + urlEscape(`protected eq true and cloudStatus eq "ACTIVE"`)).list(); len(l) != 4 {
		t.Fatalf("protected active: %d", len(l))
	}
	first := firstNames[0]
	for _, i := range list(`?filters=` + urlEscape(`firstname eq "`+first+`" or lastname sw "an"`)).list() {
		a := i["attributes"].(obj)
		if a["firstname"] != first && !strings.HasPrefix(strings.ToLower(a["lastname"].(string)), "an") {
			t.Fatalf("filter matched %v", a)
		}
	}
	for q, want := range map[string]string{
		`name co "a"`:           "'co'",
		`department eq "Sales"`: "'department'",
		`correlated eq "yes"`:   "true or false",
		`name eq "x" and (`:     "field name",
	} {
		h.do("GET", "/identities?filters="+urlEscape(q), nil).expectError(http.StatusBadRequest, want)
	}
	h.do("GET", "/identities?sorters=email", nil).expectError(http.StatusBadRequest, "'email'")

	sorted := list("?sorters=-cloudStatus,name&limit=250").list()
	for i := 1; i < len(sorted); i++ {
		a, b := sorted[i-1], sorted[i]
		if c := compareValues(a["identityStatus"], b["identityStatus"]); c < 0 || c == 0 && compareValues(a["name"], b["name"]) > 0 {
			t.Fatalf("order broken at %d: %v / %v", i, a["name"], b["name"])
		}
	}
	// Sorting a request does not reorder the fixtures.
	if l := list("?limit=1").list(); l[0]["id"] != AdminIdentityID {
		t.Fatal("fixture order changed")
	}
}

func TestGetIdentity(t *testing.T) {
	h := newHarness(t, Config{})
	got := h.do("GET", "/identities/"+AdminIdentityID, nil).expect(http.StatusOK).obj()
	for _, f := range []string{"id", "name", "created", "modified", "alias", "emailAddress", "processingState", "identityStatus",
		"managerRef", "isManager", "lastRefresh", "attributes", "lifecycleState"} {
		if _, ok := got[f]; !ok {
			t.Errorf("identity lacks %s", f)
		}
	}
	// Uncorrelated identities are hidden from the default list but readable by id.
	h.do("GET", "/identities/"+FixtureIdentityID(9), nil).expect(http.StatusOK)
	h.do("GET", "/identities/ffffffffffffffffffffffffffffffff", nil).expect(http.StatusNotFound)
}

// FuzzListQuery sends arbitrary collection parameters to list operations: the answer is a 200 or
// a 400 that explains itself, never a panic or a 500.
func FuzzListQuery(f *testing.F) {
	for _, s := range []string{`name sw "A"`, `id in ("x") or not (correlated eq true)`, `((`, `email eq "\\"`, `name eq 1`, `cloudStatus eq "ACTIVE"`} {
		f.Add(s, "name,-alias", "10", "0")
	}
	srv := New(Config{Identities: 200, Now: newFakeClock().Now})
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("POST", "/oauth/token?grant_type=client_credentials&client_id="+DefaultClientID+"&client_secret="+DefaultClientSecret, nil))
	token := rec.Body.String()
	token = token[strings.Index(token, `"access_token":"`)+16:]
	token = token[:strings.IndexByte(token, '"')]

	f.Fuzz(func(t *testing.T, filters, sorters, limit, offset string) {
		q := url.Values{"filters": {filters}, "sorters": {sorters}, "limit": {limit}, "offset": {offset}, "count": {"true"}}
		for _, path := range []string{"/identities", "/sources", "/identity-profiles"} {
			req := httptest.NewRequest("GET", apiPath(path+"?"+q.Encode()), nil)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, req)
			switch rec.Code {
			case http.StatusOK:
			case http.StatusBadRequest:
				if !strings.Contains(rec.Body.String(), `"text":"`) {
					t.Fatalf("400 without a message: %s", rec.Body)
				}
			default:
				t.Fatalf("%s %v: status %d %s", path, q, rec.Code, rec.Body)
			}
		}
	})
}

// BenchmarkFilterIdentities measures a filtered, sorted, counted list over 10 000 identities.
func BenchmarkFilterIdentities(b *testing.B) {
	srv := New(Config{Identities: 10000, Now: newFakeClock().Now})
	srv.mu.Lock()
	srv.tokens["bench"] = &token{expires: newFakeClock().Now().Add(DefaultTokenTTL)}
	srv.mu.Unlock()
	q := url.Values{"defaultFilter": {"NONE"}, "count": {"true"}, "sorters": {"-cloudStatus,name"}, "limit": {"250"},
		"filters": {`(lastname sw "K" or email sw "emma") and correlated eq true and not processingState eq "ERROR"`}}
	req := httptest.NewRequest("GET", apiPath("/identities?"+q.Encode()), nil)
	req.Header.Set("Authorization", "Bearer bench")
	b.ResetTimer()
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %s", rec.Code, rec.Body)
		}
	}
}
