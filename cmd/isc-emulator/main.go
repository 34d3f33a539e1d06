// Command isc-emulator serves the in-memory ISC emulator (internal/emulator) on a local address for
// demos, manual tests and benchmarks. When it accepts connections it prints one line to stdout,
// "isc-emulator listening on http://HOST:PORT"; SIGINT or SIGTERM shut it down gracefully.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "isc-emulator:", err)
		os.Exit(1)
	}
}

// run serves until ctx is done. It is main without the process around it, so tests can call it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("isc-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := fs.String("listen", "127.0.0.1:8080", "address to listen on (port 0 picks a free port)")
	var cfg emulator.Config
	fs.StringVar(&cfg.ClientID, "client-id", emulator.DefaultClientID, "OAuth client id the token endpoint accepts")
	fs.StringVar(&cfg.ClientSecret, "client-secret", emulator.DefaultClientSecret, "OAuth client secret the token endpoint accepts")
	fs.DurationVar(&cfg.TokenTTL, "token-ttl", emulator.DefaultTokenTTL, "lifetime of issued access tokens")
	fs.IntVar(&cfg.RateLimit, "rate-limit", 100, "API requests allowed per client ID and API version in any 10 s window, whatever the token (0 = no limit)")
	fs.DurationVar(&cfg.DeleteDelay, "delete-delay", emulator.DefaultDeleteDelay, "how long asynchronous deletes take (negative = immediate)")
	fs.DurationVar(&cfg.AggregationDelay, "aggregation-delay", emulator.DefaultAggregationDelay, "how long account aggregations take (negative = immediate)")
	fs.IntVar(&cfg.Identities, "identities", emulator.DefaultIdentities, "number of generated identity fixtures (the admin identity included)")
	fs.BoolVar(&cfg.NoErrorContentEncoding, "no-error-content-encoding", false, `leave out the non-standard "Content-Encoding: UTF-8" ISC puts on error responses`)
	fixture := fs.String("fixture", "", "tenant snapshot (JSON `file`) to start with and to return to on reset; see examples/tenant-snapshot")
	var faults faultFlags
	fs.Var(&faults, "fault", "inject a `fault` into API requests; repeatable. Syntax:\n"+
		"  KIND [METHOD] [PATH] [count=N] [fraction=F seed=N] [retryAfter=SECONDS] [delay=DURATION]\n"+
		"KIND: an HTTP status from 400 to 599 (429, 500, 502, 503...), delay, hang (never answer; held\n"+
		"until the client gives up), drop (close the connection; the request is not acted upon),\n"+
		"drop-after-commit (act, then close instead of answering) or revoke-tokens.\n"+
		"METHOD and PATH as in the request log, in the API version to fault (GET /sources/v1/{id} or\n"+
		"GET /v2025/sources/{id}); without them,\n"+
		"every API request. count=N: the next N matching requests (default 1); fraction=F: each matching\n"+
		"request with probability F from generator seed N, for ever or at most count times.\n"+
		"Example: -fault '503 GET /sources/v1/{id} count=2' -fault 'delay POST delay=2s fraction=0.2 seed=1'")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	if *fixture != "" {
		snap, err := readSnapshot(*fixture)
		if err != nil {
			return err
		}
		cfg.Snapshot = snap
	}
	emu := emulator.New(cfg)
	for _, f := range faults {
		if err := emu.InjectFault(f); err != nil {
			return fmt.Errorf("-fault %q: %w", f, err)
		}
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           emu,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests share ctx, so a shutdown also ends a request held by a hang or delay fault.
		BaseContext: func(net.Listener) context.Context { return ctx },
		ErrorLog:    log.New(stderr, "isc-emulator: ", log.LstdFlags),
	}
	if _, err := fmt.Fprintf(stdout, "isc-emulator listening on http://%s\n", ln.Addr()); err != nil {
		ln.Close()
		return err
	}
	if f, ok := stdout.(interface{ Sync() error }); ok {
		_ = f.Sync() // a pipe reader waits for this line
	}

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// faultFlags collects repeated -fault flags.
type faultFlags []emulator.Fault

func (f *faultFlags) String() string {
	parts := make([]string, len(*f))
	for i, fault := range *f {
		parts[i] = fault.String()
	}
	return strings.Join(parts, "; ")
}

func (f *faultFlags) Set(s string) error {
	fault, err := emulator.ParseFault(s)
	if err != nil {
		return err
	}
	*f = append(*f, fault)
	return nil
}

func readSnapshot(name string) (*emulator.Snapshot, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("-fixture: %w", err)
	}
	defer f.Close()
	snap, err := emulator.ReadSnapshot(f)
	if err != nil {
		return nil, fmt.Errorf("-fixture %s: %w", name, err)
	}
	return snap, nil
}
