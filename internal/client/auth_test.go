package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
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

// A token endpoint that is busy (429, 503) is asked again; that is no credentials error.
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
		srv.Close()
	}
}
