package emulator

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
)

// sourcesNamed returns the sources called name.
func (h *harness) sourcesNamed(name string) []map[string]any {
	h.t.Helper()
	return h.do("GET", "/sources?filters="+urlEscape(`name eq "`+name+`"`), nil).expect(http.StatusOK).list()
}

// lastSourceCreate is the newest request-log record of a source create.
func lastSourceCreate(t *testing.T, s *Server) Request {
	t.Helper()
	const route = "POST /sources/v1"
	log := s.Requests()
	for i := len(log) - 1; i >= 0; i-- {
		if log[i].Route == route {
			return log[i]
		}
	}
	t.Fatalf("no %s in the request log", route)
	return Request{}
}

// TestFaultKinds injects each kind into one source create and checks what the client got, whether
// the source was created, the request log, the stats, and that the fault is then used up. An
// answer the fault made up says so (FaultHeader), which keeps it out of the contract check.
func TestFaultKinds(t *testing.T) {
	const route = "POST /sources/v1"
	if FaultHeader != contract.FaultHeader {
		t.Fatalf("FaultHeader %q, but the contract check exempts answers marked %q", FaultHeader, contract.FaultHeader)
	}
	for _, tc := range []struct {
		fault      Fault
		wantStatus int  // 0: the connection is dropped
		wantDone   bool // the source exists afterwards
		check      func(t *testing.T, h *harness, r response, elapsed time.Duration)
	}{
		{Fault{Kind: Fault429, RetryAfter: 7}, http.StatusTooManyRequests, false, func(t *testing.T, _ *harness, r response, _ time.Duration) {
			if r.header.Get("Retry-After") != "7" || r.obj()["message"] != " Rate Limit Exceeded " {
				t.Errorf("429 answer %v %s", r.header, r.body)
			}
		}},
		{Fault{Kind: Fault500}, http.StatusInternalServerError, false, nil},
		{Fault{Kind: Fault502}, http.StatusBadGateway, false, nil},
		{Fault{Kind: Fault503}, http.StatusServiceUnavailable, false, func(t *testing.T, _ *harness, r response, _ time.Duration) {
			if r.obj()["detailCode"] != "503" {
				t.Errorf("503 body %s", r.body)
			}
		}},
		{Fault{Kind: "401"}, http.StatusUnauthorized, false, func(t *testing.T, h *harness, r response, _ time.Duration) {
			if r.obj()["error"] != "JWT validation failed: injected fault" {
				t.Errorf("401 body %s", r.body)
			}
			h.do("GET", "/sources", nil).expect(http.StatusOK) // the token still works
		}},
		{Fault{Kind: FaultDelay, Delay: 300 * time.Millisecond}, http.StatusCreated, true, func(t *testing.T, _ *harness, _ response, elapsed time.Duration) {
			if elapsed < 300*time.Millisecond {
				t.Errorf("answered after %v, before the delay", elapsed)
			}
		}},
		{Fault{Kind: FaultDrop}, 0, false, nil},
		{Fault{Kind: FaultDropAfterCommit}, 0, true, nil},
		{Fault{Kind: FaultRevokeTokens}, http.StatusUnauthorized, false, func(t *testing.T, h *harness, r response, _ time.Duration) {
			if r.obj()["error"] != "JWT validation failed: JWT is invalid" {
				t.Errorf("401 body %s", r.body)
			}
			r = h.do("GET", "/sources", nil).expect(http.StatusUnauthorized)
			if r.obj()["error"] != "JWT validation failed: JWT is invalid" {
				t.Errorf("revoked token answer %s", r.body)
			}
		}},
	} {
		t.Run(string(tc.fault.Kind), func(t *testing.T) {
			h := newHarness(t, Config{})
			tc.fault.Route = route
			if err := h.srv.InjectFault(tc.fault); err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			r, err := h.attempt("POST", "/sources", `{"name":"Faulty","connector":"jdbc","owner":{"id":"`+AdminIdentityID+`"}}`)
			elapsed := time.Since(start)
			switch {
			case tc.wantStatus == 0 && err == nil:
				t.Fatalf("answered %d, want a dropped connection", r.status)
			case tc.wantStatus != 0 && err != nil:
				t.Fatalf("%v, want %d", err, tc.wantStatus)
			case tc.wantStatus != 0:
				r.expect(tc.wantStatus)
				if tc.wantStatus >= 400 && r.header.Get("Content-Encoding") != "UTF-8" {
					t.Errorf("no Content-Encoding: UTF-8 on the injected error")
				}
				if madeUp := tc.fault.Kind != FaultDelay; madeUp != (r.header.Get(FaultHeader) == string(tc.fault.Kind)) {
					t.Errorf("%s: %q, want it on made-up answers only", FaultHeader, r.header.Get(FaultHeader))
				}
			}
			if tc.check != nil {
				tc.check(t, h, r, elapsed)
			}

			rec := lastSourceCreate(t, h.srv)
			if rec.Fault != tc.fault.Kind || rec.Status != tc.wantStatus {
				t.Errorf("log record fault %q status %d, want %q %d", rec.Fault, rec.Status, tc.fault.Kind, tc.wantStatus)
			}
			if st := h.srv.Stats(); st.Faults[tc.fault.Kind] != 1 || len(st.Faults) != 1 {
				t.Errorf("stats faults %v", st.Faults)
			}

			h.token = h.getToken()
			got := h.sourcesNamed("Faulty")
			if done := len(got) == 1; done != tc.wantDone {
				t.Fatalf("source created: %v, want %v", done, tc.wantDone)
			}
			if tc.wantDone {
				h.do("GET", "/sources/"+got[0]["id"].(string), nil).expect(http.StatusOK)
			}
			if f := h.srv.Faults(); len(f) != 0 {
				t.Fatalf("fault not used up: %v", f)
			}
			h.createSource("Healthy", "jdbc", nil)
			if rec := lastSourceCreate(t, h.srv); rec.Fault != "" {
				t.Errorf("the request after the fault got %q", rec.Fault)
			}
		})
	}
}

func TestFaultDelayClientGivesUp(t *testing.T) {
	h := newHarness(t, Config{})
	if err := h.srv.InjectFault(Fault{Kind: FaultDelay, Route: "POST", Delay: time.Second}); err != nil {
		t.Fatal(err)
	}
	impatient := &http.Client{Timeout: 50 * time.Millisecond, Transport: &http.Transport{DisableKeepAlives: true}}
	if _, err := h.roundTrip(impatient, "POST", apiPath("/sources"), "application/json",
		`{"name":"Abandoned","connector":"jdbc","owner":{"id":"`+AdminIdentityID+`"}}`, "Bearer "+h.token); err == nil {
		t.Fatal("the client did not time out")
	}
	// The record is written when the handler returns: at once when it notices the client left,
	// after the delay (having created the source) when it does not.
	deadline := time.Now().Add(3 * time.Second)
	for len(h.srv.Requests()) < 2 {
		if time.Now().After(deadline) {
			t.Fatal("the delayed request never finished")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if rec := lastSourceCreate(t, h.srv); rec.Status != 0 || rec.Fault != FaultDelay {
		t.Errorf("record %+v", rec)
	}
	if got := h.sourcesNamed("Abandoned"); len(got) != 0 {
		t.Fatalf("an abandoned request was acted upon: %v", got)
	}
}

// A hang holds the request, never answering, until the client gives up; the request is not acted
// upon, and the fault is used up.
func TestFaultHangUntilClientGivesUp(t *testing.T) {
	h := newHarness(t, Config{})
	if err := h.srv.InjectFault(Fault{Kind: FaultHang, Route: "POST /sources/v1"}); err != nil {
		t.Fatal(err)
	}
	const patience = 300 * time.Millisecond
	impatient := &http.Client{Timeout: patience, Transport: &http.Transport{DisableKeepAlives: true}}
	start := time.Now()
	r, err := h.roundTrip(impatient, "POST", apiPath("/sources"), "application/json",
		`{"name":"Unanswered","connector":"jdbc","owner":{"id":"`+AdminIdentityID+`"}}`, "Bearer "+h.token)
	if err == nil {
		t.Fatalf("answered %d, want no answer", r.status)
	}
	if elapsed := time.Since(start); elapsed < patience {
		t.Fatalf("gave up after %v, before the client's %v", elapsed, patience)
	}
	deadline := time.Now().Add(3 * time.Second)
	for len(h.srv.Requests()) < 2 { // the record is written when the held request ends
		if time.Now().After(deadline) {
			t.Fatal("the held request did not end when the client gave up")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if rec := lastSourceCreate(t, h.srv); rec.Status != 0 || rec.Fault != FaultHang {
		t.Errorf("record %+v", rec)
	}
	if st := h.srv.Stats(); st.Faults[FaultHang] != 1 {
		t.Errorf("stats faults %v", st.Faults)
	}
	if got := h.sourcesNamed("Unanswered"); len(got) != 0 {
		t.Fatalf("a request that got no answer was acted upon: %v", got)
	}
	if f := h.srv.Faults(); len(f) != 0 {
		t.Fatalf("fault not used up: %v", f)
	}
}

func TestFaultRoutes(t *testing.T) {
	h := newHarness(t, Config{})
	id := h.createSource("Routed", "jdbc", nil)["id"].(string)
	patch := `[{"op":"replace","path":"/description","value":"d"}]`
	for _, tc := range []struct {
		route, method, path string
		fires               bool
	}{
		{"", "GET", "/sources", true},
		{"", "GET", "/nowhere", true},
		{"GET", "GET", "/sources/" + id, true},
		{"GET", "PATCH", "/sources/" + id, false},
		{"GET /sources/v1/{id}", "GET", "/sources/" + id, true},
		{"GET /sources/v1/{id}", "GET", "/sources", false},
		{"/sources/v1/{id}", "PATCH", "/sources/" + id, true},
		{"/sources/v1/{id}", "GET", "/sources", false},
		{"POST /sources/v1", "POST", "/identity-profiles", false},
	} {
		h.srv.ClearFaults()
		if err := h.srv.InjectFault(Fault{Kind: Fault503, Route: tc.route}); err != nil {
			t.Fatal(err)
		}
		// The requests are picked for their routes, some of them outside the contract.
		var r response
		if tc.method == "PATCH" {
			r = h.offContract().patch(tc.path, patch)
		} else {
			r = h.offContract().do(tc.method, tc.path, nil)
		}
		if fired := r.status == http.StatusServiceUnavailable; fired != tc.fires || fired != (len(h.srv.Faults()) == 0) {
			t.Errorf("route %q, %s %s: status %d, %d faults left, want fired %v", tc.route, tc.method, tc.path, r.status, len(h.srv.Faults()), tc.fires)
		}
	}

	// A route names one API version: the same operation on the other path is left alone.
	h.srv.ClearFaults()
	if err := h.srv.InjectFault(Fault{Kind: Fault503, Route: "GET /v2025/sources/{id}"}); err != nil {
		t.Fatal(err)
	}
	h.raw("GET", apiversion.V1.Path("/sources/"+id), "", "", h.token).expect(http.StatusOK)
	h.raw("GET", apiversion.V2025.Path("/sources/"+id), "", "", h.token).expect(http.StatusServiceUnavailable)
}

func TestFaultValidation(t *testing.T) {
	s := New(Config{})
	for _, tc := range []struct {
		fault Fault
		want  string
	}{
		{Fault{}, "needs a kind"},
		{Fault{Kind: "200"}, "unknown fault kind"},
		{Fault{Kind: "600"}, "unknown fault kind"},
		{Fault{Kind: "0503"}, "unknown fault kind"},
		{Fault{Kind: "teapot"}, "unknown fault kind"},
		{Fault{Kind: Fault503, Count: -1}, "count"},
		{Fault{Kind: Fault503, Fraction: 1.5}, "fraction"},
		{Fault{Kind: Fault503, Seed: 3}, "seed needs a fraction"},
		{Fault{Kind: Fault503, RetryAfter: 5}, "retryAfter"},
		{Fault{Kind: Fault429, RetryAfter: -1}, "retryAfter"},
		{Fault{Kind: FaultDelay}, "positive delay"},
		{Fault{Kind: FaultDrop, Delay: time.Second}, "delay is for kind delay"},
		{Fault{Kind: FaultHang, Delay: time.Second}, "delay is for kind delay"},
		{Fault{Kind: Fault503, Route: "GET /source/v1/{id}"}, "no API route matches"},
		{Fault{Kind: Fault503, Route: "GET /sources/v1/2c91"}, "no API route matches"},
		{Fault{Kind: Fault503, Route: "get"}, "no API route matches"},
		{Fault{Kind: Fault503, Route: "POST /oauth/token"}, "no API route matches"},
	} {
		if err := s.InjectFault(tc.fault); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: error %v, want %q", tc.fault, err, tc.want)
		}
	}
	if f := s.Faults(); len(f) != 0 {
		t.Fatalf("invalid faults were injected: %v", f)
	}

	if err := s.InjectFault(Fault{Kind: Fault429}); err != nil {
		t.Fatal(err)
	}
	if err := s.InjectFault(Fault{Kind: FaultDrop, Fraction: 0.5}); err != nil {
		t.Fatal(err)
	}
	want := []Fault{{Kind: Fault429, Count: 1, RetryAfter: 1}, {Kind: FaultDrop, Fraction: 0.5}}
	if got := s.Faults(); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("defaults: %+v, want %+v", got, want)
	}
}

// faultPattern sends n requests and writes x for each that got a 503 and . for each that did not.
func faultPattern(h *harness, n int) string {
	h.t.Helper()
	var b strings.Builder
	for range n {
		switch r := h.do("GET", "/sources", nil); r.status {
		case http.StatusServiceUnavailable:
			b.WriteByte('x')
		case http.StatusOK:
			b.WriteByte('.')
		default:
			h.t.Fatalf("status %d", r.status)
		}
	}
	return b.String()
}

func TestFaultFraction(t *testing.T) {
	h := newHarness(t, Config{})
	inject := func(f Fault) {
		t.Helper()
		h.srv.ClearFaults()
		f.Kind, f.Route = Fault503, "GET /sources/v1"
		if err := h.srv.InjectFault(f); err != nil {
			t.Fatal(err)
		}
	}
	inject(Fault{Fraction: 0.5, Seed: 42})
	first := faultPattern(h, 40)
	if n := strings.Count(first, "x"); n < 8 || n > 32 {
		t.Fatalf("%d of 40 faulted at fraction 0.5: %s", n, first)
	}
	inject(Fault{Fraction: 0.5, Seed: 42})
	if again := faultPattern(h, 40); again != first {
		t.Fatalf("the same seed gave %s, then %s", first, again)
	}
	inject(Fault{Fraction: 0.5, Seed: 43})
	if other := faultPattern(h, 40); other == first {
		t.Fatalf("seeds 42 and 43 gave the same faults %s", first)
	}
	inject(Fault{Fraction: 1})
	if got := faultPattern(h, 5); got != "xxxxx" || len(h.srv.Faults()) != 1 {
		t.Fatalf("fraction 1 without a count: %s, faults left %v", got, h.srv.Faults())
	}
	inject(Fault{Fraction: 0.5, Count: 3})
	if got := faultPattern(h, 40); strings.Count(got, "x") != 3 || len(h.srv.Faults()) != 0 {
		t.Fatalf("fraction capped at 3: %s, faults left %v", got, h.srv.Faults())
	}
}

func TestFaultOrder(t *testing.T) {
	h := newHarness(t, Config{})
	id := h.createSource("Ordered", "jdbc", nil)["id"].(string)
	for _, f := range []Fault{
		{Kind: Fault500, Route: "GET /sources/v1", Fraction: 1e-9}, // matches, never fires
		{Kind: Fault503, Route: "GET /sources/v1/{id}", Count: 2},
		{Kind: Fault429},
	} {
		if err := h.srv.InjectFault(f); err != nil {
			t.Fatal(err)
		}
	}
	// The route-less fault comes last but is the first that fires on the list.
	h.do("GET", "/sources", nil).expect(http.StatusTooManyRequests)
	h.do("GET", "/sources/"+id, nil).expect(http.StatusServiceUnavailable)
	h.do("GET", "/sources/"+id, nil).expect(http.StatusServiceUnavailable)
	h.do("GET", "/sources/"+id, nil).expect(http.StatusOK)
	h.do("GET", "/sources", nil).expect(http.StatusOK)
	if f := h.srv.Faults(); len(f) != 1 || f[0].Kind != Fault500 {
		t.Fatalf("faults left %v", f)
	}
}

func TestFaultsConcurrent(t *testing.T) {
	h := newHarness(t, Config{})
	if err := h.srv.InjectFault(Fault{Kind: Fault503, Count: 10}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 5 {
				h.raw("GET", apiPath("/sources"), "", "", h.token)
			}
		})
	}
	wg.Wait()
	if st := h.srv.Stats(); st.Faults[Fault503] != 10 || st.ByStatus[503] != 10 || st.ByRoute["GET /sources/v1"] != 40 {
		t.Fatalf("stats %+v", st)
	}
}

func TestFaultAdminAPI(t *testing.T) {
	h := newHarness(t, Config{})
	post := func(body string) response {
		return h.raw("POST", "/__emulator/faults", "application/json", body, "")
	}
	post(`{"kind":"delay","route":"GET","delay":"250ms","fraction":0.25,"seed":9,"count":4}`).expect(http.StatusNoContent)
	post(`{"kind":"drop-after-commit","route":"POST /sources/v1"}`).expect(http.StatusNoContent)
	post(`{"route":"GET /sources/v1","status":503}`).expectError(http.StatusBadRequest, `unknown field "status"`)
	post(`{"kind":"delay","delay":"soon"}`).expectError(http.StatusBadRequest, "delay")
	post(`{"kind":"503","retryAfter":2}`).expectError(http.StatusBadRequest, "retryAfter")
	post(`{"kind":503}`).expectError(http.StatusBadRequest, "kind")

	var listed []Fault
	if err := json.Unmarshal(h.raw("GET", "/__emulator/faults", "", "", "").expect(http.StatusOK).body, &listed); err != nil {
		t.Fatal(err)
	}
	want := []Fault{
		{Kind: FaultDelay, Route: "GET", Delay: 250 * time.Millisecond, Fraction: 0.25, Seed: 9, Count: 4},
		{Kind: FaultDropAfterCommit, Route: "POST /sources/v1", Count: 1},
	}
	if len(listed) != 2 || listed[0] != want[0] || listed[1] != want[1] {
		t.Fatalf("listed %+v, want %+v", listed, want)
	}

	// The request log and the stats name the fault.
	if _, err := h.attempt("POST", "/sources", `{"name":"Lost","connector":"jdbc","owner":{"id":"`+AdminIdentityID+`"}}`); err == nil {
		t.Fatal("drop-after-commit answered")
	}
	if log := h.raw("GET", "/__emulator/requests", "", "", "").expect(http.StatusOK).body; !strings.Contains(string(log), `"status":0,"fault":"drop-after-commit"`) {
		t.Fatalf("request log %s", log)
	}
	if st := h.raw("GET", "/__emulator/stats", "", "", "").expect(http.StatusOK).obj(); st["faults"].(map[string]any)["drop-after-commit"] != float64(1) {
		t.Fatalf("stats %v", st)
	}

	h.raw("DELETE", "/__emulator/faults", "", "", "").expect(http.StatusNoContent)
	if len(h.srv.Faults()) != 0 {
		t.Fatal("DELETE left faults")
	}
	post(`{"kind":"500"}`).expect(http.StatusNoContent)
	h.raw("POST", "/__emulator/reset", "", "", "").expect(http.StatusNoContent)
	if len(h.srv.Faults()) != 0 {
		t.Fatal("reset left faults")
	}
}

func TestTokenExpiryAndRevocation(t *testing.T) {
	for _, tc := range []struct{ op, want string }{
		{"expire", "JWT validation failed: JWT is expired"},
		{"revoke", "JWT validation failed: JWT is invalid"},
	} {
		h := newHarness(t, Config{})
		other := h.getToken()
		h.raw("POST", "/__emulator/tokens/"+tc.op, "", "", "").expect(http.StatusNoContent)
		for _, tok := range []string{h.token, other} {
			r := h.raw("GET", apiPath("/sources"), "", "", tok).expect(http.StatusUnauthorized)
			if r.obj()["error"] != tc.want || r.header.Get("Content-Encoding") != "UTF-8" {
				t.Errorf("%s: answer %v %s", tc.op, r.header, r.body)
			}
		}
		h.token = h.getToken()
		h.do("GET", "/sources", nil).expect(http.StatusOK)
	}
}

func TestFaultWithoutErrorContentEncoding(t *testing.T) {
	h := newHarness(t, Config{NoErrorContentEncoding: true})
	if err := h.srv.InjectFault(Fault{Kind: Fault502}); err != nil {
		t.Fatal(err)
	}
	if r := h.do("GET", "/sources", nil).expect(http.StatusBadGateway); r.header.Get("Content-Encoding") != "" {
		t.Fatalf("Content-Encoding %q despite NoErrorContentEncoding", r.header.Get("Content-Encoding"))
	}
}

func TestParseFault(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Fault
	}{
		{"503", Fault{Kind: Fault503, Count: 1}},
		{"  429   POST retryAfter=5 ", Fault{Kind: Fault429, Route: "POST", Count: 1, RetryAfter: 5}},
		{"503 GET /sources/v1/{id} count=2", Fault{Kind: Fault503, Route: "GET /sources/v1/{id}", Count: 2}},
		{"drop-after-commit /sources/v1", Fault{Kind: FaultDropAfterCommit, Route: "/sources/v1", Count: 1}},
		{"hang GET count=3", Fault{Kind: FaultHang, Route: "GET", Count: 3}},
		{"delay delay=1.5s fraction=0.1 seed=7", Fault{Kind: FaultDelay, Delay: 1500 * time.Millisecond, Fraction: 0.1, Seed: 7}},
		{"revoke-tokens fraction=0.01 seed=-3 count=2", Fault{Kind: FaultRevokeTokens, Fraction: 0.01, Seed: -3, Count: 2}},
	} {
		got, err := ParseFault(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseFault(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
			continue
		}
		if again, err := ParseFault(got.String()); err != nil || again != got {
			t.Errorf("%q does not read back: %+v, %v", got.String(), again, err)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"", "empty fault"},
		{"teapot", "unknown fault kind"},
		{"503 count=two", "fault option count"},
		{"503 times=2", `unknown fault option "times"`},
		{"delay delay=5", "fault option delay"},
		{"delay", "positive delay"},
		{"503 fraction=2", "fraction"},
	} {
		if _, err := ParseFault(tc.in); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseFault(%q) error %v, want %q", tc.in, err, tc.want)
		}
	}
}
