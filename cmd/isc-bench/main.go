// Command isc-bench measures what the provider costs in API requests and time at scale. It builds
// the provider and cmd/isc-emulator, starts the emulator with ISC's rate limit (100 requests per
// 10 s per client, 429 with Retry-After beyond it) and runs the real terraform binary, with its
// default parallelism, over each configuration for each of its sizes N: bench.tf (N sources with
// their children) and bench-access.tf (N access profiles and N/2 roles). The phases are apply
// (create everything), plan (must be empty), apply changing every tenth resource, destroy. It
// prints a markdown table per configuration, a row per N and phase, then the Go benchmark of the
// identities data source, to stdout and its progress to stderr.
//
// Run it from the repository: make bench, or go run ./cmd/isc-bench -n 10. It measures and
// reports; it never judges a time.
package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

//go:embed bench.tf
var benchConfig []byte

//go:embed bench-access.tf
var accessConfig []byte

// configuration is one Terraform configuration the bench applies, for each of sizes.
type configuration struct {
	title string // heading of its table
	tf    []byte
	sizes []int
	// resources and changed are how many resources it declares for n, and how many of them
	// var.changed edits.
	resources, changed func(n int) int
}

// providerAddress is the provider's registry address, which dev_overrides maps to the fresh build.
const providerAddress = "registry.terraform.io/isc-terraform/sailpoint"

// rateLimit is ISC's default: requests per client ID and API version in any emulator.RateWindow.
const rateLimit = 100

// tokenRoute is the emulator's route of the OAuth token endpoint in Stats.ByRoute.
const tokenRoute = "POST /oauth/token"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "isc-bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("isc-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("n", "10,30,100", "comma-separated numbers of sources to measure, each a separate run; 0 for none")
	accessSizes := fs.String("access", "100", "comma-separated numbers of access profiles (with half as many roles) to measure; 0 for none")
	identities := fs.Bool("identities", true, "also run the Go benchmark of the sailpoint_identities data source ("+identitiesBench+")")
	gap := fs.Duration("gap", emulator.RateWindow+time.Second/2, "pause before each phase, so that it starts with ISC's window empty as a run after a quiet moment does; 0 runs the phases back to back, each then sharing the window with the one before")
	keep := fs.Bool("keep", false, "keep the temporary directory (builds, terraform working directories, logs) and print its path")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments: %v", fs.Args())
	}
	var ns, accessNs []int
	var err error
	if *sizes != "0" {
		if ns, err = parseSizes(*sizes); err != nil {
			return err
		}
	}
	if *accessSizes != "0" {
		if accessNs, err = parseSizes(*accessSizes); err != nil {
			return fmt.Errorf("-access: %q is not a comma-separated list of positive numbers of access profiles, such as 100 (0 for none)", *accessSizes)
		}
	}
	configs := []configuration{
		{title: "Sources: N sources with their schema, schedules and policies, an identity profile per ten", tf: benchConfig, sizes: ns,
			resources: resources, changed: changedResources},
		{title: "Access model: N access profiles and N/2 roles", tf: accessConfig, sizes: accessNs,
			resources: accessResources, changed: changedAccessResources},
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		return errors.New("terraform is not on PATH: install Terraform >= 1.11")
	}

	started := time.Now().UTC()
	tmp, err := os.MkdirTemp("", "isc-bench-")
	if err != nil {
		return err
	}
	if *keep {
		defer fmt.Fprintln(stderr, "kept", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}

	logf := func(format string, a ...any) { fmt.Fprintf(stderr, "isc-bench: "+format+"\n", a...) }
	logf("building the provider and the emulator")
	providerDir := filepath.Join(tmp, "provider")
	if err := goBuild(ctx, filepath.Join(providerDir, "terraform-provider-sailpoint"), "."); err != nil {
		return err
	}
	emulatorBin := filepath.Join(tmp, "isc-emulator")
	if err := goBuild(ctx, emulatorBin, "./cmd/isc-emulator"); err != nil {
		return err
	}

	emu, err := startEmulator(ctx, emulatorBin, filepath.Join(tmp, "emulator.log"))
	if err != nil {
		return err
	}
	defer emu.stop()
	logf("emulator at %s, rate limit %d requests per %s per client", emu.url, rateLimit, emulator.RateWindow)

	cliConfig := filepath.Join(tmp, "terraform.rc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", providerAddress, providerDir)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		return err
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cliConfig,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"SAIL_BASE_URL="+emu.url,
		"SAIL_CLIENT_ID="+emulator.DefaultClientID,
		"SAIL_CLIENT_SECRET="+emulator.DefaultClientSecret,
	)

	rows := make([][]row, len(configs))
	for i, cfg := range configs {
		for _, n := range cfg.sizes {
			if err := emu.admin(ctx, http.MethodPost, "reset", nil); err != nil {
				return err
			}
			dir := filepath.Join(tmp, fmt.Sprintf("c%d-n%d", i, n))
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, "main.tf"), cfg.tf, 0o600); err != nil {
				return err
			}
			r := &runner{ctx: ctx, dir: dir, env: env, emu: emu, n: n, cfg: cfg, gap: *gap, logf: logf}
			got, err := r.phases()
			rows[i] = append(rows[i], got...)
			if err != nil {
				return err
			}
		}
	}

	var benchmarks []benchmark
	if *identities {
		logf("running %s", identitiesBench)
		if benchmarks, err = runIdentitiesBench(ctx); err != nil {
			return err
		}
	}

	tfVersion, err := terraformVersion(ctx)
	if err != nil {
		return err
	}
	for i, cfg := range configs {
		if len(rows[i]) > 0 {
			fmt.Fprintf(stdout, "%s\n\n", cfg.title)
			writeTable(stdout, rows[i])
			fmt.Fprintln(stdout)
		}
	}
	if *identities {
		fmt.Fprintf(stdout, "Identities data source (%s), no terraform and no rate limit\n\n", identitiesBench)
		writeBenchmarks(stdout, benchmarks)
		fmt.Fprintln(stdout)
	}
	fmt.Fprintf(stdout, "%s; %d CPUs, %s/%s; %s; Terraform %s (default parallelism); emulator rate limit %d requests per %s per client, asynchronous deletes take %s; %s before each phase.\n",
		"started "+started.Format("2006-01-02 15:04 MST"), runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, goVersion(ctx), tfVersion,
		rateLimit, emulator.RateWindow, emulator.DefaultDeleteDelay, gapWords(*gap))
	fmt.Fprintf(stdout, "floor (s) = (API requests - 429 answers) / %g requests per second (ISC's %d per %s): the time the rate limit imposes on the requests made when they are spread evenly; wall/floor near 1 means the phase was limit-bound. "+
		"window floor (s) = the shortest time ISC's sliding window lets those requests take when the first %[2]d go at once: %[3]s per further %[2]d or part of it. Token requests are not rate limited and not counted as API requests.\n",
		rateLimit/emulator.RateWindow.Seconds(), rateLimit, emulator.RateWindow)
	return nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for part := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("-n: %q is not a positive number of sources; use a comma-separated list such as 10,100", part)
		}
		out = append(out, n)
	}
	return out, nil
}

// resources is how many resources bench.tf declares for n sources.
func resources(n int) int { return 6*n + n/10 }

// changedResources is how many of them var.changed edits: every tenth of each kind.
func changedResources(n int) int {
	return 6*tenth(n) + tenth(n/10)
}

// tenth is how many of k resources have an index divisible by 10.
func tenth(k int) int { return (k + 9) / 10 }

// accessResources is how many resources bench-access.tf declares for n access profiles: its
// source and governance group, the profiles and n/2 roles.
func accessResources(n int) int { return 2 + n + n/2 }

// changedAccessResources is how many of them var.changed edits: every tenth profile and role.
func changedAccessResources(n int) int { return tenth(n) + tenth(n/2) }

func goBuild(ctx context.Context, out, pkg string) error {
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build %s (run isc-bench from the repository root): %w\n%s", pkg, err, b)
	}
	return nil
}

func goVersion(ctx context.Context) string {
	out, err := exec.CommandContext(ctx, "go", "env", "GOVERSION").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}

func terraformVersion(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "terraform", "version", "-json").Output()
	if err != nil {
		return "", fmt.Errorf("terraform version: %w", err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		return "", fmt.Errorf("terraform version -json: %w", err)
	}
	return v.Version, nil
}

// emulatorProcess is cmd/isc-emulator running as a subprocess.
type emulatorProcess struct {
	cmd  *exec.Cmd
	url  string
	done chan struct{}
}

// startEmulator starts the emulator on a free port (it listens on port 0 and prints the address)
// with the real rate limit and its default identities, the admin identity among them.
func startEmulator(ctx context.Context, bin, logFile string) (*emulatorProcess, error) {
	errLog, err := os.Create(logFile)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, bin, "-listen", "127.0.0.1:0", "-rate-limit", strconv.Itoa(rateLimit))
	cmd.Stderr = errLog
	out, err := cmd.StdoutPipe()
	if err != nil {
		errLog.Close()
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		errLog.Close()
		return nil, err
	}
	p := &emulatorProcess{cmd: cmd, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		errLog.Close()
		close(p.done)
	}()

	ready := make(chan string, 1)
	go func() {
		br := bufio.NewReader(out)
		line, _ := br.ReadString('\n')
		ready <- strings.TrimSpace(line)
		_, _ = io.Copy(io.Discard, br) // the emulator prints nothing more; never block it
	}()
	select {
	case line := <-ready:
		u, ok := strings.CutPrefix(line, "isc-emulator listening on ")
		if !ok {
			p.stop()
			return nil, fmt.Errorf("the emulator did not start (see %s): %q", logFile, line)
		}
		p.url = u
		return p, nil
	case <-time.After(30 * time.Second):
		p.stop()
		return nil, errors.New("the emulator did not report its address within 30 s")
	}
}

func (p *emulatorProcess) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// admin calls the emulator's admin API and decodes a JSON answer into out (when not nil).
func (p *emulatorProcess) admin(ctx context.Context, method, op string, out any) error {
	req, err := http.NewRequestWithContext(ctx, method, p.url+"/__emulator/"+op, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("emulator admin %s %s: %w", method, op, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("emulator admin %s %s: %s: %s", method, op, resp.Status, body)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(body, out)
}

// row is the measurement of one phase.
type row struct {
	n, resources int
	phase        string
	wall         time.Duration
	stats        emulator.Stats
	failure      string // "" when the phase did what it should
}

// runner runs the phases for one N in one terraform working directory.
type runner struct {
	ctx  context.Context
	dir  string
	env  []string
	emu  *emulatorProcess
	n    int
	cfg  configuration
	gap  time.Duration // pause before each phase
	logf func(string, ...any)
}

func (r *runner) phases() ([]row, error) {
	vars := []string{"-var", fmt.Sprintf("n=%d", r.n), "-var", "owner_id=" + emulator.AdminIdentityID}
	changed := slices.Concat(vars, []string{"-var", "changed=true"})
	total, edits := r.cfg.resources(r.n), r.cfg.changed(r.n)
	phases := []struct {
		name  string
		args  []string
		check func(code int, out string) string
	}{
		{"apply (create)", append([]string{"apply", "-auto-approve"}, vars...), summary(fmt.Sprintf("Apply complete! Resources: %d added, 0 changed, 0 destroyed.", total))},
		{"plan (no change)", append([]string{"plan", "-detailed-exitcode"}, vars...), func(code int, out string) string {
			if code == 2 {
				return "plan not empty: " + planSummary(out)
			}
			return ""
		}},
		{"apply (10% changed)", append([]string{"apply", "-auto-approve"}, changed...), summary(fmt.Sprintf("Apply complete! Resources: 0 added, %d changed, 0 destroyed.", edits))},
		{"destroy", append([]string{"destroy", "-auto-approve"}, changed...), summary(fmt.Sprintf("Destroy complete! Resources: %d destroyed.", total))},
	}
	var rows []row
	for _, ph := range phases {
		if err := sleep(r.ctx, r.gap); err != nil {
			return rows, err
		}
		if err := r.emu.admin(r.ctx, http.MethodDelete, "requests", nil); err != nil {
			return rows, err
		}
		r.logf("N=%d: %s", r.n, ph.name)
		start := time.Now()
		out, code, err := r.terraform(ph.args...)
		wall := time.Since(start)
		if err != nil {
			return rows, err
		}
		res := row{n: r.n, resources: total, phase: ph.name, wall: wall}
		if err := r.emu.admin(r.ctx, http.MethodGet, "stats", &res.stats); err != nil {
			return rows, err
		}
		if code == 0 || code == 2 && ph.args[0] == "plan" { // plan -detailed-exitcode: 2 = changes
			res.failure = ph.check(code, out)
		} else {
			res.failure = fmt.Sprintf("exit code %d: %s", code, firstErrors(out))
		}
		if res.failure != "" {
			r.logf("N=%d: %s: %s", r.n, ph.name, res.failure)
		}
		rows = append(rows, res)
	}
	return rows, nil
}

// terraform runs terraform in the working directory and returns its combined output, which it
// also keeps in a log file there.
func (r *runner) terraform(args ...string) (string, int, error) {
	cmd := exec.CommandContext(r.ctx, "terraform", append(args[:1:1], append([]string{"-no-color"}, args[1:]...)...)...)
	cmd.Dir, cmd.Env = r.dir, r.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	logName := filepath.Join(r.dir, args[0]+"-"+strconv.FormatInt(time.Now().UnixNano(), 36)+".log")
	_ = os.WriteFile(logName, out.Bytes(), 0o600)
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit) && r.ctx.Err() == nil:
		return out.String(), exit.ExitCode(), nil
	case err != nil:
		return "", 0, fmt.Errorf("terraform %s: %w", args[0], err)
	}
	return out.String(), 0, nil
}

// summary checks that terraform's output holds the expected closing line.
func summary(want string) func(int, string) string {
	return func(_ int, out string) string {
		if strings.Contains(out, want) {
			return ""
		}
		if got := lineWith(out, "complete! Resources:"); got != "" {
			return fmt.Sprintf("%q, want %q", got, want)
		}
		return "no summary line, want " + strconv.Quote(want)
	}
}

func planSummary(out string) string {
	if s := lineWith(out, "Plan:"); s != "" {
		return s
	}
	return lineWith(out, "Changes to Outputs")
}

func lineWith(out, substr string) string {
	for line := range strings.Lines(out) {
		if strings.Contains(line, substr) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// firstErrors returns the first few "Error:" lines of terraform's output.
func firstErrors(out string) string {
	var errs []string
	for line := range strings.Lines(out) {
		if _, msg, ok := strings.Cut(line, "Error: "); ok && len(errs) < 3 {
			errs = append(errs, strings.TrimSpace(msg))
		}
	}
	if len(errs) == 0 {
		return "no error message"
	}
	return strings.Join(errs, "; ")
}

func writeTable(w io.Writer, rows []row) {
	fmt.Fprintln(w, "| N | phase | resources | wall (s) | API requests | GET | POST | PATCH | PUT | DELETE | 429 | token requests | requests/resource | floor (s) | wall/floor | window floor (s) | failures |")
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range rows {
		s := r.stats
		tokens := s.ByRoute[tokenRoute]
		api := s.Total - tokens
		admitted := api - s.RateLimited
		floor := float64(admitted) / (rateLimit / emulator.RateWindow.Seconds())
		ratio := "n/a"
		if floor > 0 {
			ratio = fmt.Sprintf("%.2f", r.wall.Seconds()/floor)
		}
		failure := r.failure
		if failure == "" {
			failure = "none"
		}
		fmt.Fprintf(w, "| %d | %s | %d | %.1f | %d | %d | %d | %d | %d | %d | %d | %d | %.2f | %.1f | %s | %.1f | %s |\n",
			r.n, r.phase, r.resources, r.wall.Seconds(), api,
			s.ByMethod[http.MethodGet], s.ByMethod[http.MethodPost]-tokens, s.ByMethod[http.MethodPatch], s.ByMethod[http.MethodPut], s.ByMethod[http.MethodDelete],
			s.RateLimited, tokens, float64(api)/float64(r.resources), floor, ratio, windowFloor(admitted).Seconds(), strings.ReplaceAll(failure, "|", `\|`))
	}
}

// windowFloor is the shortest time ISC's sliding window lets n admitted requests take: the first
// rateLimit at once, each further rateLimit (or part of it) one window later.
func windowFloor(n int) time.Duration {
	if n <= rateLimit {
		return 0
	}
	return time.Duration((n-1)/rateLimit) * emulator.RateWindow
}

// identitiesBench is the Go benchmark of the identities data source: its sub-benchmarks are the
// sizes and the client's paging apart from the data source's Read.
const identitiesBench = "go test ./internal/provider -run '^$' -bench '^BenchmarkIdentitiesDataSourceRead' -benchmem"

// benchmark is one result line of go test -bench.
type benchmark struct {
	name                string // the sub-benchmark's path, without the benchmark's name and the CPU suffix
	iterations          int
	nsPerOp, bytesPerOp float64
	allocsPerOp         float64
	hasBytes, hasAllocs bool
}

func runIdentitiesBench(ctx context.Context) ([]benchmark, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "./internal/provider", "-run", "^$", "-bench", "^BenchmarkIdentitiesDataSourceRead", "-benchmem")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s: %w\n%s", identitiesBench, err, out)
	}
	return parseBenchmarks(string(out)), nil
}

// parseBenchmarks reads the result lines of go test -bench output: a name, the iterations, then
// value-unit pairs (ns/op, B/op, allocs/op and any metric the benchmark reports).
func parseBenchmarks(out string) []benchmark {
	var got []benchmark
	for line := range strings.Lines(out) {
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		iterations, err := strconv.Atoi(fields[1])
		if err != nil {
			continue
		}
		name := fields[0]
		if i := strings.LastIndex(name, "-"); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		if _, sub, ok := strings.Cut(name, "/"); ok {
			name = sub
		}
		b := benchmark{name: name, iterations: iterations}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				continue
			}
			switch fields[i+1] {
			case "ns/op":
				b.nsPerOp = v
			case "B/op":
				b.bytesPerOp, b.hasBytes = v, true
			case "allocs/op":
				b.allocsPerOp, b.hasAllocs = v, true
			}
		}
		got = append(got, b)
	}
	return got
}

func writeBenchmarks(w io.Writer, benchmarks []benchmark) {
	if len(benchmarks) == 0 {
		fmt.Fprintln(w, "No benchmark ran.")
		return
	}
	fmt.Fprintln(w, "| benchmark | iterations | time/op | memory/op | allocs/op |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for _, b := range benchmarks {
		mem, allocs := "n/a", "n/a"
		if b.hasBytes {
			mem = fmt.Sprintf("%.2f MB", b.bytesPerOp/1e6)
		}
		if b.hasAllocs {
			allocs = strconv.FormatFloat(b.allocsPerOp, 'f', 0, 64)
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s |\n", b.name, b.iterations, perOp(b.nsPerOp), mem, allocs)
	}
}

// perOp words a time per operation in nanoseconds with three significant digits.
func perOp(ns float64) string {
	switch {
	case ns >= 1e9:
		return strconv.FormatFloat(ns/1e9, 'f', 2, 64) + " s"
	case ns >= 1e6:
		return strconv.FormatFloat(ns/1e6, 'f', 1, 64) + " ms"
	case ns >= 1e3:
		return strconv.FormatFloat(ns/1e3, 'f', 1, 64) + " µs"
	}
	return strconv.FormatFloat(ns, 'f', 0, 64) + " ns"
}

// gapWords says how the phases followed each other.
func gapWords(gap time.Duration) string {
	if gap <= 0 {
		return "no pause"
	}
	return "a pause of " + gap.String()
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
