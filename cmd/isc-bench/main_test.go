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
// floors: the admitted requests at 10 per second, and the windows they need beyond the first.
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
	want := `| 10 | destroy | 61 | 30.0 | 202 | 150 | 2 | 0 | 0 | 50 | 2 | 3 | 3.31 | 20.0 | 1.50 | 10.0 | exit code 1: boom \| bang |`
	if lines[2] != want {
		t.Errorf("row\n%s\nwant\n%s", lines[2], want)
	}
}

func TestWindowFloor(t *testing.T) {
	for n, want := range map[int]time.Duration{0: 0, 100: 0, 101: 10 * time.Second, 200: 10 * time.Second, 610: 60 * time.Second} {
		if got := windowFloor(n); got != want {
			t.Errorf("windowFloor(%d) = %s, want %s", n, got, want)
		}
	}
}

// The identities benchmark's sub-benchmarks become rows, whatever their names, with or without
// -benchmem figures and extra metrics.
func TestParseBenchmarks(t *testing.T) {
	out := `goos: linux
goarch: amd64
pkg: github.com/isc-terraform/terraform-provider-sailpoint/internal/provider
BenchmarkIdentitiesDataSourceRead/n=10000/client-2         	       3	 451234567 ns/op	        40.00 pages/op	139000000 B/op	 2390000 allocs/op
BenchmarkIdentitiesDataSourceRead/n=100000/Read-2          	       1	29500000000 ns/op	13300000000 B/op	207000000 allocs/op
BenchmarkOther 	 100	 12 ns/op
PASS
ok  	github.com/isc-terraform/terraform-provider-sailpoint/internal/provider	40.1s
`
	got := parseBenchmarks(out)
	if len(got) != 3 {
		t.Fatalf("parsed %d benchmarks, want 3: %+v", len(got), got)
	}
	want := benchmark{name: "n=10000/client", iterations: 3, nsPerOp: 451234567, bytesPerOp: 139e6, allocsPerOp: 2.39e6, hasBytes: true, hasAllocs: true}
	if got[0] != want {
		t.Errorf("first = %+v, want %+v", got[0], want)
	}
	if got[1].name != "n=100000/Read" || got[1].nsPerOp != 29.5e9 || got[2].name != "BenchmarkOther" || got[2].hasBytes {
		t.Errorf("parsed %+v", got)
	}
	var table bytes.Buffer
	writeBenchmarks(&table, got)
	lines := strings.Split(strings.TrimSpace(table.String()), "\n")
	if len(lines) != 5 || lines[2] != "| n=10000/client | 3 | 451.2 ms | 139.00 MB | 2390000 |" ||
		lines[3] != "| n=100000/Read | 1 | 29.50 s | 13300.00 MB | 207000000 |" || lines[4] != "| BenchmarkOther | 100 | 12 ns | n/a | n/a |" {
		t.Errorf("table:\n%s", table.String())
	}
}
