package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
)

// fakeClock is a settable clock for Config.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// harness is an emulator behind httptest with a fake clock and a token. Its requests and the
// answers to them are checked against SailPoint's OpenAPI (package contract), except those sent
// through offContract.
type harness struct {
	t     *testing.T
	srv   *Server
	url   string
	clock *fakeClock
	token string
	// off is the URL of the same Server unchecked.
	off string
	// experimental sends X-SailPoint-Experimental: true with every request while set.
	experimental bool
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	clock := newFakeClock()
	if cfg.Now == nil {
		cfg.Now = clock.Now
	}
	srv := New(cfg)
	off := httptest.NewServer(srv)
	t.Cleanup(off.Close)
	h := &harness{t: t, srv: srv, url: contract.NewServer(t, srv).URL, off: off.URL, clock: clock}
	h.token = h.getToken()
	return h
}

// offContract is h sending to the Server unchecked, for requests that break the contract on
// purpose (a wrong body, a path no operation has) to see how the emulator answers them.
func (h *harness) offContract() *harness {
	c := *h
	c.url = h.off
	return &c
}

func (h *harness) getToken() string {
	h.t.Helper()
	resp := h.raw("POST", "/oauth/token", "application/x-www-form-urlencoded", url.Values{
		"grant_type": {"client_credentials"}, "client_id": {h.srv.cfg.ClientID}, "client_secret": {h.srv.cfg.ClientSecret},
	}.Encode(), "")
	if resp.status != http.StatusOK {
		h.t.Fatalf("token: %d %s", resp.status, resp.body)
	}
	return resp.obj()["access_token"].(string)
}

// response is a finished HTTP exchange.
type response struct {
	t      *testing.T
	status int
	header http.Header
	body   []byte
}

func (r response) obj() map[string]any {
	r.t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		r.t.Fatalf("decode object: %v: %s", err, r.body)
	}
	return m
}

func (r response) list() []map[string]any {
	r.t.Helper()
	var l []map[string]any
	if err := json.Unmarshal(r.body, &l); err != nil {
		r.t.Fatalf("decode list: %v: %s", err, r.body)
	}
	return l
}

// errorText is the first message of an ErrorResponseDto.
func (r response) errorText() string {
	r.t.Helper()
	m := r.obj()
	msgs, _ := m["messages"].([]any)
	if len(msgs) == 0 {
		r.t.Fatalf("no messages in error body %s", r.body)
	}
	return msgs[0].(map[string]any)["text"].(string)
}

func (r response) expect(status int) response {
	r.t.Helper()
	if r.status != status {
		r.t.Fatalf("status %d, want %d: %s", r.status, status, r.body)
	}
	return r
}

// expectError checks a 4xx ErrorResponseDto whose message contains every part.
func (r response) expectError(status int, parts ...string) response {
	r.t.Helper()
	r.expect(status)
	text := r.errorText()
	for _, p := range parts {
		if !strings.Contains(text, p) {
			r.t.Fatalf("error %q does not mention %q", text, p)
		}
	}
	return r
}

// raw sends a request; token "" sends no Authorization header.
func (h *harness) raw(method, path, contentType, body, token string) response {
	h.t.Helper()
	auth := ""
	if token != "" {
		auth = "Bearer " + token
	}
	return h.rawAuth(method, path, contentType, body, auth)
}

// rawAuth sends a request with the given Authorization header ("" for none).
func (h *harness) rawAuth(method, path, contentType, body, authorization string) response {
	h.t.Helper()
	r, err := h.roundTrip(http.DefaultClient, method, path, contentType, body, authorization)
	if err != nil {
		h.t.Fatal(err)
	}
	return r
}

// freshConnections opens a connection per request, so Go's transport never resends a request
// whose connection was dropped.
var freshConnections = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}

// attempt sends an authenticated API request with a JSON body on a fresh connection and returns
// the transport error, for faults that drop the connection.
func (h *harness) attempt(method, path, body string) (response, error) {
	h.t.Helper()
	return h.roundTrip(freshConnections, method, apiPath(path), "application/json", body, "Bearer "+h.token)
}

func (h *harness) roundTrip(c *http.Client, method, path, contentType, body, authorization string) (response, error) {
	h.t.Helper()
	req, err := http.NewRequest(method, h.url+path, strings.NewReader(body))
	if err != nil {
		h.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if authorization != "" {
		req.Header.Set("Authorization", authorization)
	}
	if h.experimental {
		req.Header.Set("X-SailPoint-Experimental", "true")
	}
	resp, err := c.Do(req)
	if err != nil {
		return response{}, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return response{t: h.t, status: resp.StatusCode, header: resp.Header, body: b}, err
}

// apiPath is where the emulator serves a resource path (with its query, if any) in the default
// API version, which these tests use; TestRoutesServedInEveryVersion covers the others.
func apiPath(resource string) string { return apiversion.Default.Path(resource) }

// do sends an authenticated API request in the default API version with a JSON body (a string is
// sent as is).
func (h *harness) do(method, path string, body any) response {
	h.t.Helper()
	return h.send(method, path, "application/json", body)
}

// patch sends a JSON Patch.
func (h *harness) patch(path string, ops any) response {
	h.t.Helper()
	return h.send("PATCH", path, jsonPatchMediaType, ops)
}

func (h *harness) send(method, path, contentType string, body any) response {
	h.t.Helper()
	var s string
	switch b := body.(type) {
	case nil:
		contentType = ""
	case string:
		s = b
	default:
		j, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		s = string(j)
	}
	return h.raw(method, apiPath(path), contentType, s, h.token)
}

// createSource creates a source with the given name and connector plus extra fields.
func (h *harness) createSource(name, connector string, extra map[string]any) map[string]any {
	h.t.Helper()
	body := map[string]any{"name": name, "connector": connector, "owner": map[string]any{"id": AdminIdentityID}}
	for k, v := range extra {
		body[k] = v
	}
	return h.do("POST", "/sources", body).expect(http.StatusCreated).obj()
}

type obj = map[string]any

func urlEscape(s string) string { return url.QueryEscape(s) }
