package client

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// silentServer accepts connections on 127.0.0.1 and never answers on them, like a host that has
// gone quiet behind a load balancer. It reads what it is sent, so the client's writes complete.
func silentServer(t *testing.T) (addr string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var conns []net.Conn
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, conn)
			mu.Unlock()
			go func() { _, _ = io.Copy(io.Discard, conn) }()
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		defer mu.Unlock()
		for _, c := range conns {
			c.Close()
		}
	})
	return ln.Addr().String()
}

// hang never answers: it holds the request until the client gives up. It reads the body first,
// since the server notices a client going away only after that.
func hang(_ http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	<-r.Context().Done()
}

// within runs call and fails the test unless it returns within limit.
func within(t *testing.T, limit time.Duration, call func() error) (time.Duration, error) {
	t.Helper()
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- call() }()
	select {
	case err := <-done:
		return time.Since(start), err
	case <-time.After(limit):
		t.Fatalf("the call still runs after %v", limit)
		return 0, nil
	}
}

func wantTimeout(t *testing.T, err error, method, path string, attempts int, fragments ...string) *TimeoutError {
	t.Helper()
	var timeout *TimeoutError
	if !errors.As(err, &timeout) {
		t.Fatalf("err = %v (%T), want a *TimeoutError", err, err)
	}
	if timeout.Method != method || timeout.Path != path || timeout.Attempts != attempts {
		t.Errorf("timeout of %s %s after %d attempts, want %s %s after %d", timeout.Method, timeout.Path, timeout.Attempts, method, path, attempts)
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
		t.Errorf("a request timeout must not read as the operation's deadline or a cancel: %v", err)
	}
	for _, f := range append(fragments, "base_url", "https://TENANT.api.identitynow.com", "request_timeout", "SAIL_REQUEST_TIMEOUT") {
		if !strings.Contains(err.Error(), f) {
			t.Errorf("message lacks %q:\n%s", f, err)
		}
	}
	return timeout
}

// The client's own HTTP client bounds each phase of an attempt; one passed in Config is used as is.
func TestDefaultHTTPClientBoundsEveryPhase(t *testing.T) {
	for _, tc := range []struct {
		timeout, want, wantConnect time.Duration
	}{
		{0, DefaultRequestTimeout, maxConnectTimeout},
		{2 * time.Second, 2 * time.Second, 2 * time.Second},
	} {
		c, err := New(Config{BaseURL: "https://acme.api.identitynow.com", ClientID: "id", ClientSecret: "s", RequestTimeout: tc.timeout})
		if err != nil {
			t.Fatal(err)
		}
		if c.http == http.DefaultClient || c.http.Timeout != tc.want {
			t.Fatalf("HTTP client %p with timeout %v, want its own with %v", c.http, c.http.Timeout, tc.want)
		}
		if c.tokens.http != c.http || c.tokens.timeout != tc.want {
			t.Errorf("the token request uses %p with %v, want the API's client and timeout", c.tokens.http, c.tokens.timeout)
		}
		tr, ok := c.http.Transport.(*http.Transport)
		if !ok {
			t.Fatalf("transport %T", c.http.Transport)
		}
		if tr.DialContext == nil || tr.TLSHandshakeTimeout != tc.wantConnect || tr.ResponseHeaderTimeout != tc.want || tr.Proxy == nil {
			t.Errorf("transport: dial %v, TLS handshake %v, response header %v, proxy %v; want %v, %v and the environment's proxy",
				tr.DialContext != nil, tr.TLSHandshakeTimeout, tr.ResponseHeaderTimeout, tr.Proxy != nil, tc.wantConnect, tc.want)
		}
	}
	own := &http.Client{}
	c, err := New(Config{BaseURL: "https://acme.api.identitynow.com", ClientID: "id", ClientSecret: "s", HTTPClient: own})
	if err != nil {
		t.Fatal(err)
	}
	if c.http != own || c.tokens.http != own || c.cfg.RequestTimeout != DefaultRequestTimeout {
		t.Errorf("Config.HTTPClient not used as given, or no request timeout")
	}
}

// A token endpoint that accepts the connection and never answers fails the token request within
// the request timeout, with the default HTTP client and with one given in Config that has no
// timeout of its own; the credentials check and a call retry it max_retries times and then say
// what timed out.
func TestHangingTokenEndpointTimesOut(t *testing.T) {
	addr := silentServer(t)
	for name, httpClient := range map[string]*http.Client{"default client": nil, "client without timeouts": {}} {
		t.Run(name, func(t *testing.T) {
			c, err := New(Config{BaseURL: "http://" + addr, ClientID: "id", ClientSecret: "s3cret", RequestTimeout: 300 * time.Millisecond, MaxRetries: 2, HTTPClient: httpClient})
			if err != nil {
				t.Fatal(err)
			}
			w := &waits{}
			c.wait = w.record

			elapsed, err := within(t, 5*time.Second, func() error { return c.CheckCredentials(context.Background()) })
			if elapsed < 900*time.Millisecond {
				t.Errorf("gave up after %v, before 3 attempts of 300ms", elapsed)
			}
			timeout := wantTimeout(t, err, "POST", "/oauth/token", 3, "POST /oauth/token timed out: ISC did not answer within 300ms (3 attempts)", "base_url (http://"+addr+")", "now 300ms per attempt")
			if timeout.Connecting {
				t.Errorf("the connection was made, yet the error says there was none: %v", err)
			}
			var authErr *AuthError
			if errors.As(err, &authErr) {
				t.Errorf("a timeout blamed on the credentials: %v", err)
			}

			if len(w.d) != 2 {
				t.Errorf("waits between token requests = %v, want 2 (max_retries)", w.d)
			}

			_, err = within(t, 5*time.Second, func() error { _, err := c.GetTaskStatus(context.Background(), "x"); return err })
			_ = wantTimeout(t, err, "POST", "/oauth/token", 3, "(3 attempts)")
			if len(w.d) != 4 {
				t.Errorf("waits between token requests = %v, want 2 more (max_retries)", w.d)
			}
		})
	}
}

// A TLS handshake that never completes is bounded too, and is told apart from an unanswered
// request: nothing was sent.
func TestHangingTLSHandshakeTimesOut(t *testing.T) {
	addr := silentServer(t)
	c, err := New(Config{BaseURL: "https://" + addr, ClientID: "id", ClientSecret: "s3cret", RequestTimeout: 300 * time.Millisecond, MaxRetries: 1})
	if err != nil {
		t.Fatal(err)
	}
	c.wait = (&waits{}).record
	_, err = within(t, 5*time.Second, func() error { return c.CheckCredentials(context.Background()) })
	if timeout := wantTimeout(t, err, "POST", "/oauth/token", 2, "no connection to ISC within 300ms (2 attempts)"); !timeout.Connecting {
		t.Errorf("Connecting = false for a handshake that never finished")
	}
}

// An API request that gets no answer is bounded by the request timeout. GET, PUT and DELETE are
// retried like a 503, then reported with what timed out; a POST or PATCH may have reached ISC, so
// it is not repeated, and its outcome is unknown.
func TestHangingAPIRequestTimesOut(t *testing.T) {
	for _, tc := range []struct {
		method    string
		wantCalls int
	}{
		{http.MethodGet, 4},
		{http.MethodPut, 4},
		{http.MethodDelete, 4},
		{http.MethodPost, 1},
		{http.MethodPatch, 1},
	} {
		t.Run(tc.method, func(t *testing.T) {
			f := newFakeISC(t, hang)
			c, w := newTestClient(t, f.URL)
			c.cfg.RequestTimeout = 200 * time.Millisecond
			r := request{method: tc.method, path: "/sources/x"}
			if tc.method != http.MethodGet && tc.method != http.MethodDelete {
				r.body = map[string]string{"name": "HR"}
			}
			elapsed, err := within(t, 10*time.Second, func() error { _, err := c.do(context.Background(), r); return err })
			if got := len(f.calls()); got != tc.wantCalls {
				t.Fatalf("calls = %d, want %d (err %v)", got, tc.wantCalls, err)
			}
			if least := time.Duration(tc.wantCalls) * 200 * time.Millisecond; elapsed < least {
				t.Errorf("gave up after %v, before %d attempts of 200ms", elapsed, tc.wantCalls)
			}
			if !idempotent(tc.method) {
				var unknown *OutcomeUnknownError
				if !errors.As(err, &unknown) {
					t.Fatalf("err = %v, want an OutcomeUnknownError", err)
				}
				_ = wantTimeout(t, err, tc.method, "/sources/v1/x", 1, "may or may not have been carried out", "ISC did not answer within 200ms", "terraform plan")
				return
			}
			_ = wantTimeout(t, err, tc.method, "/sources/v1/x", 4, tc.method+" /sources/v1/x timed out: ISC did not answer within 200ms (4 attempts)")
			if len(w.d) != 3 {
				t.Errorf("waits = %v, want a backoff before each of 3 retries", w.d)
			}
		})
	}
}

// A GET that times out once and is answered the next time succeeds.
func TestTimedOutGetIsRetried(t *testing.T) {
	var n atomic.Int32
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) == 1 {
			hang(w, r)
			return
		}
		writeJSON(w, 200, `{"id":"x"}`)
	})
	c, _ := newTestClient(t, f.URL)
	c.cfg.RequestTimeout = 500 * time.Millisecond
	if _, err := c.GetTaskStatus(context.Background(), "x"); err != nil {
		t.Fatal(err)
	}
	if got := len(f.calls()); got != 2 {
		t.Fatalf("calls = %d, want 2", got)
	}
}

// A body that stops half way is a timeout too.
func TestStalledAnswerBodyTimesOut(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		_, _ = io.WriteString(w, `{"id":`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	c, _ := newTestClient(t, f.URL)
	c.cfg.RequestTimeout = 200 * time.Millisecond
	_, err := within(t, 5*time.Second, func() error { _, err := c.GetTaskStatus(context.Background(), "x"); return err })
	_ = wantTimeout(t, err, "GET", "/task-status/v1/x", 4, "ISC did not answer within 200ms")
}

// Retries of timed-out requests stay within the caller's context: the operation's deadline ends
// them, and the error says the call was interrupted, not that a request timed out.
func TestCallerDeadlineBoundsTimedOutRetries(t *testing.T) {
	f := newFakeISC(t, hang)
	c, err := New(Config{BaseURL: f.URL, ClientID: "id", ClientSecret: "s3cret", RequestTimeout: 300 * time.Millisecond, MaxRetries: 50,
		RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	elapsed, err := within(t, 5*time.Second, func() error { _, err := c.GetTaskStatus(ctx, "x"); return err })
	var timeout *TimeoutError
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &timeout) || !strings.Contains(err.Error(), "was interrupted") {
		t.Fatalf("err = %v, want the operation's deadline", err)
	}
	if elapsed > 2*time.Second {
		t.Fatalf("returned after %v, long after the 1s deadline", elapsed)
	}
}

// A call the rate limit would hold past the caller's deadline ends with that deadline, like any
// other call the deadline ends, though the limiter refuses such a wait before the deadline comes.
func TestRateLimitWaitPastTheDeadline(t *testing.T) {
	f := newFakeISC(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, http.StatusOK, `{"id":"x"}`) })
	c, err := New(Config{BaseURL: f.URL, ClientID: "id", ClientSecret: "s3cret", RequestsPerSecond: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetTaskStatus(context.Background(), "x"); err != nil { // takes the limiter's one token
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	_, err = within(t, 5*time.Second, func() error { _, err := c.GetTaskStatus(ctx, "x"); return err })
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "before it was sent") {
		t.Fatalf("err = %v, want the deadline, before the request was sent", err)
	}
}
