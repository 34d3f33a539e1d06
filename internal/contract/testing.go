package contract

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"sync"
	"sync/atomic"
	"testing"
)

// fromEnv is the Spec named by EnvDir, loaded once per test binary (parsing the documents takes
// a while); spec is nil when the variable is unset.
var fromEnv struct {
	load sync.Once
	spec *Spec
	err  error
	off  atomic.Bool // whether a test said that nothing is checked
}

// SpecFromEnv returns the documents named by EnvDir, or nil when it is unset: then the first
// test to ask logs that the contract check is off. A directory that does not load fails t.
func SpecFromEnv(t testing.TB) *Spec {
	t.Helper()
	dir := os.Getenv(EnvDir)
	if dir == "" {
		if fromEnv.off.CompareAndSwap(false, true) {
			t.Logf("contract check is off: %s is not set, so no request or answer is checked against SailPoint's OpenAPI (CI sets it to ../shared/isc-api)", EnvDir)
		}
		return nil
	}
	fromEnv.load.Do(func() {
		if dir, fromEnv.err = resolveDir(dir); fromEnv.err == nil {
			fromEnv.spec, fromEnv.err = Load(dir)
		}
	})
	if fromEnv.err != nil {
		t.Fatalf("contract: %s: %v", EnvDir, fromEnv.err)
	}
	return fromEnv.spec
}

// Check wraps h so that, with the documents from the environment, every request and answer is
// checked; at the end of the test each finding not on the allow-list fails it, once however
// often it recurred.
func Check(t testing.TB, h http.Handler) http.Handler {
	t.Helper()
	spec := SpecFromEnv(t)
	if spec == nil {
		return h
	}
	var mu sync.Mutex
	var found []Finding
	seen := map[Finding]int{}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, f := range found {
			if n := seen[f]; n > 1 {
				t.Errorf("contract: %s (%d times)", f, n)
			} else {
				t.Errorf("contract: %s", f)
			}
		}
	})
	return spec.Handler(h, func(f Finding) {
		if f.Allowed != "" {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if seen[f]++; seen[f] == 1 {
			found = append(found, f)
		}
	})
}

// NewServer starts a test server for h, checked as Check says, and closes it at the end of the
// test (before the findings are reported, so every request has finished).
func NewServer(t testing.TB, h http.Handler) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(Check(t, h))
	t.Cleanup(srv.Close)
	return srv
}

// Proxy returns the URL to reach the server at base through: with the documents from the
// environment, a local reverse proxy that checks the traffic as Check does (for a real tenant
// or a server of its own); without them, base itself.
func Proxy(t testing.TB, base string) string {
	t.Helper()
	if SpecFromEnv(t) == nil {
		return base
	}
	target, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	return NewServer(t, &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		// Left to the proxy's transport, a compressed answer is inflated before it is checked.
		r.Out.Header.Del("Accept-Encoding")
	}}).URL
}
