package e2e

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/provider"
)

// chaosSeed fixes the faults of a chaos run, so a failure reproduces as far as terraform's
// parallel walk lets the order of requests repeat. Phase n seeds its faults with chaosSeed+10n,
// +1 and +2; this one makes every fault fire within the first six requests its generator draws
// for, in every phase, so each kind shows up however few requests a phase makes. The environment
// variable CHAOS_SEED replaces it, to try other fault sequences.
const chaosSeed = 20286953

func chaosSeedOf(t *testing.T) int64 {
	t.Helper()
	v := os.Getenv("CHAOS_SEED")
	if v == "" {
		return chaosSeed
	}
	seed, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatalf("CHAOS_SEED=%q is not an integer", v)
	}
	return seed
}

// chaosTokenTTL is how long the emulator's tokens live in a chaos run.
const chaosTokenTTL = 30 * time.Second

// chaosFaults are the faults of one phase: 20% of all API requests get 429 with Retry-After: 1,
// 5% of GETs a 503 and 2% of GETs a dropped connection. A request gets at most one fault, the
// first that fires in this order, so the later fractions are divided by the share the earlier
// ones leave over.
func chaosFaults(seed int64) []emulator.Fault {
	const p429, p503, pDrop = 0.20, 0.05, 0.02
	return []emulator.Fault{
		{Kind: emulator.Fault429, Fraction: p429, Seed: seed, RetryAfter: 1},
		{Kind: emulator.Fault503, Route: http.MethodGet, Fraction: p503 / (1 - p429), Seed: seed + 1},
		{Kind: emulator.FaultDrop, Route: http.MethodGet, Fraction: pDrop / (1 - p429 - p503), Seed: seed + 2},
	}
}

// chaosFaultKinds are the kinds chaosFaults injects; a run must see each of them.
var chaosFaultKinds = []emulator.FaultKind{emulator.Fault429, emulator.Fault503, emulator.FaultDrop}

// tenant is what the emulator, or the state, holds: each object by the address an import of the
// tenant gives it (sailpoint_source_schema.chaos_00_account), with its import ID.
type tenant struct {
	Objects map[string]string
	// Duplicates names the addresses found more than once.
	Duplicates []string
}

func (t *tenant) add(addr, importID string) {
	if t.Objects == nil {
		t.Objects = map[string]string{}
	}
	if _, dup := t.Objects[addr]; dup {
		t.Duplicates = append(t.Duplicates, addr)
	}
	t.Objects[addr] = importID
}

// chaosExpected is what the quickstart plus testdata/chaos creates, without import IDs.
func chaosExpected() tenant {
	var want tenant
	for _, addr := range []string{
		"sailpoint_source.hr_demo", "sailpoint_source_schema.hr_demo_account",
		"sailpoint_source_schedule.hr_demo_account_aggregation", "sailpoint_source_provisioning_policy.hr_demo_create",
		"sailpoint_identity_profile.employees_demo", "sailpoint_transform.demo_upper_case",
		"sailpoint_identity_attribute.demodepartmentcode",
		"sailpoint_lifecycle_state.employees_demo_active", "sailpoint_lifecycle_state.employees_demo_terminated",
		"sailpoint_source_correlation_config.hr_demo",
		"sailpoint_source_correlation_config.chaos_01", "sailpoint_source_native_change_detection_config.chaos_02",
		"sailpoint_source_attribute_sync_config.chaos_00", "sailpoint_source_entitlement_request_config.chaos_03",
	} {
		want.add(addr, "")
	}
	usage := []string{"create", "update", "disable", "create"} // by connector, as in sources.tf
	for i := range 8 {
		src := fmt.Sprintf("chaos_%02d", i)
		want.add("sailpoint_source."+src, "")
		want.add("sailpoint_source_schema."+src+"_account", "")
		want.add("sailpoint_source_schedule."+src+"_account_aggregation", "")
		want.add("sailpoint_source_schedule."+src+"_group_aggregation", "")
		want.add("sailpoint_source_provisioning_policy."+src+"_"+usage[i%4], "")
		if i < 4 {
			want.add("sailpoint_transform."+src+"_lower_name", "")
		}
		if i < 2 {
			want.add("sailpoint_governance_group."+src+"_approvers", "")
			want.add("sailpoint_governance_group_members."+src+"_approvers", "")
			want.add("sailpoint_access_profile."+src+"_access", "")
		}
	}
	want.add("sailpoint_entitlement.chaos_03_chaos_read", "")
	want.add("sailpoint_entitlement.chaos_03_chaos_write", "")
	want.add("sailpoint_role.chaos_role", "")
	want.add("sailpoint_identity_attribute.chaoscostcenter", "")
	want.add("sailpoint_lifecycle_state.employees_demo_chaos_leave", "")
	return want
}

// withoutIDs is t with every import ID blanked, to compare it with chaosExpected.
func (t tenant) withoutIDs() tenant {
	out := tenant{Duplicates: t.Duplicates}
	for addr := range t.Objects {
		out.add(addr, "")
	}
	return out
}

// objects counts the objects of t.
func (t tenant) objects() int { return len(t.Objects) }

// TestChaosApply applies the quickstart and 59 more resources, of every registered type, against an emulator that answers
// 20% of requests with 429, 5% of GETs with 503, drops 2% of GETs and whose tokens live 30 s (and
// are expired once mid-apply): the apply succeeds, the next plan is empty, a second apply adopts
// two entitlements an aggregation gave a source meanwhile, the plan after it is empty, the emulator holds
// exactly the configured objects, once each and under the ids in the state, and the destroy
// removes them all, with the faults on throughout.
func TestChaosApply(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(repoRoot, "examples", "quickstart"))); err != nil {
		t.Fatal(err)
	}
	extra, err := os.ReadFile(filepath.Join("testdata", "chaos", "sources.tf"))
	if err != nil {
		t.Fatal(err)
	}
	tf := newTerraform(t, dir, nil, func(c *emulator.Config) { c.TokenTTL = chaosTokenTTL })
	tf.write("chaos_sources.tf", string(extra))
	want := chaosExpected()
	before := tf.tenant()
	seed := chaosSeedOf(t)
	t.Logf("seed %d", seed)

	start := time.Now()
	var total chaosFigures
	// phase runs terraform with the faults of phase n injected, and during (if not nil) beside it
	// until terraform exits. Every phase must exit 0: for plan -detailed-exitcode, 2 means changes.
	phase := func(n int, name string, during func(stop <-chan struct{}), args ...string) []emulator.Request {
		t.Helper()
		tf.emu.ClearRequests()
		for _, f := range chaosFaults(seed + int64(n)*10) {
			if err := tf.emu.InjectFault(f); err != nil {
				t.Fatal(err)
			}
		}
		phaseStart := time.Now()
		stop, done := make(chan struct{}), make(chan struct{})
		go func() {
			defer close(done)
			if during != nil {
				during(stop)
			}
		}()
		stdout, stderr, code := tf.run(args...)
		close(stop)
		<-done
		tf.emu.ClearFaults()
		log := tf.emu.Requests()
		figures := chaosFiguresOf(log)
		if stats := tf.emu.Stats(); !maps.Equal(figures.faults, stats.Faults) {
			t.Errorf("%s: the request log shows faults %v, the emulator's stats %v", name, figures.faults, stats.Faults)
		}
		total.add(figures)
		t.Logf("%-7s %5.1fs %s", name, time.Since(phaseStart).Seconds(), figures)
		if code != 0 {
			t.Fatalf("terraform %s under faults: exit code %d\n%s\n%s", strings.Join(args, " "), code, stdout, stderr)
		}
		// The faults must really have happened, or this test proves nothing; and the provider
		// survived each by repeating the request. The apply creates without reading, so the
		// faults injected into GETs only are required of the whole run, below.
		if figures.faults[emulator.Fault429] == 0 {
			t.Errorf("%s: no %s fault was injected", name, emulator.Fault429)
		}
		for kind, n := range figures.faults {
			if figures.retried[kind] != n {
				t.Errorf("%s: %d of %d requests that got a %s fault were repeated, want all", name, figures.retried[kind], n, kind)
			}
		}
		if figures.retried[expiredToken] != figures.expired {
			t.Errorf("%s: %d of %d requests answered 401 were repeated, want all", name, figures.retried[expiredToken], figures.expired)
		}
		return log
	}

	// Once the apply has made 40 requests, every token expires at once: the requests holding
	// one get a 401, and the provider must fetch a new token and repeat them.
	expireMidApply := func(stop <-chan struct{}) {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				if tf.emu.Stats().Total >= 40 {
					tf.emu.ExpireTokens()
					return
				}
			}
		}
	}
	applyLog := phase(0, "apply", expireMidApply, "apply", "-auto-approve")
	phase(1, "plan", nil, "plan", "-detailed-exitcode")
	tf.loadEntitlements("Chaos 03", "value\nchaos-read\nchaos-write\n")
	adopt, err := os.ReadFile(filepath.Join("testdata", "chaos", "entitlements.tf"))
	if err != nil {
		t.Fatal(err)
	}
	tf.write("chaos_entitlements.tf", string(adopt))
	phase(3, "adopt", nil, "apply", "-auto-approve")
	phase(4, "replan", nil, "plan", "-detailed-exitcode")

	got := tf.tenant()
	state := tf.stateTenant()
	if !reflect.DeepEqual(got.withoutIDs(), want) {
		t.Errorf("after the apply the emulator holds\n%+v\nwant\n%+v", got.withoutIDs(), want)
	}
	if !reflect.DeepEqual(got, state) {
		t.Errorf("after the apply the emulator holds\n%+v\nbut the state has\n%+v", got, state)
	}
	t.Logf("objects: %d expected, %d in the emulator, %d in the state", want.objects(), got.objects(), state.objects())
	for _, typ := range provider.ObjectTypes() {
		if !slices.ContainsFunc(slices.Collect(maps.Keys(got.Objects)), func(addr string) bool { return strings.HasPrefix(addr, typ.Name+".") }) {
			t.Errorf("the chaos run makes no %s: add one to testdata/chaos", typ.Name)
		}
	}

	phase(2, "destroy", nil, "destroy", "-auto-approve")
	after := tf.tenant()
	if !reflect.DeepEqual(after, before) {
		t.Errorf("after the destroy the emulator holds\n%+v\nwant what it held before the apply\n%+v", after, before)
	}
	t.Logf("objects after the destroy: %d (before the apply: %d)", after.objects(), before.objects())
	t.Logf("total   %5.1fs %s", time.Since(start).Seconds(), total)
	for _, kind := range chaosFaultKinds {
		if total.faults[kind] == 0 {
			t.Errorf("no %s fault was injected in the whole run", kind)
		}
	}

	if total.expired == 0 || !renewedAfterExpiry(applyLog) {
		t.Errorf("no token expired and was renewed during the apply (%d requests answered 401)", total.expired)
	}
}

// loadEntitlements aggregates the source of this name from a CSV file, with no faults injected.
func (tf *terraform) loadEntitlements(sourceName, csv string) {
	tf.t.Helper()
	c, err := client.New(client.Config{BaseURL: tf.url, ClientID: tf.emuCfg.ClientID, ClientSecret: tf.emuCfg.ClientSecret, APIVersion: apiVersion})
	if err != nil {
		tf.t.Fatal(err)
	}
	ctx := context.Background()
	found, _, err := c.ListSources(ctx, client.ListOptions{Filters: client.FilterEq("name", sourceName)})
	if err != nil || len(found) != 1 {
		tf.t.Fatalf("looking up source %q: %d found, %v", sourceName, len(found), err)
	}
	if _, err := c.LoadEntitlements(ctx, found[0].ID, []byte(csv)); err != nil {
		tf.t.Fatal(err)
	}
}

// expiredToken is the key of chaosFigures.retried for requests answered 401.
const expiredToken emulator.FaultKind = "401"

// chaosFigures sums up the request log of a phase.
type chaosFigures struct {
	requests int                        // API requests received
	faults   map[emulator.FaultKind]int // injected, by kind
	retried  map[emulator.FaultKind]int // faulted (or 401) requests the client repeated, by kind
	expired  int                        // requests answered 401 because the token had expired
	retries  int                        // faulted or 401 requests repeated
	tokens   int                        // tokens issued
}

// chaosFiguresOf reads the figures of a phase from its request log.
func chaosFiguresOf(log []emulator.Request) chaosFigures {
	f := chaosFigures{faults: map[emulator.FaultKind]int{}, retried: map[emulator.FaultKind]int{}}
	for i, r := range log {
		if r.Path == "/oauth/token" {
			if r.Status == http.StatusOK {
				f.tokens++
			}
			continue
		}
		f.requests++
		kind := r.Fault
		if r.Status == http.StatusUnauthorized {
			f.expired++
			kind = expiredToken
		}
		if kind == "" {
			continue
		}
		if r.Fault != "" {
			f.faults[r.Fault]++
		}
		if slices.ContainsFunc(log[i+1:], func(next emulator.Request) bool {
			return next.Method == r.Method && next.Path == r.Path && next.Query == r.Query && next.Body == r.Body
		}) {
			f.retried[kind]++
			f.retries++
		}
	}
	return f
}

func (f *chaosFigures) add(g chaosFigures) {
	if f.faults == nil {
		f.faults, f.retried = map[emulator.FaultKind]int{}, map[emulator.FaultKind]int{}
	}
	f.requests += g.requests
	f.expired += g.expired
	f.retries += g.retries
	f.tokens += g.tokens
	for k, n := range g.faults {
		f.faults[k] += n
	}
	for k, n := range g.retried {
		f.retried[k] += n
	}
}

func (f chaosFigures) String() string {
	return fmt.Sprintf("requests %4d, faults 429 %3d / 503 %2d / drop %2d, 401 (expired token) %2d, retries %3d, tokens issued %3d",
		f.requests, f.faults[emulator.Fault429], f.faults[emulator.Fault503], f.faults[emulator.FaultDrop], f.expired, f.retries, f.tokens)
}

// renewedAfterExpiry reports whether a token was issued after the first 401 of log, and an API
// request succeeded after that.
func renewedAfterExpiry(log []emulator.Request) bool {
	i := slices.IndexFunc(log, func(r emulator.Request) bool { return r.Status == http.StatusUnauthorized })
	if i < 0 {
		return false
	}
	j := slices.IndexFunc(log[i:], func(r emulator.Request) bool { return r.Path == "/oauth/token" && r.Status == http.StatusOK })
	return j >= 0 && slices.ContainsFunc(log[i+j:], func(r emulator.Request) bool {
		return apiversion.Of(r.Path) != "" && r.Status < 300
	})
}

// tenant reads every object of every registered type the emulator holds. Call it with no faults
// injected.
func (tf *terraform) tenant() tenant {
	tf.t.Helper()
	var out tenant
	for _, o := range tf.tenantObjects() {
		out.add(o.typ.Name+"."+o.name, o.importID)
	}
	return out
}

// stateTenant reads the same view as tenant from the Terraform state: a child is named after the
// source its source_id names or the identity profile its identity_profile_id names, and a group's
// members after the group.
func (tf *terraform) stateTenant() tenant {
	tf.t.Helper()
	state := showState(tf.t, tf)
	// Children are named after their parent, by the attribute that holds the parent's id.
	parentNames := map[string]map[string]string{"source_id": {}, "identity_profile_id": {}}
	groupNames := map[string]string{}
	for addr, v := range state {
		switch {
		case strings.HasPrefix(addr, "sailpoint_source."):
			parentNames["source_id"][fmt.Sprint(v["id"])] = label(fmt.Sprint(v["name"]))
		case strings.HasPrefix(addr, "sailpoint_identity_profile."):
			parentNames["identity_profile_id"][fmt.Sprint(v["id"])] = label(fmt.Sprint(v["name"]))
		}
		if strings.HasPrefix(addr, "sailpoint_governance_group.") {
			groupNames[fmt.Sprint(v["id"])] = label(fmt.Sprint(v["name"]))
		}
	}
	var out tenant
	for addr, typ := range managedResources(tf.t, state) {
		v := state[addr]
		name := label(fmt.Sprint(v[typ.NameAttribute]))
		for attr, names := range parentNames {
			if id, ok := v[attr]; ok {
				name = names[fmt.Sprint(id)] + "_" + name
			}
		}
		if id, ok := v["governance_group_id"]; ok {
			name = groupNames[fmt.Sprint(id)]
		}
		if typ.Document { // a source's setting is named after its source alone
			name = parentNames["source_id"][fmt.Sprint(v["source_id"])]
		}
		out.add(typ.Name+"."+name, typ.ImportID(v))
	}
	return out
}
