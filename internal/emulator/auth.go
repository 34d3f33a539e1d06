package emulator

import (
	"crypto/rand"
	"encoding/base64"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// token is an issued access token.
type token struct {
	expires  time.Time
	clientID string // the client it was issued to, whose rate-limit windows it charges
}

// rateKey names a rate-limit window. Like ISC, the emulator counts requests per client ID and API
// version, whatever token or connection they come with. The version is the version segment of
// the path (apiversion.Of): v2025 for /v2025/..., and v1 for every per-resource path
// (/sources/v1/..., /transforms/v1/...). ISC documents its limit per API version but not whether
// the per-resource APIs of one version share it; counting them together is the stricter reading,
// so a client that keeps under the emulator's limit keeps under ISC's either way.
type rateKey struct {
	clientID, version string
}

// handleToken is the OAuth2 token endpoint (client credentials grant). Credentials come from the
// form (body or query string) or from HTTP basic auth. It is not rate limited.
func (s *Server) handleToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		s.writeOAuthError(w, http.StatusBadRequest, "invalid_request", err.Error())
		return
	}
	id, secret := r.Form.Get("client_id"), r.Form.Get("client_secret")
	if u, p, ok := r.BasicAuth(); ok {
		// RFC 6749 §2.3.1: basic-auth credentials are form-encoded first.
		id, secret = formUnescape(u), formUnescape(p)
	}
	switch grant := r.Form.Get("grant_type"); {
	case grant == "":
		s.writeOAuthError(w, http.StatusBadRequest, "invalid_request", "grant_type is required")
		return
	case grant != "client_credentials":
		s.writeOAuthError(w, http.StatusBadRequest, "unsupported_grant_type", "only client_credentials is supported")
		return
	}
	if id != s.cfg.ClientID || secret != s.cfg.ClientSecret {
		s.writeOAuthError(w, http.StatusUnauthorized, "invalid_client", "Bad credentials")
		return
	}

	var b [32]byte
	_, _ = rand.Read(b[:])
	value := base64.RawURLEncoding.EncodeToString(b[:])
	s.mu.Lock()
	now := s.now()
	for v, t := range s.tokens { // forget expired tokens so the map stays small
		if !now.Before(t.expires) {
			delete(s.tokens, v)
		}
	}
	s.tokens[value] = &token{expires: now.Add(s.cfg.TokenTTL), clientID: id}
	s.issued = append(s.issued, value)
	s.mu.Unlock()

	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{
		"access_token": value,
		"token_type":   "bearer",
		"expires_in":   int64(s.cfg.TokenTTL / time.Second),
		"scope":        "sp:scopes:all",
	})
}

// IssuedTokens returns every access token the token endpoint has handed out since New, oldest
// first, including expired and revoked ones: tests use them to prove no token leaks.
func (s *Server) IssuedTokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.issued)
}

// writeOAuthError answers a token request with an RFC 6749 error body.
func (s *Server) writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	s.markError(w)
	writeJSON(w, status, map[string]string{"error": code, "error_description": description})
}

func formUnescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}

// authorize checks the bearer token of an API request and charges it against the rate limit of
// the token's client and the request's API version. It runs with s.mu held.
func (s *Server) authorize(r *http.Request, now time.Time) error {
	scheme, value, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") || value == "" {
		return unauthorized("no bearer token in the Authorization header")
	}
	t, known := s.tokens[strings.TrimSpace(value)]
	switch {
	case !known:
		return unauthorized("JWT is invalid")
	case !now.Before(t.expires):
		return unauthorized("JWT is expired")
	}
	if s.cfg.RateLimit == 0 {
		return nil
	}
	key := rateKey{clientID: t.clientID, version: apiversion.Of(r.URL.Path)}
	window := s.windows[key]
	start := now.Add(-RateWindow)
	i := 0
	for i < len(window) && !window[i].After(start) {
		i++
	}
	window = window[i:]
	if len(window) >= s.cfg.RateLimit {
		s.windows[key] = window
		// A slot frees when the oldest admitted request leaves the window.
		wait := window[0].Add(RateWindow).Sub(now)
		return rateLimited(max(1, int(math.Ceil(wait.Seconds()))))
	}
	s.windows[key] = append(window, now)
	return nil
}
