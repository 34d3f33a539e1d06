package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

// fakeISC is a scripted ISC: a token endpoint and one API handler per test.
type fakeISC struct {
	*httptest.Server
	tokens   atomic.Int32 // token requests served
	tokenTTL atomic.Int32 // expires_in of issued tokens, in seconds; 3600 when 0
	api      http.HandlerFunc
	mu       sync.Mutex
	apiCalls []string // "METHOD path" of each API request
}

func newFakeISC(t *testing.T, api http.HandlerFunc) *fakeISC {
	t.Helper()
	f := &fakeISC{api: api}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/oauth/token" {
			if err := r.ParseForm(); err != nil || r.PostForm.Get("client_secret") != "s3cret" || r.PostForm.Get("client_id") != "id" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = io.WriteString(w, `{"error":"invalid_client"}`)
				return
			}
			n := f.tokens.Add(1)
			ttl := f.tokenTTL.Load()
			if ttl == 0 {
				ttl = 3600
			}
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"access_token":"tok-%d","token_type":"bearer","expires_in":%d}`, n, ttl)
			return
		}
		f.mu.Lock()
		f.apiCalls = append(f.apiCalls, r.Method+" "+r.URL.Path)
		f.mu.Unlock()
		f.api(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeISC) calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.apiCalls...)
}

// waits records the pauses a client takes instead of sleeping, and moves a clock by them.
type waits struct {
	mu      sync.Mutex
	d       []time.Duration
	elapsed time.Duration
}

func (w *waits) record(ctx context.Context, d time.Duration) error {
	w.mu.Lock()
	w.d = append(w.d, d)
	w.elapsed += d
	w.mu.Unlock()
	return ctx.Err()
}

// epoch is where the clocks of tests start.
var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// now is epoch moved by every pause recorded so far.
func (w *waits) now() time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return epoch.Add(w.elapsed)
}

// pausing makes c pause with w, on w's clock.
func (w *waits) pausing(c *Client) *waits {
	c.wait, c.deletes.clock = w.record, w.now
	return w
}

func newTestClient(t *testing.T, baseURL string) (*Client, *waits) {
	t.Helper()
	c, err := New(Config{BaseURL: baseURL, ClientID: "id", ClientSecret: "s3cret", RequestsPerSecond: 1000, MaxRetries: 3})
	if err != nil {
		t.Fatal(err)
	}
	return c, (&waits{}).pausing(c)
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

func TestNewRejectsBadConfig(t *testing.T) {
	for name, cfg := range map[string]Config{
		"relative URL":                {BaseURL: "acme.api.identitynow.com", ClientID: "a", ClientSecret: "b"},
		"version in URL":              {BaseURL: "https://acme.api.identitynow.com/v2025", ClientID: "a", ClientSecret: "b"},
		"per-resource version in URL": {BaseURL: "https://acme.api.identitynow.com/sources/v1", ClientID: "a", ClientSecret: "b"},
		"no secret":                   {BaseURL: "https://acme.api.identitynow.com", ClientID: "a"},
		"unknown API version":         {BaseURL: "https://acme.api.identitynow.com", ClientID: "a", ClientSecret: "b", APIVersion: "v3"},
	} {
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New accepted %+v", name, cfg)
		}
	}
	_, err := New(Config{BaseURL: "https://gw.example.com/isc/v2025/", ClientID: "a", ClientSecret: "b"})
	if want := "must not include an API version: use https://gw.example.com/isc"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("a base URL with a version: %v, want %q", err, want)
	}
}

func TestOneTokenForManyCalls(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok-1" {
			t.Errorf("Authorization = %q", r.Header.Get("Authorization"))
		}
		writeJSON(w, 200, `{"id":"abc","name":"HR"}`)
	})
	c, _ := newTestClient(t, f.URL)
	for range 5 {
		if _, err := c.GetTaskStatus(context.Background(), "abc"); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.tokens.Load(); got != 1 {
		t.Fatalf("token requests = %d, want 1", got)
	}
}

// A token that lives no longer than the renewal margin serves many calls, and is still renewed
// before it expires.
func TestShortLivedTokenIsReusedAndRenewedBeforeExpiry(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"id":"abc"}`)
	})
	f.tokenTTL.Store(30)
	c, _ := newTestClient(t, f.URL)
	for range 5 {
		if _, err := c.GetTaskStatus(context.Background(), "abc"); err != nil {
			t.Fatal(err)
		}
	}
	if got := f.tokens.Load(); got != 1 {
		t.Fatalf("token requests for 5 calls with a 30 s token = %d, want 1", got)
	}

	// A 1 s token is renewed after three quarters of its life.
	f.tokenTTL.Store(1)
	c, _ = newTestClient(t, f.URL)
	if _, err := c.GetTaskStatus(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(800 * time.Millisecond)
	if _, err := c.GetTaskStatus(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	if got := f.tokens.Load(); got != 3 {
		t.Fatalf("token requests = %d, want 3: one more for the first call with a 1 s token, one to renew it", got)
	}
}

func TestUnauthorizedGetsOneNewTokenAndOneRetry(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "Bearer tok-1" {
			writeJSON(w, 401, `{"error":"JWT validation failed: JWT is expired"}`)
			return
		}
		writeJSON(w, 200, `{"id":"abc"}`)
	})
	c, _ := newTestClient(t, f.URL)
	if _, err := c.GetTaskStatus(context.Background(), "abc"); err != nil {
		t.Fatal(err)
	}
	if got := f.tokens.Load(); got != 2 {
		t.Fatalf("token requests = %d, want 2", got)
	}

	// A token that keeps failing is reported, after exactly one retry.
	g := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 401, `{"error":"JWT validation failed: JWT is expired"}`)
	})
	c, _ = newTestClient(t, g.URL)
	_, err := c.GetTaskStatus(context.Background(), "abc")
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 || !strings.Contains(err.Error(), "JWT is expired") {
		t.Fatalf("err = %v", err)
	}
	if n := len(g.calls()); n != 2 {
		t.Fatalf("API calls = %d, want 2", n)
	}
}

func TestBadCredentialsSayTheTokenEndpointRefusedThem(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) { t.Error("API called without a token") })
	c, err := New(Config{BaseURL: f.URL, ClientID: "id", ClientSecret: "wrong"})
	if err != nil {
		t.Fatal(err)
	}
	err = c.CheckCredentials(context.Background())
	var authErr *AuthError
	if !errors.As(err, &authErr) || authErr.StatusCode != 401 {
		t.Fatalf("err = %v, want an AuthError", err)
	}
	if !strings.Contains(err.Error(), "refused the client credentials") || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("message = %q", err)
	}
}

func TestRetryAfterIsHonouredOnPost(t *testing.T) {
	var n atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			w.Header().Set("Retry-After", "3")
			writeJSON(w, 429, `{"message":" Rate Limit Exceeded "}`)
			return
		}
		writeJSON(w, 201, `{"id":"new","name":"HR"}`)
	})
	c, w := newTestClient(t, f.URL)
	s, err := c.CreateSource(context.Background(), &Source{Name: "HR", Connector: "delimited-file", Owner: &Reference{ID: "o"}}, true)
	if err != nil || s.ID != "new" {
		t.Fatalf("CreateSource = %+v, %v", s, err)
	}
	if len(f.calls()) != 2 || len(w.d) != 1 || w.d[0] != 3*time.Second {
		t.Fatalf("calls %v, waits %v; want 2 calls and one 3s wait", f.calls(), w.d)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	if d, ok := retryAfter(now.Add(7*time.Second).Format(http.TimeFormat), now); !ok || d != 7*time.Second {
		t.Fatalf("retryAfter(date) = %v, %v", d, ok)
	}
	if d, ok := retryAfter("12", now); !ok || d != 12*time.Second {
		t.Fatalf("retryAfter(12) = %v, %v", d, ok)
	}
	if _, ok := retryAfter("soon", now); ok {
		t.Fatal("retryAfter accepted garbage")
	}
}

// Answers 429 are repeated apart from max_retries, until the waits they ask for add up to
// RateLimitPatience.
func TestTooManyRetriesGivesUp(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "300")
		writeJSON(w, 429, `{"message":" Rate Limit Exceeded "}`)
	})
	c, _ := newTestClient(t, f.URL)
	_, err := c.GetTaskStatus(context.Background(), "x")
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 429 || !strings.Contains(err.Error(), "Rate Limit Exceeded") {
		t.Fatalf("err = %v", err)
	}
	if got := len(f.calls()); got != 4 {
		t.Fatalf("calls = %d, want 1 + 3 retries of 5 minutes each", got)
	}
}

func TestRetriesByMethodAndStatus(t *testing.T) {
	cases := []struct {
		name      string
		status    int
		call      func(*Client) error
		wantCalls int
	}{
		{"GET retried on 503", 503, func(c *Client) error { _, err := c.GetTaskStatus(context.Background(), "x"); return err }, 2},
		{"GET retried on 502", 502, func(c *Client) error { _, err := c.GetTaskStatus(context.Background(), "x"); return err }, 2},
		{"DELETE retried on 504", 504, func(c *Client) error { _, err := c.DeleteSource(context.Background(), "x"); return err }, 2},
		{"GET not retried on 500", 500, func(c *Client) error { _, err := c.GetTaskStatus(context.Background(), "x"); return err }, 1},
		{"POST not retried on 500", 500, func(c *Client) error {
			_, err := c.CreateSource(context.Background(), &Source{Name: "a"}, false)
			return err
		}, 1},
		{"PATCH not retried on 503", 503, func(c *Client) error {
			_, err := c.PatchSource(context.Background(), "x", Patch{{Op: "remove", Path: "/description"}})
			return err
		}, 1},
		{"PATCH not retried on 502", 502, func(c *Client) error {
			_, err := c.PatchSource(context.Background(), "x", Patch{{Op: "remove", Path: "/description"}})
			return err
		}, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					writeJSON(w, tc.status, `{"detailCode":"oops","messages":[{"text":"boom"}]}`)
					return
				}
				writeJSON(w, 200, `{"id":"x","type":"TASK_RESULT"}`)
			})
			c, _ := newTestClient(t, f.URL)
			err := tc.call(c)
			if got := len(f.calls()); got != tc.wantCalls {
				t.Fatalf("calls = %d, want %d (err %v)", got, tc.wantCalls, err)
			}
			if (tc.wantCalls == 1) != (err != nil) {
				t.Fatalf("err = %v", err)
			}
		})
	}
}

// A GET whose connection drops is repeated.
func TestDroppedConnectionRetriesGet(t *testing.T) {
	var n atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			hangUp(w)
			return
		}
		writeJSON(w, 200, `{"id":"x"}`)
	})
	c, _ := newTestClient(t, f.URL)
	if _, err := c.GetTaskStatus(context.Background(), "x"); err != nil {
		t.Fatal(err)
	}
	if got := len(f.calls()); got != 2 {
		t.Fatalf("calls = %d, want 2", got)
	}
}

// hangUp closes the connection without an answer.
func hangUp(w http.ResponseWriter) {
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

// A POST whose answer is lost may have been acted on: the client looks for the object by its
// name, quoted in the filter, before trying again. (create_test.go has what it adopts.)
func TestCreateWithLostAnswer(t *testing.T) {
	for _, tc := range []struct {
		name      string
		lose      func(http.ResponseWriter) // how the first answer is lost
		committed bool                      // whether the first POST created the source
		wantPosts int
	}{
		{"dropped, not created: tried again", hangUp, false, 2},
		{"gateway error, not created: tried again", func(w http.ResponseWriter) { writeJSON(w, 502, `{}`) }, false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var posts atomic.Int32
			var created atomic.Bool
			f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.Method {
				case http.MethodPost:
					if posts.Add(1) == 1 {
						created.Store(tc.committed)
						tc.lose(w)
						return
					}
					created.Store(true)
					writeJSON(w, 201, `{"id":"s2","name":"HR \"main\""}`)
				case http.MethodGet:
					if got := r.URL.Query().Get("filters"); got != `name eq "HR \"main\""` {
						t.Errorf("lookup filter = %q", got)
					}
					if created.Load() {
						writeJSON(w, 200, `[{"id":"s1","name":"HR \"main\""}]`)
					} else {
						writeJSON(w, 200, `[]`)
					}
				}
			})
			c, _ := newTestClient(t, f.URL)
			s, err := c.CreateSource(context.Background(), &Source{Name: `HR "main"`, Connector: "delimited-file"}, false)
			if err != nil {
				t.Fatal(err)
			}
			if int(posts.Load()) != tc.wantPosts || s.ID == "" {
				t.Fatalf("posts = %d, source %+v", posts.Load(), s)
			}
		})
	}
}

// A POST that never left the machine (connection refused) is safe to repeat.
func TestPostRetriedWhenNotSent(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 201, `{"id":"x"}`) })
	var dials atomic.Int32
	transport := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		if dials.Add(1) == 2 { // the first dial is the token request
			return nil, errors.New("connection refused")
		}
		return (&net.Dialer{}).DialContext(ctx, network, addr)
	}}
	c, err := New(Config{BaseURL: f.URL, ClientID: "id", ClientSecret: "s3cret", HTTPClient: &http.Client{Transport: transport}, MaxRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	c.wait = (&waits{}).record
	if _, err := c.CreateSource(context.Background(), &Source{Name: "a"}, false); err != nil {
		t.Fatal(err)
	}
	if got := len(f.calls()); got != 1 {
		t.Fatalf("calls = %d, want 1", got)
	}
}

func TestCancellationStopsAWait(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		writeJSON(w, 429, `{"message":" Rate Limit Exceeded "}`)
	})
	c, err := New(Config{BaseURL: f.URL, ClientID: "id", ClientSecret: "s3cret"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	done := make(chan error, 1)
	go func() { _, err := c.GetSource(ctx, "x"); done <- err }()
	select {
	case err := <-done:
		want := " was interrupted (context canceled) while waiting 1h0m0s to retry it, as ISC's 429 Too Many Requests asked (Retry-After: 3600); ISC did not act on it"
		if !errors.Is(err, context.Canceled) || !strings.HasPrefix(err.Error(), "GET /sources/v1") || !strings.HasSuffix(err.Error(), want) {
			t.Fatalf("err = %v, want GET /sources/v1...%s", err, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the call did not stop when its context was cancelled")
	}
}

func TestErrorDecoding(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		header     map[string]string
		want       []string
		notFound   bool
	}{
		{"ErrorResponseDto", `{"detailCode":"400.1 Bad Request Content","trackingId":"abc123","messages":[{"locale":"en-US","localeOrigin":"DEFAULT","text":"name is required"}],"causes":[{"text":"missing field"}]}`, 400, nil,
			[]string{"400", "name is required", "400.1 Bad Request Content", "abc123", "missing field", "GET /task-status/v1/x"}, false},
		{"Content-Encoding UTF-8", `{"detailCode":"404 Not found","trackingId":"t1","messages":[{"text":"source x not found"}]}`, 404, map[string]string{"Content-Encoding": "UTF-8"},
			[]string{"404", "source x not found", "t1"}, true},
		{"401 error", `{"error":"JWT validation failed"}`, 403, nil, []string{"403", "JWT validation failed"}, false},
		{"not JSON", `<html>bad gateway</html>`, 500, nil, []string{"500", "<html>bad gateway</html>"}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				writeJSON(w, tc.status, tc.body)
			})
			c, _ := newTestClient(t, f.URL)
			_, err := c.GetTaskStatus(context.Background(), "x")
			var apiErr *Error
			if !errors.As(err, &apiErr) {
				t.Fatalf("err = %v, want *Error", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q lacks %q", err, w)
				}
			}
			if errors.Is(err, ErrNotFound) != tc.notFound {
				t.Errorf("errors.Is(ErrNotFound) = %v", !tc.notFound)
			}
		})
	}
}

func TestLogsOneLinePerRequestAndRedactsBodies(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"id":"x","name":"HR","connectorAttributes":{"password":"2:ENC:cipher","host":"h"}}`)
	})
	c, _ := newTestClient(t, f.URL)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &buf)
	patch := Patch{
		{Op: "add", Path: "/connectorAttributes/password", Value: json.RawMessage(`"hunter2-plain"`)},
		{Op: "replace", Path: "/connectorAttributes", Value: json.RawMessage(`{"nested":{"clientSecret":"topsecret-value"}}`)},
	}
	if _, err := c.PatchSource(ctx, "x", patch); err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	for _, secret := range []string{"hunter2-plain", "topsecret-value", "2:ENC:cipher", "tok-1", "s3cret"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
	var requestLines int
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var entry map[string]any
		if err := json.Unmarshal([]byte(line), &entry); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		if entry["@message"] == "ISC API request" {
			requestLines++
			for _, k := range []string{"method", "path", "status", "duration_ms", "attempt"} {
				if _, ok := entry[k]; !ok {
					t.Errorf("request line lacks %s: %s", k, line)
				}
			}
		}
	}
	if requestLines != 1 {
		t.Fatalf("request lines = %d, want 1:\n%s", requestLines, logs)
	}
	if !strings.Contains(logs, `host`) {
		t.Errorf("non-secret values should stay visible at trace level:\n%s", logs)
	}
}

func TestListFollowsPagesAndMax(t *testing.T) {
	const total = 600
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var limit, offset int
		_, _ = fmt.Sscan(q.Get("limit"), &limit)
		_, _ = fmt.Sscan(q.Get("offset"), &offset)
		if limit > 250 {
			writeJSON(w, 400, `{"messages":[{"text":"limit too large"}]}`)
			return
		}
		if q.Get("count") == "true" {
			w.Header().Set("X-Total-Count", fmt.Sprint(total))
		}
		var items []string
		for i := offset; i < min(offset+limit, total); i++ {
			items = append(items, fmt.Sprintf(`{"id":"s%d","name":"n%d"}`, i, i))
		}
		writeJSON(w, 200, "["+strings.Join(items, ",")+"]")
	})
	c, _ := newTestClient(t, f.URL)
	all, n, err := c.ListSources(context.Background(), ListOptions{Filters: `name sw "n"`})
	if err != nil || len(all) != total || n != total || all[599].ID != "s599" {
		t.Fatalf("ListSources = %d items, total %d, err %v", len(all), n, err)
	}
	if got := len(f.calls()); got != 3 {
		t.Fatalf("pages = %d, want 3", got)
	}
	some, _, err := c.ListSources(context.Background(), ListOptions{Max: 260})
	if err != nil || len(some) != 260 {
		t.Fatalf("Max 260 gave %d, %v", len(some), err)
	}
	if got := len(f.calls()); got != 5 {
		t.Fatalf("pages = %d, want 5", got)
	}
	// SourcePages hands each page on as it comes, and reads no further page than its caller takes.
	var sizes []int
	for page, err := range c.SourcePages(context.Background(), ListOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page))
		if got := len(f.calls()); got != 5+len(sizes) {
			t.Fatalf("page %d came after %d requests, want %d", len(sizes), got-5, len(sizes))
		}
		if len(sizes) == 2 {
			break
		}
	}
	if !slices.Equal(sizes, []int{250, 250}) || len(f.calls()) != 7 {
		t.Fatalf("pages %v after %d requests, want [250 250] after 2", sizes, len(f.calls())-5)
	}
}

// A lone delete reads its object at growing intervals until ISC answers 404; its task is read
// only once the object has outlived a second check, and no more once the task has completed.
func TestWaitForSourceDeleted(t *testing.T) {
	var objectReads, taskReads atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/task-status/v1/"):
			if taskReads.Add(1) < 2 {
				writeJSON(w, 200, `{"id":"t1","completionStatus":null,"completed":null,"messages":[]}`)
				return
			}
			writeJSON(w, 200, `{"id":"t1","completionStatus":"SUCCESS","completed":"2026-01-01T00:00:00Z","messages":[]}`)
		case objectReads.Add(1) <= 4:
			writeJSON(w, 200, `{"id":"s1"}`)
		default:
			writeJSON(w, 404, `{"messages":[{"text":"not found"}]}`)
		}
	})
	c, w := newTestClient(t, f.URL)
	if err := c.WaitForSourceDeleted(context.Background(), "s1", "t1"); err != nil {
		t.Fatal(err)
	}
	want := []string{"GET /sources/v1/s1", "GET /sources/v1/s1", "GET /task-status/v1/t1", "GET /sources/v1/s1", "GET /task-status/v1/t1",
		"GET /sources/v1/s1", "GET /sources/v1/s1"}
	if got := f.calls(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("calls = %v, want %v", got, want)
	}
	if len(w.d) != 5 || w.d[0] != DefaultPollInterval || w.d[1] <= w.d[0] || w.d[4] <= w.d[3] {
		t.Fatalf("waits = %v, want five growing pauses from the poll interval", w.d)
	}
}

func TestWaitForSourceDeletedReportsAFailedTask(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"id":"t1","completionStatus":"Error","messages":[{"type":"ERROR","key":"k","localizedText":{"locale":"en-US","message":"accounts could not be removed"}}]}`)
	})
	c, _ := newTestClient(t, f.URL)
	err := c.WaitForSourceDeleted(context.Background(), "s1", "t1")
	if err == nil || !strings.Contains(err.Error(), "accounts could not be removed") || !strings.Contains(err.Error(), "t1") {
		t.Fatalf("err = %v", err)
	}
}

func TestSetPasswordPoliciesSendsPlainJSON(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPatch || r.Header.Get("Content-Type") != "application/json" || string(body) != `[{"policyId":"p1"}]` {
			t.Errorf("%s %s %q", r.Method, r.Header.Get("Content-Type"), body)
		}
		writeJSON(w, 200, `[{"policyId":"p1","policyName":"Strong"}]`)
	})
	c, _ := newTestClient(t, f.URL)
	out, err := c.SetPasswordPolicies(context.Background(), "s1", []PasswordPolicyHolder{{PolicyID: "p1"}})
	if err != nil || len(out) != 1 || out[0].PolicyName != "Strong" {
		t.Fatalf("SetPasswordPolicies = %+v, %v", out, err)
	}
}

func TestPatchSourceSendsJSONPatch(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if ct := r.Header.Get("Content-Type"); ct != JSONPatchContentType {
			t.Errorf("Content-Type = %q", ct)
		}
		writeJSON(w, 200, `{"id":"x","description":"new"}`)
	})
	c, _ := newTestClient(t, f.URL)
	if _, err := c.PatchSource(context.Background(), "x", Patch{{Op: "replace", Path: "/description", Value: json.RawMessage(`"new"`)}}); err != nil {
		t.Fatal(err)
	}
}
