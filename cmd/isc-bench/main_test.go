package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

func TestParseSizes(t *testing.T) {
	got, err := parseSizes("10, 100")
	if err != nil || len(got) != 2 || got[0] != 10 || got[1] != 100 {
		t.Fatalf("parseSizes: %v, %v", got, err)
	}
	for _, bad := range []string{"", "0", "ten", "10,,100"} {
		if _, err := parseSizes(bad); err == nil || !strings.Contains(err.Error(), "-n") {
			t.Errorf("parseSizes(%q): error %v, want one naming -n", bad, err)
		}
	}
}

func TestResourceCounts(t *testing.T) {
	for _, c := range []struct{ n, all, changed int }{
		{10, 61, 7},    // 1 source, schema and profile, 2 schedules, 2 policies
		{100, 610, 61}, // 10 of each per-source kind, doubled for schedules and policies, 1 profile
		{5, 30, 6},     // no profile
	} {
		if got := resources(c.n); got != c.all {
			t.Errorf("resources(%d) = %d, want %d", c.n, got, c.all)
		}
		if got := changedResources(c.n); got != c.changed {
			t.Errorf("changedResources(%d) = %d, want %d", c.n, got, c.changed)
		}
	}
}

func TestAccessResourceCounts(t *testing.T) {
	for _, c := range []struct{ n, all, changed int }{
		{100, 152, 15}, // source, group, 100 profiles and 50 roles; profiles 0, 10, ... 90 and roles 0, ... 40
		{11, 18, 3},    // 11 profiles (2 edited), 5 roles (1 edited)
	} {
		if got := accessResources(c.n); got != c.all {
			t.Errorf("accessResources(%d) = %d, want %d", c.n, got, c.all)
		}
		if got := changedAccessResources(c.n); got != c.changed {
			t.Errorf("changedAccessResources(%d) = %d, want %d", c.n, got, c.changed)
		}
	}
}

// The table counts token requests apart from API requests and takes 429 answers out of the
// floor, which is the admitted requests at 10 per second.
func TestWriteTable(t *testing.T) {
	var out bytes.Buffer
	writeTable(&out, []row{{
		n: 10, resources: 61, phase: "destroy", wall: 30 * time.Second, failure: "exit code 1: boom | bang",
		stats: emulator.Stats{
			Total:       205,
			ByMethod:    map[string]int{"GET": 150, "POST": 5, "DELETE": 50},
			ByRoute:     map[string]int{tokenRoute: 3},
			RateLimited: 2,
		},
	}})
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("table:\n%s", out.String())
	}
	want := `| 10 | destroy | 61 | 30.0 | 202 | 150 | 2 | 0 | 0 | 50 | 2 | 3 | 3.31 | 20.0 | 1.50 | exit code 1: boom \| bang |`
	if lines[2] != want {
		t.Errorf("row\n%s\nwant\n%s", lines[2], want)
	}
}
