// Package client is a small REST client for SailPoint Identity Security Cloud (ISC).
//
// It knows nothing of Terraform: it speaks ISC's JSON, authenticates with OAuth2 client
// credentials, keeps under ISC's rate limit, retries what is safe to retry and turns error
// responses into one typed error.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"
	"golang.org/x/time/rate"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// Defaults for the zero values of Config.
const (
	DefaultMaxRetries   = 8
	DefaultRetryWaitMin = 500 * time.Millisecond
	DefaultRetryWaitMax = 30 * time.Second
	DefaultPollInterval = 1 * time.Second
	DefaultUserAgent    = "terraform-provider-sailpoint"
)

// Config holds what New needs. Only BaseURL, ClientID and ClientSecret are required.
type Config struct {
	// BaseURL is the tenant's API host, e.g. https://acme.api.identitynow.com, without a version.
	BaseURL      string
	ClientID     string
	ClientSecret string
	// APIVersion is the path scheme of every call: apiversion.V1 (/sources/v1/{id}) or
	// apiversion.V2025 (/v2025/sources/{id}); apiversion.Default when empty.
	APIVersion apiversion.Version

	// RequestsPerSecond, when above 0, caps the client's own request rate, spacing its requests
	// evenly, on top of ISC's window: for a client ID that several teams or tools share.
	RequestsPerSecond float64
	// RateLimit is how many requests ISC admits per client ID and API version in any RateWindow:
	// DefaultRateLimit when 0; a negative value turns the window off, for a server without one.
	RateLimit int
	// MaxRetries bounds the retries of one call after a 502, 503 or 504 or a transport error.
	// Answers 429 are repeated apart from it, for up to RateLimitPatience of waiting.
	MaxRetries int
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between retries.
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// PollInterval is the first wait between polls of an asynchronous task.
	PollInterval time.Duration
	UserAgent    string
	// RequestTimeout bounds one attempt of a request, the token request included: from
	// connecting to reading the whole answer. A GET, PUT or DELETE that runs out of it is
	// retried; a POST or PATCH that does gets an OutcomeUnknownError. DefaultRequestTimeout when 0.
	RequestTimeout time.Duration
	// HTTPClient is the transport used for API and token calls. When nil, the client builds one
	// whose dial, TLS handshake, response header and whole attempt are bounded by RequestTimeout.
	HTTPClient *http.Client
	// NoReadCache makes every read ask ISC. The read cache suits a client that lives for one
	// Terraform run, such as the provider's; a longer-lived client, one that checks on ISC
	// while others change it, turns it off.
	NoReadCache bool
}

// Client calls one ISC tenant. It is safe for concurrent use.
type Client struct {
	cfg     Config
	baseURL string // the tenant's, without a path
	http    *http.Client
	// window is shared by every client of the same tenant, client ID and API version in the
	// process; nil when Config.RateLimit is negative. perSecond is this client's own cap, if any.
	window    *windowLimiter
	perSecond *rate.Limiter
	tokens    *tokenCache
	cache     *readCache
	// clock bounds ISC's clock against the local one, from the Date of its answers.
	clock serverClock
	// created has the paths of the objects this client created.
	created createdHere
	// wait pauses between attempts and polls; tests replace it to observe the waits.
	wait func(ctx context.Context, d time.Duration) error
	// deletes are the asynchronous deletes being awaited, by collection.
	deletes deleteWatches
}

// New checks the configuration and returns a client. It makes no request.
func New(cfg Config) (*Client, error) {
	base, err := url.Parse(strings.TrimRight(cfg.BaseURL, "/"))
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("base URL %q is not an absolute URL such as https://TENANT.api.identitynow.com", cfg.BaseURL)
	}
	if v := apiversion.Of(base.Path); v != "" {
		root := *base
		root.Path, _, _ = strings.Cut(base.Path, "/"+v)
		return nil, fmt.Errorf("base URL %q must not include an API version: use %s", cfg.BaseURL, root.String())
	}
	if cfg.APIVersion == "" {
		cfg.APIVersion = apiversion.Default
	} else if _, err := apiversion.Parse(string(cfg.APIVersion)); err != nil {
		return nil, err
	}
	if cfg.ClientID == "" || cfg.ClientSecret == "" {
		return nil, errors.New("client ID and client secret are required")
	}
	if cfg.RequestsPerSecond < 0 {
		cfg.RequestsPerSecond = 0
	}
	if cfg.RateLimit == 0 {
		cfg.RateLimit = DefaultRateLimit
	}
	if cfg.MaxRetries <= 0 {
		cfg.MaxRetries = DefaultMaxRetries
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = DefaultPollInterval
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = DefaultUserAgent
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = DefaultRequestTimeout
	}
	httpClient := cfg.HTTPClient
	if httpClient == nil {
		httpClient = newHTTPClient(cfg.RequestTimeout)
	}
	c := &Client{
		cfg:     cfg,
		baseURL: base.String(),
		http:    httpClient,
		tokens: &tokenCache{
			http:    httpClient,
			timeout: cfg.RequestTimeout,
			baseURL: base.String(),
			fetch:   make(chan struct{}, 1),
			cc: clientcredentials.Config{
				ClientID:     cfg.ClientID,
				ClientSecret: cfg.ClientSecret,
				TokenURL:     base.String() + "/oauth/token",
				AuthStyle:    oauth2.AuthStyleInParams,
			},
		},
		cache: newReadCache(cfg.NoReadCache),
		wait:  sleep,
	}
	if cfg.RateLimit > 0 {
		c.window = sharedLimiter(limiterKey{baseURL: c.baseURL, clientID: cfg.ClientID, version: cfg.APIVersion, limit: cfg.RateLimit})
	}
	if cfg.RequestsPerSecond > 0 {
		// A burst of one spreads the requests evenly.
		c.perSecond = rate.NewLimiter(rate.Limit(cfg.RequestsPerSecond), 1)
	}
	return c, nil
}

// CheckCredentials fetches a token, so bad credentials surface at configuration time. A token
// endpoint that is busy, fails or does not answer is asked again, as for any call.
func (c *Client) CheckCredentials(ctx context.Context) error {
	for attempt := 1; ; attempt++ {
		_, err := c.tokens.token(ctx)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || !transientTokenError(err) || attempt > c.cfg.MaxRetries {
			return withAttempts(err, attempt)
		}
		if werr := c.wait(ctx, c.backoff(attempt)); werr != nil {
			return withAttempts(err, attempt)
		}
	}
}

// transientTokenError reports whether asking for a token again may succeed: not after refused
// credentials, nor from a base URL that is no ISC API.
func transientTokenError(err error) bool {
	var authErr *AuthError
	var urlErr *BaseURLError
	return !errors.As(err, &authErr) && !errors.As(err, &urlErr)
}

// tokenCache holds one access token for every call of the client and fetches a new one shortly
// before it expires, or when ISC rejected it.
type tokenCache struct {
	http    *http.Client
	timeout time.Duration // bounds the token request
	baseURL string
	cc      clientcredentials.Config
	// fetch is held by the one caller fetching a token; the others wait for it, or for their
	// context to end.
	fetch chan struct{}

	mu      sync.Mutex
	tok     *oauth2.Token
	renewAt time.Time // when to fetch the next token; zero for a token that does not expire
	// proven is the newest token ISC has answered other than with a 401.
	proven *oauth2.Token
}

// tokenEarlyExpiry renews a token this long before ISC would reject it, or after three quarters
// of its lifetime if that comes later: a token that lives no longer than the margin would
// otherwise be fetched anew for every call.
const tokenEarlyExpiry = 30 * time.Second

// tokenPath is where ISC hands out access tokens, below the base URL.
const tokenPath = "/oauth/token"

// cached returns the current token while it is fresh enough to use.
func (t *tokenCache) cached(now time.Time) *oauth2.Token {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tok != nil && (t.renewAt.IsZero() || now.Before(t.renewAt)) {
		return t.tok
	}
	return nil
}

func (t *tokenCache) token(ctx context.Context) (*oauth2.Token, error) {
	if tok := t.cached(time.Now()); tok != nil {
		return tok, nil
	}
	select {
	case t.fetch <- struct{}{}:
		defer func() { <-t.fetch }()
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	now := time.Now()
	if tok := t.cached(now); tok != nil { // another caller fetched one meanwhile
		return tok, nil
	}

	attemptCtx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }}
	tok, err := t.cc.Token(context.WithValue(httptrace.WithClientTrace(attemptCtx, trace), oauth2.HTTPClient, t.http))
	if err != nil {
		if timedOut(ctx, attemptCtx, err) {
			return nil, &TimeoutError{Method: http.MethodPost, Path: tokenPath, BaseURL: t.baseURL,
				After: time.Since(now), Timeout: t.timeout, Connecting: !wrote.Load()}
		}
		return nil, tokenError(err, t.baseURL)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.tok, t.renewAt = tok, time.Time{}
	if !tok.Expiry.IsZero() {
		t.renewAt = tok.Expiry.Add(-min(tokenEarlyExpiry, tok.Expiry.Sub(now)/4))
	}
	return tok, nil
}

// invalidate drops tok, unless another caller has already replaced it.
func (t *tokenCache) invalidate(tok *oauth2.Token) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.tok == tok {
		t.tok = nil
	}
}

// worked records that ISC accepted tok, or at least answered it other than with a 401.
func (t *tokenCache) worked(tok *oauth2.Token) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.proven = tok
}

// hasWorked reports whether ISC has accepted tok before.
func (t *tokenCache) hasWorked(tok *oauth2.Token) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.proven == tok
}

// AuthError says the token endpoint refused the client credentials.
type AuthError struct {
	StatusCode int
	Message    string
}

func (e *AuthError) Error() string {
	return fmt.Sprintf("the ISC token endpoint refused the client credentials (HTTP %d: %s); check the client ID and secret, and that the personal access token has not expired or been revoked", e.StatusCode, e.Message)
}

// tokenError words a failed token request that did not time out: refused credentials are an
// AuthError, an answer that no ISC token endpoint gives (a web page, a 404) a BaseURLError, and
// anything else (a 5xx, a 429, a lost connection) a passing failure worth retrying.
func tokenError(err error, baseURL string) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.Response != nil {
		status := re.Response.StatusCode
		contentType, _, _ := mime.ParseMediaType(re.Response.Header.Get("Content-Type"))
		switch {
		case status >= 500 || status == http.StatusTooManyRequests || status == http.StatusRequestTimeout:
			return fmt.Errorf("requesting an ISC access token: %w", err)
		case status == http.StatusUnauthorized && contentType != "text/html" ||
			re.ErrorCode != "" && (status == http.StatusBadRequest || status == http.StatusForbidden):
			// An OAuth error answer (RFC 6749 section 5.2): the endpoint is there, and refused. A 404
			// is never one, even with an "error" field, as many web servers' own pages have.
			msg := re.ErrorDescription
			if msg == "" {
				msg = re.ErrorCode
			}
			if msg == "" {
				msg = strings.TrimSpace(string(re.Body))
			}
			return &AuthError{StatusCode: status, Message: msg}
		}
		answer := fmt.Sprintf("%d %s", status, http.StatusText(status))
		if contentType != "" {
			answer += " (" + contentType + ")"
		}
		return &BaseURLError{BaseURL: baseURL, Answer: answer}
	}
	// A success status whose body is no token, such as a web page (oauth2 reports these with
	// plain errors).
	if msg := err.Error(); strings.Contains(msg, "oauth2: cannot parse") || strings.Contains(msg, "missing access_token") {
		return &BaseURLError{BaseURL: baseURL, Answer: "a document that is not a token (" + msg + ")"}
	}
	return fmt.Errorf("requesting an ISC access token: %w", err)
}

// request is one API call.
type request struct {
	method string
	path   string // below the API base, e.g. /sources/123
	query  url.Values
	// body is sent as JSON; a json.RawMessage is sent as is.
	body        any
	contentType string
	// out receives the decoded JSON response when not nil.
	out any
	// readOnly marks a POST that only computes an answer and changes nothing in ISC: it is
	// repeated like a GET and leaves the read cache alone.
	readOnly bool
	// sameTwice marks a write that sending twice does no more than sending it once, such as
	// adding members to a governance group (a second add answers "already a member"): it is
	// retried like a PUT.
	sameTwice bool
	// experimental sends X-SailPoint-Experimental: true, which ISC requires on the operations
	// it still calls experimental (trap 57).
	experimental bool
}

// repeatable is whether sending r twice does no more than sending it once.
func (r request) repeatable() bool { return r.readOnly || r.sameTwice || idempotent(r.method) }

// response is what a successful call returned.
type response struct {
	status int
	header http.Header
}

// do sends r, retrying what is safe to retry, and decodes the answer into r.out.
func (c *Client) do(ctx context.Context, r request) (*response, error) {
	if r.method != http.MethodGet && !r.readOnly {
		// Whether or not the write went through, what the run read below its path may be old now.
		defer c.cache.wrote(r.path)
	}
	var payload []byte
	if r.body != nil {
		var err error
		if raw, ok := r.body.(json.RawMessage); ok {
			payload = raw
		} else if payload, err = json.Marshal(r.body); err != nil {
			return nil, fmt.Errorf("encoding the %s %s request: %w", r.method, r.path, err)
		}
		if r.contentType == "" {
			r.contentType = "application/json"
		}
	}
	logPath := c.wire(r.path)
	target := c.baseURL + logPath
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}

	// renewals counts the new tokens fetched after a 401; after401 says the last answer was a 401
	// that had the token renewed. limited counts the answers 429, which MaxRetries leaves out, and
	// limitedWait adds up the waits they asked for; afterPause says the last answer was one.
	renewals, after401 := 0, false
	limited, limitedWait, afterPause := 0, time.Duration(0), false
	for attempt := 1; ; attempt++ {
		tries := attempt - limited // the attempts MaxRetries bounds
		s, err := c.admit(ctx, afterPause)
		if err != nil {
			// The call ends with ctx all the same, which callers tell by ctx.Err().
			<-ctx.Done()
			return nil, c.canceled(ctx, r, err, "before it was sent; ISC did not receive it")
		}
		afterPause = false
		tok, err := c.tokens.token(ctx)
		if err != nil {
			s.unsent()
			if ctx.Err() != nil {
				return nil, c.canceled(ctx, r, err, "while fetching an access token; the request was not sent")
			}
			if !transientTokenError(err) {
				return nil, err
			}
			if tries > c.cfg.MaxRetries {
				return nil, withAttempts(err, attempt)
			}
			if werr := c.wait(ctx, c.backoff(tries)); werr != nil {
				return nil, c.canceled(ctx, r, werr, "while waiting to fetch an access token again ("+attemptError(err)+"); the request was not sent")
			}
			continue
		}

		resp, body, sent, duration, err := c.send(ctx, r, target, payload, tok) //nolint:bodyclose // send reads and closes it
		if sent {
			s.answered()
		} else {
			s.unsent()
		}
		fields := map[string]any{"method": r.method, "path": logPath, "attempt": attempt, "duration_ms": duration.Milliseconds()}
		if err != nil {
			fields["error"] = err.Error()
			tflog.Debug(ctx, "ISC API request failed", fields)
			if ctx.Err() != nil {
				when := "before it reached ISC"
				if sent {
					when = "before ISC answered" + maybeCarriedOut(r)
				}
				return nil, c.canceled(ctx, r, err, when)
			}
			// A request that may have reached the server is only repeated when repeating it is
			// harmless; one that timed out may have reached it too.
			if sent && !r.repeatable() {
				return nil, &OutcomeUnknownError{Method: r.method, Path: logPath, Err: withAttempts(err, attempt)}
			}
			if tries > c.cfg.MaxRetries {
				var timeout *TimeoutError
				if errors.As(err, &timeout) {
					return nil, withAttempts(err, attempt)
				}
				return nil, fmt.Errorf("%s %s: %w", r.method, logPath, err)
			}
			if werr := c.wait(ctx, c.backoff(tries)); werr != nil {
				return nil, c.canceled(ctx, r, werr, "while waiting to retry it after "+attemptError(err))
			}
			continue
		}
		fields["status"] = resp.StatusCode
		tflog.Debug(ctx, "ISC API request", fields)
		if len(body) > 0 {
			tflog.Trace(ctx, "ISC API response body", map[string]any{"method": r.method, "path": logPath, "body": redactJSON(ctx, body)})
		}
		if resp.StatusCode != http.StatusUnauthorized {
			c.tokens.worked(tok)
			after401 = false
		}

		switch {
		case resp.StatusCode == http.StatusUnauthorized && c.mayRenew(tok, renewals, after401, tries):
			// An expired or revoked token gets a fresh token and another try, as often as one
			// expires between the tries of the call.
			renewals, after401 = renewals+1, true
			c.tokens.invalidate(tok)
			tflog.Debug(ctx, "ISC refused the access token; fetching a new one", map[string]any{"method": r.method, "path": logPath, "renewals": renewals})
			continue
		case resp.StatusCode == http.StatusTooManyRequests && limitedWait < RateLimitPatience:
			// ISC refused the request before acting on it, so every method may be repeated. Another
			// user of the client ID spends the allowance too: the limiter holds every request of
			// the client until Retry-After, and this one waits for it here.
			limited++
			wait, ok := retryAfter(resp.Header.Get("Retry-After"), time.Now())
			if !ok {
				wait = c.backoff(limited)
			}
			s.limited(wait)
			limitedWait += wait
			afterPause = true
			tflog.Debug(ctx, "ISC API rate limit reached, waiting", map[string]any{"method": r.method, "path": logPath, "wait_ms": wait.Milliseconds()})
			if werr := c.wait(ctx, wait); werr != nil {
				return nil, c.canceled(ctx, r, werr, fmt.Sprintf("while waiting %s to retry it, as ISC's 429 Too Many Requests asked (Retry-After: %s); ISC did not act on it",
					wait, resp.Header.Get("Retry-After")))
			}
			continue
		case retryableStatus(resp.StatusCode) && r.repeatable() && tries <= c.cfg.MaxRetries:
			if werr := c.wait(ctx, c.backoff(tries)); werr != nil {
				return nil, c.canceled(ctx, r, werr, fmt.Sprintf("while waiting to retry it after ISC answered %d %s", resp.StatusCode, http.StatusText(resp.StatusCode)))
			}
			continue
		case retryableStatus(resp.StatusCode) && !r.repeatable():
			// A gateway error says nothing of whether ISC acted on the write behind it.
			return nil, &OutcomeUnknownError{Method: r.method, Path: logPath, Err: decodeError(r.method, logPath, resp.StatusCode, body)}
		case resp.StatusCode >= 400:
			return nil, decodeError(r.method, logPath, resp.StatusCode, body)
		}

		if r.out != nil && len(body) > 0 {
			if err := json.Unmarshal(body, r.out); err != nil {
				return nil, fmt.Errorf("decoding the answer to %s %s: %w", r.method, logPath, err)
			}
		}
		return &response{status: resp.StatusCode, header: resp.Header}, nil
	}
}

// mayRenew decides whether a 401 to tok gets a new token and another try, tries being the
// attempts of the call that MaxRetries bounds. The first 401 of a call always does; a later one
// does while retries are left, unless tok was itself fetched after
// the 401 just before and ISC never accepted it: then new tokens are refused as soon as they are
// issued, and fetching more would not end.
func (c *Client) mayRenew(tok *oauth2.Token, renewals int, after401 bool, tries int) bool {
	switch {
	case renewals == 0:
		return true
	case tries > c.cfg.MaxRetries:
		return false
	case after401:
		return c.tokens.hasWorked(tok)
	}
	return true
}

// admit waits until the rate limit lets the call send its next attempt, and returns the attempt's
// slot in ISC's window (nil without a window). afterPause says the call has just waited out the
// 429 that paused the window.
func (c *Client) admit(ctx context.Context, afterPause bool) (*slot, error) {
	if c.window != nil {
		return c.window.acquire(ctx, c.perSecond, afterPause)
	}
	if c.perSecond != nil {
		return nil, c.perSecond.Wait(ctx)
	}
	return nil, nil
}

// send makes one HTTP exchange within the request timeout. sent reports whether the request may
// have reached the server. An exchange that runs out of time returns a *TimeoutError.
func (c *Client) send(ctx context.Context, r request, target string, payload []byte, tok *oauth2.Token) (resp *http.Response, body []byte, sent bool, duration time.Duration, err error) {
	attemptCtx, cancel := context.WithTimeout(ctx, c.cfg.RequestTimeout)
	defer cancel()
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteHeaders: func() { wrote.Store(true) }}
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(attemptCtx, trace), r.method, target, reader)
	if err != nil {
		return nil, nil, false, 0, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	tok.SetAuthHeader(req)
	if r.experimental {
		req.Header.Set("X-SailPoint-Experimental", "true")
	}
	if payload != nil {
		req.Header.Set("Content-Type", r.contentType)
		tflog.Trace(ctx, "ISC API request body", map[string]any{"method": r.method, "path": c.wire(r.path), "body": redactJSON(ctx, payload)})
	}
	start := time.Now()
	timeout := func(err error) error {
		if !timedOut(ctx, attemptCtx, err) {
			return err
		}
		return &TimeoutError{Method: r.method, Path: c.wire(r.path), BaseURL: c.tokens.baseURL,
			After: time.Since(start), Timeout: c.cfg.RequestTimeout, Connecting: !wrote.Load()}
	}
	resp, err = c.http.Do(req)
	if err != nil {
		return nil, nil, wrote.Load(), time.Since(start), timeout(err)
	}
	c.clock.observe(resp.Header.Get("Date"), start, time.Now())
	defer resp.Body.Close()
	// ISC labels some error bodies "Content-Encoding: UTF-8", which is no encoding at all: the
	// body is read as it is.
	body, err = io.ReadAll(resp.Body)
	duration = time.Since(start)
	if err != nil {
		if terr := timeout(err); terr != err { //nolint:errorlint // timeout answers err itself when it is no timeout
			return nil, nil, true, duration, terr
		}
		return nil, nil, true, duration, fmt.Errorf("reading the answer: %w", err)
	}
	return resp, body, true, duration, nil
}

// withAttempts notes on a *TimeoutError how many attempts the call made.
func withAttempts(err error, attempts int) error {
	var timeout *TimeoutError
	if errors.As(err, &timeout) {
		t := *timeout
		t.Attempts = attempts
		return &t
	}
	return err
}

// attemptError says in a few words what went wrong with an attempt, for a message about what the
// call was doing next: a timeout without its advice, which belongs to the final error.
func attemptError(err error) string {
	var timeout *TimeoutError
	if errors.As(err, &timeout) {
		if timeout.Connecting {
			return fmt.Sprintf("%s %s got no connection within %s", timeout.Method, timeout.Path, timeout.Timeout)
		}
		return fmt.Sprintf("%s %s got no answer within %s", timeout.Method, timeout.Path, timeout.Timeout)
	}
	return "a network error (" + err.Error() + ")"
}

func idempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

func retryableStatus(status int) bool {
	return status == http.StatusBadGateway || status == http.StatusServiceUnavailable || status == http.StatusGatewayTimeout
}

// backoff is capped exponential backoff with full jitter.
func (c *Client) backoff(attempt int) time.Duration {
	ceiling := c.cfg.RetryWaitMax
	if attempt < 30 {
		if d := c.cfg.RetryWaitMin << (attempt - 1); d > 0 && d < ceiling {
			ceiling = d
		}
	}
	return c.cfg.RetryWaitMin/2 + rand.N(ceiling-c.cfg.RetryWaitMin/2+1)
}

// retryAfter reads a Retry-After value: delay seconds or an HTTP date.
func retryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		if d := at.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// canceled words a call that ended because ctx did: what it was doing when (such as "while
// waiting to retry it ...") and so whether ISC may have acted on it.
func (c *Client) canceled(ctx context.Context, r request, err error, when string) error {
	if cerr := ctx.Err(); cerr != nil {
		err = cerr
	}
	return fmt.Errorf("%s %s was interrupted (%w) %s", r.method, c.wire(r.path), err, when)
}

// wire is the path a request for the resource path p (such as /sources/{id}, as every call
// names it) goes to in the client's API version: the one place the version enters a path.
func (c *Client) wire(p string) string { return c.cfg.APIVersion.Path(p) }

// maybeCarriedOut warns that an interrupted write may have taken effect.
func maybeCarriedOut(r request) string {
	if r.repeatable() {
		return ""
	}
	return "; ISC may or may not have carried it out"
}
