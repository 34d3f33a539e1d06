package e2e

import (
	"encoding/json"
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

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
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

// tenantSource is what the emulator, or the state, holds of one source and its children.
type tenantSource struct {
	ID        string
	Schemas   map[string]string // name -> id
	Schedules []string          // types, sorted
	Policies  []string          // usage types, sorted
}

// tenant is the objects of a tenant by name, the way the chaos run compares them.
type tenant struct {
	Sources  map[string]tenantSource
	Profiles map[string]string // name -> id
	// Duplicates names the objects found more than once.
	Duplicates []string
}

// chaosExpected is what the quickstart plus testdata/chaos creates: names, and for each source its
// schema names, schedule types and policy usage types.
func chaosExpected() tenant {
	want := tenant{
		Sources: map[string]tenantSource{
			"HR Demo": {Schemas: map[string]string{"account": ""}, Schedules: []string{"ACCOUNT_AGGREGATION"}, Policies: []string{"CREATE"}},
		},
		Profiles: map[string]string{"Employees Demo": ""},
	}
	usage := []string{"CREATE", "UPDATE", "DISABLE", "CREATE"} // by connector, as in sources.tf
	for i := range 8 {
		want.Sources[fmt.Sprintf("Chaos %02d", i)] = tenantSource{
			Schemas:   map[string]string{"account": ""},
			Schedules: []string{"ACCOUNT_AGGREGATION", "GROUP_AGGREGATION"},
			Policies:  []string{usage[i%4]},
		}
	}
	return want
}

// withoutIDs is t with every id blanked, to compare it with chaosExpected.
func (t tenant) withoutIDs() tenant {
	out := tenant{Sources: map[string]tenantSource{}, Profiles: map[string]string{}, Duplicates: t.Duplicates}
	for name, s := range t.Sources {
		schemas := map[string]string{}
		for n := range s.Schemas {
			schemas[n] = ""
		}
		out.Sources[name] = tenantSource{Schemas: schemas, Schedules: s.Schedules, Policies: s.Policies}
	}
	for name := range t.Profiles {
		out.Profiles[name] = ""
	}
	return out
}

// objects counts the objects of t: sources, schemas, schedules, policies and profiles.
func (t tenant) objects() int {
	n := len(t.Profiles)
	for _, s := range t.Sources {
		n += 1 + len(s.Schemas) + len(s.Schedules) + len(s.Policies)
	}
	return n
}

// TestChaosApply applies the quickstart and 40 more resources against an emulator that answers
// 20% of requests with 429, 5% of GETs with 503, drops 2% of GETs and whose tokens live 30 s (and
// are expired once mid-apply): the apply succeeds, the next plan is empty, the emulator holds
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

	got := tf.tenant()
	state := tf.stateTenant()
	if !reflect.DeepEqual(got.withoutIDs(), want) {
		t.Errorf("after the apply the emulator holds\n%+v\nwant\n%+v", got.withoutIDs(), want)
	}
	if !reflect.DeepEqual(got, state) {
		t.Errorf("after the apply the emulator holds\n%+v\nbut the state has\n%+v", got, state)
	}
	t.Logf("objects: %d expected, %d in the emulator, %d in the state", want.objects(), got.objects(), state.objects())

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
		return strings.HasPrefix(r.Path, emulator.BasePath+"/") && r.Status < 300
	})
}

// tenant reads the sources and identity profiles the emulator holds, with each source's schemas,
// schedules and policies. Call it with no faults injected.
func (tf *terraform) tenant() tenant {
	tf.t.Helper()
	out := tenant{Sources: map[string]tenantSource{}, Profiles: map[string]string{}}
	get := tf.apiReader()
	var sources []emulator.Source
	get("/sources?limit=250", &sources)
	for _, s := range sources {
		var schemas []emulator.Schema
		var schedules []emulator.Schedule
		var policies []emulator.ProvisioningPolicy
		get("/sources/"+s.ID+"/schemas", &schemas)
		get("/sources/"+s.ID+"/schedules", &schedules)
		get("/sources/"+s.ID+"/provisioning-policies", &policies)
		src := tenantSource{ID: s.ID, Schemas: map[string]string{}, Schedules: []string{}, Policies: []string{}}
		for _, sc := range schemas {
			if _, dup := src.Schemas[sc.Name]; dup {
				out.Duplicates = append(out.Duplicates, s.Name+" schema "+sc.Name)
			}
			src.Schemas[sc.Name] = sc.ID
		}
		for _, sc := range schedules {
			src.Schedules = append(src.Schedules, sc.Type)
		}
		for _, p := range policies {
			src.Policies = append(src.Policies, p.UsageType)
		}
		out.addSource(s.Name, src)
	}
	var profiles []emulator.IdentityProfile
	get("/identity-profiles?limit=250", &profiles)
	for _, p := range profiles {
		if _, dup := out.Profiles[p.Name]; dup {
			out.Duplicates = append(out.Duplicates, "identity profile "+p.Name)
		}
		out.Profiles[p.Name] = p.ID
	}
	return out
}

// addSource adds src under name, noting a duplicate name or child.
func (t *tenant) addSource(name string, src tenantSource) {
	if _, dup := t.Sources[name]; dup {
		t.Duplicates = append(t.Duplicates, "source "+name)
	}
	for _, list := range []*[]string{&src.Schedules, &src.Policies} {
		slices.Sort(*list)
		if c := slices.Compact(slices.Clone(*list)); len(c) != len(*list) {
			t.Duplicates = append(t.Duplicates, fmt.Sprintf("source %s children %v", name, *list))
		}
	}
	t.Sources[name] = src
}

// stateTenant reads the same view as tenant from the Terraform state.
func (tf *terraform) stateTenant() tenant {
	tf.t.Helper()
	var show struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Type   string         `json:"type"`
					Values map[string]any `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(tf.must("show", "-json")), &show); err != nil {
		tf.t.Fatal(err)
	}
	str := func(v map[string]any, k string) string { s, _ := v[k].(string); return s }
	out := tenant{Sources: map[string]tenantSource{}, Profiles: map[string]string{}}
	byID := map[string]*tenantSource{}
	names := map[string]string{}
	for _, r := range show.Values.RootModule.Resources {
		if r.Type == "sailpoint_source" {
			id := str(r.Values, "id")
			byID[id] = &tenantSource{ID: id, Schemas: map[string]string{}, Schedules: []string{}, Policies: []string{}}
			names[id] = str(r.Values, "name")
		}
	}
	for _, r := range show.Values.RootModule.Resources {
		src := byID[str(r.Values, "source_id")]
		switch {
		case r.Type == "sailpoint_identity_profile":
			out.Profiles[str(r.Values, "name")] = str(r.Values, "id")
		case src == nil:
		case r.Type == "sailpoint_source_schema":
			src.Schemas[str(r.Values, "name")] = str(r.Values, "id")
		case r.Type == "sailpoint_source_schedule":
			src.Schedules = append(src.Schedules, str(r.Values, "type"))
		case r.Type == "sailpoint_source_provisioning_policy":
			src.Policies = append(src.Policies, str(r.Values, "usage_type"))
		}
	}
	for id, src := range byID {
		out.addSource(names[id], *src)
	}
	return out
}
