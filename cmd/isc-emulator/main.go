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
	"syscall"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
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
	fs.IntVar(&cfg.RateLimit, "rate-limit", 100, "API requests allowed per token in any 10 s window (0 = no limit)")
	fs.DurationVar(&cfg.DeleteDelay, "delete-delay", emulator.DefaultDeleteDelay, "how long asynchronous deletes take (negative = immediate)")
	fs.IntVar(&cfg.Identities, "identities", emulator.DefaultIdentities, "number of generated identity fixtures (the admin identity included)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}

	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           emulator.New(cfg),
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(stderr, "isc-emulator: ", log.LstdFlags),
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
