package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// A base URL that leads to something other than an ISC API, such as the tenant's web interface,
// is reported as a wrong base_url, with the form it should have, never as refused credentials;
// an OAuth error answer stays a credentials error.
func TestTokenEndpointAnswersClassified(t *testing.T) {
	html := func(status int) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			_, _ = w.Write([]byte("<!doctype html><html><body>Sign in to Identity Security Cloud</body></html>"))
		}
	}
	for _, tc := range []struct {
		name    string
		token   http.HandlerFunc
		wantURL bool // a BaseURLError; else an AuthError
		want    string
	}{
		{"404 web page", html(404), true, "answered 404 Not Found (text/html)"},
		{"200 web page", html(200), true, "answered a document that is not a token"},
		{"redirect to a sign-in page", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/login", http.StatusFound)
		}, true, "answered a document that is not a token"},
		{"404 JSON of a web framework", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 404, `{"timestamp":"2026-01-01T00:00:00Z","status":404,"error":"Not Found","path":"/oauth/token"}`)
		}, true, "answered 404 Not Found (application/json)"},
		{"405 without a body", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(405) }, true, "answered 405 Method Not Allowed"},
		{"401 web page", html(401), true, "answered 401 Unauthorized (text/html)"},
		{"401 invalid_client", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 401, `{"error":"invalid_client","error_description":"Bad credentials"}`)
		}, false, "refused the client credentials (HTTP 401: Bad credentials)"},
		{"400 invalid_request", func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 400, `{"error":"invalid_request"}`)
		}, false, "refused the client credentials (HTTP 400: invalid_request)"},
		{"401 without a body", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(401) }, false, "refused the client credentials (HTTP 401"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var tokenRequests atomic.Int32
			mux := http.NewServeMux()
			mux.HandleFunc("/oauth/token", func(w http.ResponseWriter, r *http.Request) { tokenRequests.Add(1); tc.token(w, r) })
			mux.HandleFunc("/login", html(200))
			mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { t.Errorf("API called: %s %s", r.Method, r.URL) })
			srv := httptest.NewServer(mux)
			defer srv.Close()
			c, w := newTestClient(t, srv.URL)

			_, err := c.GetTaskStatus(context.Background(), "x")
			var urlErr *BaseURLError
			var authErr *AuthError
			if tc.wantURL {
				if !errors.As(err, &urlErr) {
					t.Fatalf("err = %v (%T), want a BaseURLError", err, err)
				}
				for _, want := range []string{srv.URL + " does not look like an ISC API", "Check base_url", "https://TENANT.api.identitynow.com", "https://TENANT.identitynow.com"} {
					if !strings.Contains(err.Error(), want) {
						t.Errorf("message lacks %q:\n%s", want, err)
					}
				}
				if strings.Contains(err.Error(), "credentials") || strings.Contains(err.Error(), "secret") {
					t.Errorf("a wrong base_url blamed on the credentials:\n%s", err)
				}
			} else if !errors.As(err, &authErr) {
				t.Fatalf("err = %v (%T), want an AuthError", err, err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("message lacks %q:\n%s", tc.want, err)
			}
			if n := tokenRequests.Load(); n != 1 || len(w.d) != 0 {
				t.Errorf("token requests = %d, waits %v: an answer that will not change is not retried", n, w.d)
			}
		})
	}
}

// A token endpoint that is busy (429, 503) is asked again, by a call and by the credentials check;
// that is no credentials error.
func TestBusyTokenEndpointIsRetried(t *testing.T) {
	for _, status := range []int{429, 503} {
		var n atomic.Int32
		mux := http.NewServeMux()
		mux.HandleFunc("/oauth/token", func(w http.ResponseWriter, r *http.Request) {
			if n.Add(1) == 1 {
				writeJSON(w, status, `{"message":"busy"}`)
				return
			}
			writeJSON(w, 200, `{"access_token":"tok","token_type":"bearer","expires_in":3600}`)
		})
		mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{"id":"x"}`) })
		srv := httptest.NewServer(mux)
		c, w := newTestClient(t, srv.URL)
		if _, err := c.GetTaskStatus(context.Background(), "x"); err != nil {
			t.Errorf("token endpoint answering %d once: %v", status, err)
		}
		if n.Load() != 2 || len(w.d) != 1 {
			t.Errorf("token endpoint answering %d once: %d token requests, waits %v; want 2 and one backoff", status, n.Load(), w.d)
		}
		n.Store(0)
		c, w = newTestClient(t, srv.URL)
		if err := c.CheckCredentials(context.Background()); err != nil || n.Load() != 2 || len(w.d) != 1 {
			t.Errorf("credentials check with the token endpoint answering %d once: %v, %d token requests, waits %v", status, err, n.Load(), w.d)
		}
		srv.Close()
	}
}

// scripted answers the API calls of a fakeISC in turn: a status, or 0 for 200 with an object. A
// 401 answers every token but the first of each status-401 run, so it reads like the expiry of
// the token the call held.
func scripted(statuses ...int) (http.HandlerFunc, *atomic.Int32) {
	var n atomic.Int32
	return func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		status := 200
		if i < len(statuses) {
			status = statuses[i]
		}
		switch status {
		case 200:
			writeJSON(w, 200, `{"id":"x"}`)
		case 401:
			writeJSON(w, 401, `{"error":"JWT validation failed: JWT is expired"}`)
		case 429:
			w.Header().Set("Retry-After", "1")
			writeJSON(w, 429, `{"message":" Rate Limit Exceeded "}`)
		default:
			writeJSON(w, status, `{"messages":[{"text":"try later"}]}`)
		}
	}, &n
}

// A token that expires between the tries of one call gets a new token each time, as long as the
// call has tries left: it never fails the call while new tokens can be had.
func TestTokenExpiringBetweenRetriesIsRenewed(t *testing.T) {
	for _, tc := range []struct {
		name       string
		method     string
		script     []int
		wantTokens int32
	}{
		{"GET 401 429 401", http.MethodGet, []int{401, 429, 401}, 3},
		{"POST 401 429 401", http.MethodPost, []int{401, 429, 401}, 3},
		{"DELETE 401 503 401 503 401", http.MethodDelete, []int{401, 503, 401, 503, 401}, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api, calls := scripted(tc.script...)
			f := newFakeISC(t, api)
			c, _ := newTestClient(t, f.URL)
			c.cfg.MaxRetries = 8
			if _, err := c.do(context.Background(), request{method: tc.method, path: "/sources/x"}); err != nil {
				t.Fatal(err)
			}
			if got, want := calls.Load(), int32(len(tc.script)+1); got != want {
				t.Errorf("calls = %d, want %d", got, want)
			}
			if got := f.tokens.Load(); got != tc.wantTokens {
				t.Errorf("token requests = %d, want %d", got, tc.wantTokens)
			}
		})
	}
}

// Renewals stay bounded: a fresh token refused at once ends the call, and so does running out of
// retries when 401s keep coming between other answers.
func TestTokenRenewalsAreBounded(t *testing.T) {
	t.Run("every fresh token refused", func(t *testing.T) {
		api, calls := scripted(401, 401, 401, 401, 401, 401, 401, 401, 401, 401)
		f := newFakeISC(t, api)
		c, _ := newTestClient(t, f.URL)
		_, err := c.GetTaskStatus(context.Background(), "x")
		var apiErr *Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 401 {
			t.Fatalf("err = %v", err)
		}
		if calls.Load() != 2 || f.tokens.Load() != 2 {
			t.Errorf("calls = %d, token requests = %d; want 2 and 2", calls.Load(), f.tokens.Load())
		}
	})
	t.Run("401 and 429 for ever", func(t *testing.T) {
		var script []int
		for range 50 {
			script = append(script, 401, 429)
		}
		api, calls := scripted(script...)
		f := newFakeISC(t, api)
		c, _ := newTestClient(t, f.URL) // MaxRetries 3
		_, err := c.GetTaskStatus(context.Background(), "x")
		if err == nil {
			t.Fatal("the call succeeded")
		}
		// The 429s do not count against max_retries; the renewals do.
		if n := calls.Load(); n > 7 {
			t.Errorf("calls = %d, want at most max_retries + 1 answers 401 and a 429 between each two", n)
		}
	})
}

// Against the emulator: the token of a call is revoked, ISC answers 429, and the renewed token is
// revoked too before the retry; the call still succeeds, with a third token.
func TestTokenRevokedTwiceInOneCallAgainstEmulator(t *testing.T) {
	emu := emulator.New(emulator.Config{})
	srv := contract.NewServer(t, emu)
	c, err := New(Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret, RequestsPerSecond: 1000})
	if err != nil {
		t.Fatal(err)
	}
	w := &waits{}
	c.wait = w.record
	for _, kind := range []emulator.FaultKind{emulator.FaultRevokeTokens, emulator.Fault429, emulator.FaultRevokeTokens} {
		if err := emu.InjectFault(emulator.Fault{Kind: kind, Route: "GET /sources/v1"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := c.ListSources(context.Background(), ListOptions{}); err != nil {
		t.Fatal(err)
	}
	var statuses []int
	for _, r := range emu.Requests() {
		if r.Route == "GET /sources/v1" {
			statuses = append(statuses, r.Status)
		}
	}
	if want := []int{401, 429, 401, 200}; len(statuses) != len(want) || statuses[0] != 401 || statuses[1] != 429 || statuses[2] != 401 || statuses[3] != 200 {
		t.Errorf("answers %v, want %v", statuses, want)
	}
	if got := len(emu.IssuedTokens()); got != 3 {
		t.Errorf("tokens issued = %d, want 3", got)
	}
}
