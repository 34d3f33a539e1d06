package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOfflineExampleModule runs the offline-testing example's terraform test against the emulator
// loaded with the tenant snapshot, as the guide "Test your configuration offline" does: it
// passes, creates through the API and cleans up after itself, and an assertion that does not hold
// makes it fail.
func TestOfflineExampleModule(t *testing.T) {
	snap := readSnapshot(t)
	dir := t.TempDir() // a copy, so terraform test leaves nothing behind in the repository
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot, "examples", "offline-testing"))); err != nil {
		t.Fatal(err)
	}
	tf := newTerraform(t, dir, snap)

	out := tf.must("test")
	if !strings.Contains(out, "Success! 3 passed, 0 failed.") {
		t.Fatalf("terraform test did not run the example's 3 runs:\n%s", out)
	}
	var created, deleted int
	for _, r := range tf.changes() {
		created += count(r.Route == apiVersion.Route("POST /sources"))
		deleted += count(r.Route == apiVersion.Route("DELETE /sources/{id}"))
	}
	if created != 1 || deleted != 1 {
		t.Fatalf("terraform test created %d and deleted %d sources in the emulator, want 1 and 1", created, deleted)
	}

	// The owner assertion holds for dev.patel only: with another owner the test must fail.
	file := filepath.Join(dir, "tests", "application.tftest.hcl")
	hcl, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	wrong := strings.Replace(string(hcl), `owner_alias = "dev.patel"`, `owner_alias = "bob.chen"`, 1)
	if wrong == string(hcl) {
		t.Fatalf("%s does not set owner_alias = \"dev.patel\"", file)
	}
	tf.write("tests/application.tftest.hcl", wrong)
	stdout, stderr, code := tf.run("test")
	if code != 1 || !strings.Contains(stdout+stderr, "The source is not owned by the identity with alias bob.chen.") {
		t.Fatalf("terraform test with a wrong owner: exit code %d, want 1 and the failed assertion\n%s\n%s", code, stdout, stderr)
	}
}

func count(b bool) int {
	if b {
		return 1
	}
	return 0
}
