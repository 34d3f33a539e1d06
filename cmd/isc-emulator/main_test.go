package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
)

// start runs the command with args and returns its base URL, behind a proxy that checks the
// traffic against SailPoint's OpenAPI (package contract); the test's end stops it and checks that
// it shut down cleanly.
func start(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-listen", "127.0.0.1:0"}, args...), pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("run did not stop")
		}
	})

	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "isc-emulator listening on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("ready line %q", line)
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	return contract.Proxy(t, base)
}

// get fetches a token with the given credentials, sends an API GET with it and returns the status
// and headers of the answer.
func get(t *testing.T, base, clientID, clientSecret, path string) (int, http.Header) {
	t.Helper()
	resp, err := http.PostForm(base+"/oauth/token", url.Values{"grant_type": {"client_credentials"}, "client_id": {clientID}, "client_secret": {clientSecret}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("token status %d", resp.StatusCode)
	}
	tok := struct {
		AccessToken string `json:"access_token"`
	}{}
	if err := json.NewDecoder(resp.Body).Decode(&tok); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", base+path, nil)
	req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
	r, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r.Body.Close()
	return r.StatusCode, r.Header
}

func TestRunServesUntilCancelled(t *testing.T) {
	base := start(t, "-client-id", "me", "-client-secret", "pw", "-rate-limit", "0", "-identities", "7")
	if _, h := get(t, base, "me", "pw", "/identities/v1?defaultFilter=NONE&count=true"); h.Get("X-Total-Count") != "7" {
		t.Fatalf("-identities 7 served %q identities", h.Get("X-Total-Count"))
	}
}

func TestRunInjectsFaults(t *testing.T) {
	base := start(t, "-no-error-content-encoding",
		"-fault", "503 GET /v2025/sources count=2",
		"-fault", "429 /v2025/identities retryAfter=9")
	for _, want := range []int{503, 503, 200} {
		status, h := get(t, base, "demo-client-id", "demo-client-secret", "/v2025/sources")
		if status != want || status >= 400 && h.Get("Content-Encoding") != "" {
			t.Fatalf("status %d %v, want %d without Content-Encoding", status, h, want)
		}
	}
	if status, h := get(t, base, "demo-client-id", "demo-client-secret", "/v2025/identities"); status != 429 || h.Get("Retry-After") != "9" {
		t.Fatalf("identities: status %d, Retry-After %q", status, h.Get("Retry-After"))
	}
}

func TestRunLoadsFixture(t *testing.T) {
	base := start(t, "-fixture", "../../examples/tenant-snapshot/snapshot.json")
	if status, h := get(t, base, "demo-client-id", "demo-client-secret", "/sources/v1?count=true"); status != 200 || h.Get("X-Total-Count") != "6" {
		t.Fatalf("-fixture: status %d, %q sources, want the snapshot's 6", status, h.Get("X-Total-Count"))
	}
}

func TestRunRejectsBadFixture(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"sources": [{"id": "42", "name": "HR"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{
		bad:                                   `-fixture ` + bad + `: snapshot: sources[0] "HR": field 'id' must be`,
		filepath.Join(t.TempDir(), "missing"): "-fixture: open",
	} {
		err := run(context.Background(), []string{"-listen", "127.0.0.1:0", "-fixture", file}, io.Discard, io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("-fixture %s: error %v, want %q", file, err, want)
		}
	}
}

func TestRunRejectsBadFlags(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // a run that accepts its flags stops at once
	for _, args := range [][]string{
		{"-rate-limit", "many"},
		{"extra"},
		{"-fault", "teapot"},
		{"-fault", "503 count=two"},
		{"-fault", "503 GET /v2025/nowhere"},
	} {
		if err := run(ctx, append([]string{"-listen", "127.0.0.1:0"}, args...), io.Discard, io.Discard); err == nil {
			t.Errorf("%q accepted", args)
		}
	}
}

func TestRunHelp(t *testing.T) {
	var usage bytes.Buffer
	if err := run(context.Background(), []string{"-help"}, io.Discard, &usage); err != nil {
		t.Fatalf("-help: %v", err)
	}
	for _, want := range []string{"-fault", "drop-after-commit", "hang", "revoke-tokens", "fraction=F", "-no-error-content-encoding"} {
		if !strings.Contains(usage.String(), want) {
			t.Errorf("usage does not mention %s:\n%s", want, usage.String())
		}
	}
}
