package e2e

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// repoRoot is the repository root, relative to this package's directory (where go test runs).
const repoRoot = "../.."

// providerAddress is the provider's registry address, which dev_overrides maps to the test build.
const providerAddress = "registry.terraform.io/isc-terraform/sailpoint"

// apiVersion is the API version every terraform command runs the provider in (SAIL_API_VERSION),
// whatever the environment of the test says, and so the one the request log's paths name.
const apiVersion = apiversion.Default

// providerConfig starts every configuration: the provider from the test build, at a request rate
// the emulator allows.
const providerConfig = `
terraform {
  required_providers {
    sailpoint = {
      source = "isc-terraform/sailpoint"
    }
  }
}

provider "sailpoint" {
  requests_per_second = 100
}
`

// build is the provider binary, built once per test process into a directory made by TestMain.
var build struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "terraform-provider-sailpoint-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	build.dir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func providerDir(t *testing.T) string {
	t.Helper()
	build.once.Do(func() {
		cmd := exec.Command("go", "build", "-o", filepath.Join(build.dir, "terraform-provider-sailpoint"), ".")
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			build.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if build.err != nil {
		t.Fatal(build.err)
	}
	return build.dir
}

// envTerraformNew is the path of a Terraform CLI >= 1.14, for the tests of what older ones lack,
// such as generated configuration the provider decides. make test and .ci/run set it to the
// build kept in ../shared/tools/terraform (install.sh prints its path).
const envTerraformNew = "SAIL_TEST_TERRAFORM_NEW"

// terraform runs the terraform CLI in one working directory against an in-process emulator,
// with the provider taken from the test build through dev_overrides (no terraform init).
type terraform struct {
	t   *testing.T
	bin string // the CLI: "terraform" from PATH unless a test chooses another
	dir string
	env []string
	emu *emulator.Server
	url string // the emulator's base URL
	// emuCfg is the emulator's configuration, credentials filled in.
	emuCfg emulator.Config

	// traceDir, when set, receives a trace log (TF_LOG=trace) and the output of every command.
	traceDir string
	runs     int
}

// newTerraform starts an emulator holding snap (nil for an empty tenant), changed by opts, and
// prepares terraform to run in dir. Deletes complete at once unless an option says otherwise.
// Like the acceptance tests, it needs TF_ACC and a terraform on PATH.
func newTerraform(t *testing.T, dir string, snap *emulator.Snapshot, opts ...func(*emulator.Config)) *terraform {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("runs the terraform CLI; set TF_ACC=1 (make test does)")
	}
	if _, err := exec.LookPath("terraform"); err != nil {
		t.Fatal("terraform is not on PATH: install Terraform >= 1.11")
	}
	cfg := emulator.Config{Snapshot: snap, DeleteDelay: -1}
	for _, opt := range opts {
		opt(&cfg)
	}
	cfg.ClientID = cmp.Or(cfg.ClientID, emulator.DefaultClientID)
	cfg.ClientSecret = cmp.Or(cfg.ClientSecret, emulator.DefaultClientSecret)
	emu := emulator.New(cfg)
	srv := contract.NewServer(t, emu)

	cli := filepath.Join(t.TempDir(), "terraform.rc")
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n", providerAddress, providerDir(t))
	if err := os.WriteFile(cli, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+cli,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"SAIL_BASE_URL="+srv.URL,
		"SAIL_CLIENT_ID="+cfg.ClientID,
		"SAIL_CLIENT_SECRET="+cfg.ClientSecret,
		"SAIL_API_VERSION="+string(apiVersion),
	)
	return &terraform{t: t, bin: "terraform", dir: dir, env: env, emu: emu, url: srv.URL, emuCfg: cfg}
}

// useNewCLI makes tf run the Terraform >= 1.14 that envTerraformNew names.
func (tf *terraform) useNewCLI() {
	tf.t.Helper()
	bin := os.Getenv(envTerraformNew)
	if bin == "" {
		tf.t.Fatalf("%s is not set: set it to a Terraform >= 1.14, such as the one ../shared/tools/terraform/install.sh prints (make test does)", envTerraformNew)
	}
	tf.bin = bin
	if !tf.atLeast(1, 14) {
		tf.t.Fatalf("%s=%s is not Terraform >= 1.14", envTerraformNew, bin)
	}
}

// atLeast says whether tf's CLI is at least version major.minor.
func (tf *terraform) atLeast(major, minor int) bool {
	tf.t.Helper()
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(tf.must("version", "-json")), &v); err != nil {
		tf.t.Fatal(err)
	}
	var got [2]int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &got[0], &got[1]); err != nil {
		tf.t.Fatalf("terraform version %q: %v", v.Version, err)
	}
	return got[0] > major || got[0] == major && got[1] >= minor
}

// invocation is one terraform command.
type invocation struct {
	*exec.Cmd
	t              *testing.T
	stdout, stderr bytes.Buffer
	// trace is where the command's trace log and output go without their extension, "" without
	// a traceDir.
	trace string
}

// command prepares terraform with args; run it with Run, or Start and Wait, then take its result.
func (tf *terraform) command(args ...string) *invocation {
	cli := args
	if args[0] != "state" && args[0] != "providers" { // the state and providers subcommands go without -no-color
		cli = slices.Concat(args[:1], []string{"-no-color"}, args[1:])
	}
	inv := &invocation{Cmd: exec.Command(tf.bin, cli...), t: tf.t}
	inv.Dir, inv.Env = tf.dir, tf.env
	if tf.traceDir != "" {
		tf.runs++
		inv.trace = filepath.Join(tf.traceDir, fmt.Sprintf("%02d-%s", tf.runs, args[0]))
		inv.Env = append(slices.Clip(inv.Env), "TF_LOG=trace", "TF_LOG_PATH="+inv.trace+".log")
	}
	inv.Stdout, inv.Stderr = &inv.stdout, &inv.stderr
	return inv
}

// result takes the outcome of a finished command from the error of its Run or Wait.
func (inv *invocation) result(err error) (stdout, stderr string, code int) {
	inv.t.Helper()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		inv.t.Fatalf("%s: %v", strings.Join(inv.Args, " "), err)
	}
	if inv.trace != "" {
		for ext, out := range map[string][]byte{".stdout": inv.stdout.Bytes(), ".stderr": inv.stderr.Bytes()} {
			if err := os.WriteFile(inv.trace+ext, out, 0o600); err != nil {
				inv.t.Fatal(err)
			}
		}
	}
	return inv.stdout.String(), inv.stderr.String(), code
}

// run runs terraform with args and returns its output and exit code.
func (tf *terraform) run(args ...string) (stdout, stderr string, code int) {
	tf.t.Helper()
	inv := tf.command(args...)
	return inv.result(inv.Run())
}

// must runs terraform and fails the test unless it succeeds.
func (tf *terraform) must(args ...string) string {
	tf.t.Helper()
	stdout, stderr, code := tf.run(args...)
	if code != 0 {
		if slices.Contains(args, "-json") { // the errors, not every line of progress
			var errs []string
			for _, d := range diagnostics(tf.t, stdout, "") {
				if d.Severity == "error" {
					errs = append(errs, d.Summary+": "+d.Detail)
				}
			}
			stdout = strings.Join(errs, "\n")
		}
		tf.t.Fatalf("terraform %s: exit code %d\n%s\n%s", strings.Join(args, " "), code, stdout, stderr)
	}
	return stdout
}

// write writes a file into the working directory.
func (tf *terraform) write(name, content string) {
	tf.t.Helper()
	if err := os.WriteFile(filepath.Join(tf.dir, name), []byte(content), 0o600); err != nil {
		tf.t.Fatal(err)
	}
}

// changes lists the API requests that changed something in the emulator since its request log
// was last cleared.
func (tf *terraform) changes() []emulator.Request {
	var out []emulator.Request
	for _, r := range tf.emu.Requests() {
		if r.Method != http.MethodGet && apiversion.Of(r.Path) != "" {
			out = append(out, r)
		}
	}
	return out
}

// apiReader returns a function that reads an API path of the emulator (below the version, e.g.
// "/sources?limit=250") into out, with a token of its own and no retries: call it with no faults
// injected.
func (tf *terraform) apiReader() func(path string, out any) (found bool) {
	tf.t.Helper()
	form := url.Values{"grant_type": {"client_credentials"}, "client_id": {tf.emuCfg.ClientID}, "client_secret": {tf.emuCfg.ClientSecret}}
	resp, err := http.PostForm(tf.url+"/oauth/token", form)
	if err != nil {
		tf.t.Fatal(err)
	}
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	err = json.NewDecoder(resp.Body).Decode(&tok)
	resp.Body.Close()
	if err != nil || tok.AccessToken == "" {
		tf.t.Fatalf("no token from the emulator (HTTP %d): %v", resp.StatusCode, err)
	}
	return func(path string, out any) bool {
		tf.t.Helper()
		req, err := http.NewRequest(http.MethodGet, tf.url+apiVersion.Path(path), nil)
		if err != nil {
			tf.t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+tok.AccessToken)
		req.Header.Set("X-SailPoint-Experimental", "true") // some operations need it; it is harmless on the others
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			tf.t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusNotFound {
			return false
		}
		if resp.StatusCode != http.StatusOK {
			tf.t.Fatalf("GET %s: HTTP %d", path, resp.StatusCode)
		}
		if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
			tf.t.Fatalf("GET %s: %v", path, err)
		}
		return true
	}
}

// diagnostic is one diagnostic of terraform's machine-readable (-json) output.
type diagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

// diagnostics picks the diagnostics with the given summary ("" for all) out of -json output.
func diagnostics(t *testing.T, jsonLines, summary string) []diagnostic {
	t.Helper()
	var out []diagnostic
	sc := bufio.NewScanner(strings.NewReader(jsonLines))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var msg struct {
			Type       string      `json:"type"`
			Diagnostic *diagnostic `json:"diagnostic"`
		}
		if err := json.Unmarshal(sc.Bytes(), &msg); err != nil {
			t.Fatalf("not terraform -json output: %q: %v", sc.Text(), err)
		}
		if msg.Type == "diagnostic" && (summary == "" || msg.Diagnostic.Summary == summary) {
			out = append(out, *msg.Diagnostic)
		}
	}
	return out
}

// readSnapshot reads the tenant snapshot the repository ships.
func readSnapshot(t *testing.T) *emulator.Snapshot {
	t.Helper()
	return readSnapshotFile(t, filepath.Join(repoRoot, "examples", "tenant-snapshot", "snapshot.json"))
}

// readSnapshotFile reads a tenant snapshot.
func readSnapshotFile(t *testing.T, path string) *emulator.Snapshot {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	snap, err := emulator.ReadSnapshot(f)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}
