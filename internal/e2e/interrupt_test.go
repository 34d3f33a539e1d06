package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// interruptConfig is a source and its aggregation schedule.
const interruptConfig = providerConfig + `
resource "sailpoint_source" "hr" {
  name             = "Interrupted HR"
  connector        = "delimited-file"
  provision_as_csv = true
  owner            = { id = "` + emulator.AdminIdentityID + `" }
}

resource "sailpoint_source_schedule" "hr" {
  source_id       = sailpoint_source.hr.id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = "0 0 5 * * ?"
}
`

// promptExit bounds the time from one SIGINT to terraform's exit.
const promptExit = 5 * time.Second

// interrupt runs terraform with args, sends it one SIGINT once the emulator has logged a request
// that waiting matches, checks that terraform exits promptly and returns its stderr and exit code.
func interrupt(t *testing.T, tf *terraform, waiting func(emulator.Request) bool, args ...string) (stderr string, code int) {
	t.Helper()
	inv := tf.command(args...)
	if err := inv.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- inv.Wait() }()
	deadline := time.After(time.Minute)
	for seen := false; !seen; {
		select {
		case err := <-done:
			stdout, stderr, code := inv.result(err)
			t.Fatalf("terraform %s ended (exit code %d) before the wait began\n%s\n%s", strings.Join(args, " "), code, stdout, stderr)
		case <-deadline:
			_ = inv.Process.Kill()
			t.Fatalf("terraform %s: the wait did not begin within a minute", strings.Join(args, " "))
		case <-time.After(20 * time.Millisecond):
		}
		for _, r := range tf.emu.Requests() {
			seen = seen || waiting(r)
		}
	}
	if err := inv.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	var took time.Duration
	select {
	case err := <-done:
		took = time.Since(start)
		_, stderr, code = inv.result(err)
	case <-time.After(time.Minute):
		_ = inv.Process.Kill()
		t.Fatalf("terraform %s did not exit within a minute of SIGINT", strings.Join(args, " "))
	}
	t.Logf("terraform %s exited %s after SIGINT", strings.Join(args, " "), took.Round(time.Millisecond))
	if took > promptExit {
		t.Errorf("terraform %s took %s to exit after SIGINT, want at most %s", strings.Join(args, " "), took, promptExit)
	}
	return stderr, code
}

// planOnlySchedule checks that the plan creates the schedule and leaves the source alone.
func planOnlySchedule(t *testing.T, tf *terraform) {
	t.Helper()
	stdout, stderr, code := tf.run("plan", "-detailed-exitcode")
	if code != 2 || !strings.Contains(stdout, "sailpoint_source_schedule.hr will be created") || !strings.Contains(stdout, "Plan: 1 to add, 0 to change, 0 to destroy.") {
		t.Fatalf("the plan after the interrupt: exit code %d, want 2 and only the schedule to add\n%s\n%s", code, stdout, stderr)
	}
}

// TestInterruptDeleteWait interrupts a destroy while it waits for ISC's delete task: terraform
// stops at once, says which task it stopped waiting for and what to do, and keeps the source in
// state, since ISC has not finished deleting it.
func TestInterruptDeleteWait(t *testing.T) {
	tf := newTerraform(t, t.TempDir(), nil, func(c *emulator.Config) { c.DeleteDelay = time.Hour })
	tf.write("main.tf", interruptConfig)
	tf.must("apply", "-auto-approve")
	sourceID := fmt.Sprint(showState(t, tf)["sailpoint_source.hr"]["id"])

	var task string // the delete task, which the provider polls
	stderr, code := interrupt(t, tf, func(r emulator.Request) bool {
		if r.Route == apiVersion.Route("GET /task-status/{id}") {
			task = strings.TrimPrefix(r.Path, apiVersion.Path("/task-status/"))
		}
		return task != ""
	}, "destroy", "-auto-approve")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	stderr = strings.Join(strings.Fields(stderr), " ") // terraform wraps long lines
	for _, want := range []string{
		"Interrupted while waiting for the deletion of SailPoint source " + sourceID,
		"interrupted while waiting for the deletion of source " + sourceID + " (task " + task + "): context canceled",
		"check the task with GET " + apiVersion.Path("/task-status/"+task) + ",",
		"The source " + sourceID + " stays in the Terraform state until ISC has deleted it: run terraform destroy (or apply) again",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the error does not say %q:\n%s", want, stderr)
		}
	}

	// The destroy deleted the schedule first; the source is still in state, and ISC still has it.
	if list := tf.must("state", "list"); list != "sailpoint_source.hr\n" {
		t.Errorf("the state after the interrupt holds %q, want only the source", list)
	}
	planOnlySchedule(t, tf)
}

// TestInterruptRetryAfter interrupts an apply while it waits out a 429's Retry-After: terraform
// stops at once, says which request it was going to retry and what to do, and records what it
// created before, so the next apply creates only what is missing.
func TestInterruptRetryAfter(t *testing.T) {
	tf := newTerraform(t, t.TempDir(), nil)
	tf.write("main.tf", interruptConfig)
	inject(t, tf.emu, emulator.Fault{Kind: emulator.Fault429, Route: apiVersion.Route("POST /sources/{sourceId}/schedules"), RetryAfter: 60})

	stderr, code := interrupt(t, tf, func(r emulator.Request) bool {
		return r.Route == apiVersion.Route("POST /sources/{sourceId}/schedules") && r.Status == http.StatusTooManyRequests
	}, "apply", "-auto-approve")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	sourceID := fmt.Sprint(showState(t, tf)["sailpoint_source.hr"]["id"])
	stderr = strings.Join(strings.Fields(stderr), " ")
	for _, want := range []string{
		"Interrupted while creating SailPoint ACCOUNT_AGGREGATION schedule of source " + sourceID,
		"POST " + apiVersion.Path("/sources/"+sourceID+"/schedules") + " was interrupted (context canceled) while waiting 1m0s to retry it, as ISC's 429 Too Many Requests asked (Retry-After: 60); ISC did not act on it",
		"run terraform plan to see what is left to do, then terraform apply",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the error does not say %q:\n%s", want, stderr)
		}
	}

	// The source was created before the interrupt and is in state; the schedule is still to do.
	planOnlySchedule(t, tf)
	tf.must("apply", "-auto-approve")
	var created int
	for _, r := range tf.changes() {
		if r.Route == apiVersion.Route("POST /sources") {
			created++
		}
	}
	var sources []json.RawMessage
	tf.apiReader()("/sources", &sources)
	if created != 1 || len(sources) != 1 {
		t.Fatalf("%d source creates and %d sources in ISC, want 1 and 1", created, len(sources))
	}
}
