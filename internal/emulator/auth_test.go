package emulator

import (
	"encoding/base64"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// postToken asks for a token with a form and, if basic is "user:pass", HTTP basic auth.
func (h *harness) postToken(form url.Values, basic string) response {
	h.t.Helper()
	auth := ""
	if basic != "" {
		auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(basic))
	}
	return h.rawAuth("POST", "/oauth/token", "application/x-www-form-urlencoded", form.Encode(), auth)
}

func TestTokenFormAndBasicAuth(t *testing.T) {
	h := newHarness(t, Config{TokenTTL: time.Hour})
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {DefaultClientID}, "client_secret": {DefaultClientSecret}}
	m := h.postToken(form, "").expect(http.StatusOK).obj()
	if m["token_type"] != "bearer" || m["expires_in"] != float64(3600) || m["scope"] != "sp:scopes:all" || m["access_token"] == "" {
		t.Fatalf("token response %v", m)
	}
	h.raw("GET", apiPath("/sources"), "", "", m["access_token"].(string)).expect(http.StatusOK)

	m = h.postToken(url.Values{"grant_type": {"client_credentials"}}, DefaultClientID+":"+DefaultClientSecret).expect(http.StatusOK).obj()
	h.raw("GET", apiPath("/sources"), "", "", m["access_token"].(string)).expect(http.StatusOK)

	// The query-string form ISC documents works too.
	h.raw("POST", "/oauth/token?"+form.Encode(), "", "", "").expect(http.StatusOK)
}

func TestTokenErrors(t *testing.T) {
	h := newHarness(t, Config{ClientID: "id", ClientSecret: "s3cret"})
	r := h.postToken(url.Values{"grant_type": {"client_credentials"}, "client_id": {"id"}, "client_secret": {"wrong"}}, "")
	if r.expect(http.StatusUnauthorized).obj()["error"] != "invalid_client" || r.header.Get("Content-Encoding") != "UTF-8" {
		t.Fatalf("401 %v %s", r.header, r.body)
	}
	h.postToken(url.Values{"grant_type": {"client_credentials"}}, "id:wrong").expect(http.StatusUnauthorized)
	r = h.postToken(url.Values{"grant_type": {"password"}, "client_id": {"id"}, "client_secret": {"s3cret"}}, "")
	if r.expect(http.StatusBadRequest).obj()["error"] != "unsupported_grant_type" {
		t.Fatalf("grant type: %s", r.body)
	}
	h.postToken(url.Values{"client_id": {"id"}, "client_secret": {"s3cret"}}, "").expect(http.StatusBadRequest)
	h.postToken(url.Values{"grant_type": {"client_credentials"}}, "id:s3cret").expect(http.StatusOK)
}

func TestBearerTokenRequired(t *testing.T) {
	h := newHarness(t, Config{TokenTTL: time.Minute})
	for _, tc := range []struct{ name, token, want string }{
		{"missing", "", "JWT validation failed"},
		{"unknown", "not-a-token", "JWT validation failed: JWT is invalid"},
	} {
		r := h.raw("GET", apiPath("/sources"), "", "", tc.token).expect(http.StatusUnauthorized)
		if got, _ := r.obj()["error"].(string); !strings.HasPrefix(got, tc.want) {
			t.Errorf("%s: error %q", tc.name, got)
		}
		if r.header.Get("Content-Encoding") != "UTF-8" {
			t.Errorf("%s: no Content-Encoding: UTF-8 on the error", tc.name)
		}
	}
	h.do("GET", "/sources", nil).expect(http.StatusOK)
	h.clock.Advance(time.Minute)
	r := h.do("GET", "/sources", nil).expect(http.StatusUnauthorized)
	if r.obj()["error"] != "JWT validation failed: JWT is expired" {
		t.Fatalf("expired: %s", r.body)
	}
	h.token = h.getToken()
	h.do("GET", "/sources", nil).expect(http.StatusOK)
}

func TestRateLimit(t *testing.T) {
	h := newHarness(t, Config{RateLimit: 3})
	for i := 0; i < 3; i++ {
		h.do("GET", "/sources", nil).expect(http.StatusOK)
		h.clock.Advance(2 * time.Second)
	}
	// Requests at t=0, 2, 4; now t=6: the first frees at t=10.
	r := h.do("GET", "/sources", nil).expect(http.StatusTooManyRequests)
	if r.obj()["message"] != " Rate Limit Exceeded " {
		t.Fatalf("429 body %s", r.body)
	}
	if got := r.header.Get("Retry-After"); got != "4" {
		t.Fatalf("Retry-After %q, want 4", got)
	}
	// The token endpoint is not limited. The window belongs to the client, not to the token or
	// the connection: a new token on a new connection shares it.
	other := h.getToken()
	r, err := h.roundTrip(freshConnections, "GET", apiPath("/sources"), "", "", "Bearer "+other)
	if err != nil || r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") != "4" {
		t.Fatalf("a new token of the same client: %v %d %v %s, want 429 with Retry-After 4", err, r.status, r.header, r.body)
	}

	h.clock.Advance(3500 * time.Millisecond) // t=9.5: still full, half a second left rounds up to 1
	if got := h.do("GET", "/sources", nil).expect(http.StatusTooManyRequests).header.Get("Retry-After"); got != "1" {
		t.Fatalf("Retry-After %q, want 1", got)
	}
	h.clock.Advance(500 * time.Millisecond)
	h.raw("GET", apiPath("/sources"), "", "", other).expect(http.StatusOK) // t=10: the first slot frees for every token
	h.do("GET", "/sources", nil).expect(http.StatusTooManyRequests)
	if got := h.srv.Stats().RateLimited; got != 4 {
		t.Fatalf("stats count %d 429s, want 4", got)
	}

	// Reset empties the window; tokens stay valid.
	h.srv.Reset()
	for i := 0; i < 3; i++ {
		h.do("GET", "/sources", nil).expect(http.StatusOK)
	}
	h.raw("GET", apiPath("/sources"), "", "", other).expect(http.StatusTooManyRequests)
}

// ISC counts requests per client ID and API version: each version has a window of its own, and
// the per-resource paths of one version (/sources/v1, /transforms/v1) share theirs.
func TestRateLimitPerAPIVersion(t *testing.T) {
	h := newHarness(t, Config{RateLimit: 1})
	call := func(path string) error {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+h.token)
		h.srv.mu.Lock()
		defer h.srv.mu.Unlock()
		return h.srv.authorize(req, h.clock.Now())
	}
	for _, path := range []string{"/v2025/sources", "/v2024/sources", "/beta/sources", "/sources/v1"} {
		if err := call(path); err != nil {
			t.Fatalf("first request to %s: %v", path, err)
		}
	}
	for _, path := range []string{"/v2025/identities", "/v2024/sources/x", "/beta/sources", "/transforms/v1/x", "/sources/v1/x/schemas"} {
		var ae *apiError
		if err := call(path); !errors.As(err, &ae) || ae.status != http.StatusTooManyRequests {
			t.Fatalf("second request to %s: %v, want a 429", path, err)
		}
	}
}

func TestIssuedTokens(t *testing.T) {
	h := newHarness(t, Config{})
	first := h.token
	h.srv.RevokeTokens()
	second := h.getToken()
	if got := h.srv.IssuedTokens(); !slices.Equal(got, []string{first, second}) || first == second {
		t.Fatalf("IssuedTokens() = %q, want the revoked %q, then %q", got, first, second)
	}
}
