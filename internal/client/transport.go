package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// DefaultRequestTimeout bounds one attempt of a request, the token request included: connecting,
// sending, and reading the whole answer.
const DefaultRequestTimeout = 60 * time.Second

// maxConnectTimeout bounds the dial and the TLS handshake of the default transport, when the
// request timeout is longer.
const maxConnectTimeout = 10 * time.Second

// newHTTPClient is the client's default HTTP client: Go's default transport (proxies from the
// environment, HTTP/2, connection reuse) with every phase of an attempt bounded, so that a server
// that accepts connections and never answers cannot hold a call for ever.
func newHTTPClient(timeout time.Duration) *http.Client {
	connect := min(timeout, maxConnectTimeout)
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: connect, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = connect
	t.ResponseHeaderTimeout = timeout
	t.ExpectContinueTimeout = time.Second
	return &http.Client{Transport: t, Timeout: timeout}
}

// timedOut reports whether a failed attempt ran out of its own time, the request timeout, as
// opposed to the caller's context ending (a cancel, or the operation's deadline).
func timedOut(ctx, attemptCtx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if errors.Is(attemptCtx.Err(), context.DeadlineExceeded) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
