package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	fwprovider "github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/contract"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// This file drives every plan-time rule of the provider through its protocol server, the way
// Terraform calls it, and checks the exact diagnostics: summary, detail and attribute path. The
// table is organised by what enforces each rule (an attribute's validators, ValidateConfig,
// ModifyPlan, ImportState, ...), and TestPlanTimeRulesInventory fails when a schema or a
// resource gains such a rule without rows here.

// unknown stands for a value known only after apply, such as another resource's id.
type unknownValue struct{}

var unknown = unknownValue{}

// ruleOp is the protocol call a case makes.
type ruleOp int

const (
	opValidate  ruleOp = iota // Validate{Resource,DataResource,Provider}Config
	opPlan                    // PlanResourceChange: a create, or an update of prior when set
	opImport                  // ImportResourceState
	opConfigure               // ConfigureProvider
	opDestroy                 // PlanResourceChange: the destroy of prior
)

// wantDiag is one expected diagnostic. detail is the whole text, unless fragment is set: then
// it is a part of it, for details that quote variable content.
type wantDiag struct {
	warning  bool
	summary  string
	detail   string
	fragment bool
	path     string // as "a.b[1].c"; "" for a diagnostic without attribute
}

func errAt(path, summary, detail string) wantDiag {
	return wantDiag{path: path, summary: summary, detail: detail}
}

func errHas(path, summary, fragment string) wantDiag {
	return wantDiag{path: path, summary: summary, detail: fragment, fragment: true}
}

func warnAt(path, summary, fragment string) wantDiag {
	return wantDiag{warning: true, path: path, summary: summary, detail: fragment, fragment: true}
}

// ruleCase is one input. set is merged over the table's valid base configuration, attribute by
// attribute (nil sets null, unknown an unknown value). No want means the input is accepted.
type ruleCase struct {
	name string
	op   ruleOp
	set  map[string]any
	id   string            // import ID
	env  map[string]string // environment for opConfigure
	// tenant, when set, runs the case against a provider configured for an in-process emulator,
	// which tenant fills through c. What it returns is merged over the prior state (such as the
	// id of an object it made), and makes an opPlan an update even in a table without prior.
	tenant func(t *testing.T, c *client.Client) tenantSetup
	want   []wantDiag
}

// tenantSetup is what a case's tenant made: values for the case's prior state and configuration,
// resources whose destroy the same provider plans before the case, as Terraform does in one run,
// and the ids of what it made, which replace {key} in the details the case wants.
type tenantSetup struct {
	prior     map[string]any
	set       map[string]any
	destroyed []plannedDestroy
	ids       map[string]string
}

// plannedDestroy is a resource of another type, by its prior state.
type plannedDestroy struct {
	typeName string
	prior    map[string]any
}

// rule is one plan-time rule and the cases that prove it. on names what enforces it: an
// attribute path with validators in schema notation ("attributes[*].type"), or one of
// ValidateConfig, ConfigValidators, ModifyPlan, ImportState and Configure.
type rule struct {
	on    string
	cases []ruleCase
}

type ruleKind string

const (
	kindResource   ruleKind = "resource"
	kindDataSource ruleKind = "data source"
	kindProvider   ruleKind = "provider"
	kindAction     ruleKind = "action"
)

// ruleTable holds the rules of one resource, data source, action or the provider block.
type ruleTable struct {
	kind     ruleKind
	typeName string
	base     map[string]any
	prior    map[string]any // the state an opPlan case updates; nil plans a create
	private  map[string]string
	rules    []rule
}

const (
	lenAtLeast1 = "Invalid Attribute Value Length"
	badValue    = "Invalid Attribute Value Match"
)

func lengthError(path string) wantDiag {
	return errAt(path, lenAtLeast1, fmt.Sprintf("Attribute %s string length must be at least 1, got: 0", path))
}

// nonEmpty is the rule of an attribute that must not be "".
func nonEmpty(path string, set map[string]any) rule {
	return rule{on: schemaPath(path), cases: []ruleCase{{name: "empty", set: set, want: []wantDiag{lengthError(path)}}}}
}

// schemaPath turns a path of a case ("a[1].b") into the schema notation of rule.on ("a[*].b").
func schemaPath(p string) string {
	var b strings.Builder
	for i := 0; i < len(p); i++ {
		if p[i] == '[' {
			j := strings.IndexByte(p[i:], ']')
			b.WriteString("[*]")
			i += j
			continue
		}
		b.WriteByte(p[i])
	}
	return b.String()
}

// importCases are malformed import IDs of a resource whose IDs have the given shape, each with
// the reason the error gives after "expected SHAPE, got ID: ".
func importCases(resource, shape string, reasons map[string]string) []ruleCase {
	var out []ruleCase
	for _, id := range sortedKeysOf(reasons) {
		out = append(out, ruleCase{name: fmt.Sprintf("%q", id), op: opImport, id: id, want: []wantDiag{
			errAt("", "Invalid import ID for "+resource, fmt.Sprintf("expected %s, got %q: %s", shape, id, reasons[id]))}})
	}
	return out
}

// oneID and sourceChildID are the malformed IDs of resources imported by one ID, and by a source
// ID and a second part, such as SOURCE_ID/SCHEMA_ID.
func oneID(name string) map[string]string {
	leadingSpace, trailingTab := " a", "a\t"
	return map[string]string{
		"":           "the ID is empty",
		"a/b":        `it must not contain "/"`,
		"a/":         `it must not contain "/"`,
		leadingSpace: name + ` " a" starts or ends with a space`,
		trailingTab:  name + ` "a\t" starts or ends with a space`,
	}
}

func sourceChildID(second string) map[string]string { return childID("SOURCE_ID", second) }

// childID are the malformed IDs of resources imported by their parent's ID and a second part,
// such as IDENTITY_PROFILE_ID/LIFECYCLE_STATE_ID.
func childID(first, second string) map[string]string {
	return map[string]string{
		"":      "the ID is empty",
		"ab":    `it needs 2 parts separated by "/", not 1`,
		"a/b/c": `it needs 2 parts separated by "/", not 3`,
		"a/b/":  `it needs 2 parts separated by "/", not 3`,
		"/":     first + " is empty",
		"/b":    first + " is empty",
		"a/":    second + " is empty",
		"a/ b":  second + ` " b" starts or ends with a space`,
	}
}

func sortedKeysOf[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestPlanTimeRules(t *testing.T) {
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	schemas, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || len(schemas.Diagnostics) > 0 {
		t.Fatalf("schema: %v %v", err, schemas.Diagnostics)
	}
	for _, tbl := range ruleTables() {
		var sch *tfprotov6.Schema
		switch tbl.kind {
		case kindResource:
			sch = schemas.ResourceSchemas[tbl.typeName]
		case kindDataSource:
			sch = schemas.DataSourceSchemas[tbl.typeName]
		case kindProvider:
			sch = schemas.Provider
		case kindAction:
			if a := schemas.ActionSchemas[tbl.typeName]; a != nil {
				sch = a.Schema
			}
		}
		if sch == nil {
			t.Fatalf("no schema for %s %s", tbl.kind, tbl.typeName)
		}
		for _, r := range tbl.rules {
			for _, c := range r.cases {
				t.Run(fmt.Sprintf("%s/%s/%s", tbl.typeName, r.on, c.name), func(t *testing.T) {
					for k, v := range c.env {
						t.Setenv(k, v)
					}
					srv, prior := srv, tbl.prior
					if c.tenant != nil {
						var setup tenantSetup
						srv, setup = withTenant(t, c.tenant)
						if prior == nil && setup.prior != nil {
							prior = tbl.base
						}
						prior = merged(prior, setup.prior)
						for _, d := range setup.destroyed {
							typ := schemas.ResourceSchemas[d.typeName].ValueType()
							checkDiags(t, planDestroy(t, srv, d.typeName, typ, objectValue(t, typ, d.prior), nil), nil)
						}
						c.set = merged(setup.set, c.set)
						c.want = slices.Clone(c.want)
						for i := range c.want {
							for k, id := range setup.ids {
								c.want[i].detail = strings.ReplaceAll(c.want[i].detail, "{"+k+"}", id)
							}
						}
					}
					got := tbl.withPrior(prior).run(t, srv, sch, c)
					checkDiags(t, got, c.want)
				})
			}
		}
	}
}

// withTenant starts an emulator, lets fill make its objects through a client, and returns a new
// provider server configured for it, with what fill returned.
func withTenant(t *testing.T, fill func(t *testing.T, c *client.Client) tenantSetup) (tfprotov6.ProviderServer, tenantSetup) {
	t.Helper()
	url := startTenant(t, emulator.Config{DeleteDelay: -1})
	c, err := client.New(client.Config{BaseURL: url, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret,
		RequestsPerSecond: 100, NoReadCache: true})
	must(t, err)
	setup := fill(t, c)
	return tenantProvider(t, url), setup
}

// startTenant starts an emulator with cfg for the test and returns its base URL.
func startTenant(t *testing.T, cfg emulator.Config) string {
	t.Helper()
	return contract.NewServer(t, emulator.New(cfg)).URL
}

// tenantProvider is a new provider server configured for the emulator at url.
func tenantProvider(t *testing.T, url string) tfprotov6.ProviderServer {
	t.Helper()
	srv, err := providerserver.NewProtocol6WithError(New("test")())()
	must(t, err)
	schemas, err := srv.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	must(t, err)
	typ := schemas.Provider.ValueType()
	config := objectValue(t, typ, map[string]any{"base_url": url, "client_id": emulator.DefaultClientID,
		"client_secret": emulator.DefaultClientSecret, "requests_per_second": 100})
	resp, err := srv.ConfigureProvider(context.Background(), &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: dynamicValue(t, typ, config)})
	must(t, err)
	checkDiags(t, resp.Diagnostics, nil)
	return srv
}

// withPrior is the table with another prior state.
func (tbl ruleTable) withPrior(prior map[string]any) ruleTable {
	tbl.prior = prior
	return tbl
}

// planDestroy plans the destroy of prior, as Terraform does: no configuration, no proposed state.
func planDestroy(t *testing.T, srv tfprotov6.ProviderServer, typeName string, typ tftypes.Type, prior tftypes.Value, private []byte) []*tfprotov6.Diagnostic {
	t.Helper()
	null := tftypes.NewValue(typ, nil)
	resp, err := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName:         typeName,
		PriorState:       dynamicValue(t, typ, prior),
		ProposedNewState: dynamicValue(t, typ, null),
		Config:           dynamicValue(t, typ, null),
		PriorPrivate:     private,
	})
	must(t, err)
	return resp.Diagnostics
}

// run makes the case's protocol call and returns its diagnostics.
func (tbl ruleTable) run(t *testing.T, srv tfprotov6.ProviderServer, sch *tfprotov6.Schema, c ruleCase) []*tfprotov6.Diagnostic {
	t.Helper()
	ctx := context.Background()
	typ := sch.ValueType()
	config := dynamicValue(t, typ, objectValue(t, typ, merged(tbl.base, c.set)))
	switch {
	case c.op == opImport:
		resp, err := srv.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: tbl.typeName, ID: c.id})
		must(t, err)
		return resp.Diagnostics
	case c.op == opConfigure:
		resp, err := srv.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: config})
		must(t, err)
		return resp.Diagnostics
	case c.op == opPlan:
		return tbl.plan(t, srv, sch, c)
	case c.op == opDestroy:
		return planDestroy(t, srv, tbl.typeName, typ, objectValue(t, typ, merged(tbl.prior, c.set)), nil)
	case tbl.kind == kindProvider:
		resp, err := srv.ValidateProviderConfig(ctx, &tfprotov6.ValidateProviderConfigRequest{Config: config})
		must(t, err)
		return resp.Diagnostics
	case tbl.kind == kindDataSource:
		resp, err := srv.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: tbl.typeName, Config: config})
		must(t, err)
		return resp.Diagnostics
	case tbl.kind == kindAction:
		resp, err := srv.(tfprotov6.ActionServer).ValidateActionConfig(ctx, &tfprotov6.ValidateActionConfigRequest{ActionType: tbl.typeName, Config: config})
		must(t, err)
		return resp.Diagnostics
	}
	resp, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{
		TypeName: tbl.typeName, Config: config,
		ClientCapabilities: &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true},
	})
	must(t, err)
	return resp.Diagnostics
}

// plan plans a create, or an update of tbl.prior, as Terraform does: the proposed new state is
// the configuration, with the prior values of computed attributes the configuration leaves null.
func (tbl ruleTable) plan(t *testing.T, srv tfprotov6.ProviderServer, sch *tfprotov6.Schema, c ruleCase) []*tfprotov6.Diagnostic {
	t.Helper()
	typ := sch.ValueType()
	cfg := merged(tbl.base, c.set)
	prior := tftypes.NewValue(typ, nil)
	proposed := cfg
	var private []byte
	if tbl.prior != nil {
		prior = objectValue(t, typ, tbl.prior)
		proposed = merged(cfg, nil)
		for _, a := range sch.Block.Attributes {
			if v, ok := proposed[a.Name]; a.Computed && (!ok || v == nil) {
				proposed[a.Name] = tbl.prior[a.Name]
			}
			if a.WriteOnly {
				proposed[a.Name] = nil
			}
		}
		data := map[string][]byte{}
		for k, v := range tbl.private {
			data[k] = []byte(v)
		}
		var err error
		private, err = json.Marshal(data)
		must(t, err)
	}
	resp, err := srv.PlanResourceChange(context.Background(), &tfprotov6.PlanResourceChangeRequest{
		TypeName:         tbl.typeName,
		PriorState:       dynamicValue(t, typ, prior),
		ProposedNewState: dynamicValue(t, typ, objectValue(t, typ, proposed)),
		Config:           dynamicValue(t, typ, objectValue(t, typ, cfg)),
		PriorPrivate:     private,
		ClientCapabilities: &tfprotov6.PlanResourceChangeClientCapabilities{
			DeferralAllowed: false,
		},
	})
	must(t, err)
	return resp.Diagnostics
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func merged(base, set map[string]any) map[string]any {
	out := make(map[string]any, len(base)+len(set))
	for k, v := range base {
		out[k] = v
	}
	for k, v := range set {
		out[k] = v
	}
	return out
}

func dynamicValue(t *testing.T, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	must(t, err)
	return &dv
}

// objectValue builds a value of an object type from a map; absent attributes are null.
func objectValue(t *testing.T, typ tftypes.Type, m map[string]any) tftypes.Value {
	t.Helper()
	v, err := toValue(typ, m)
	must(t, err)
	return v
}

// toValue converts a Go description of a value (string, int, bool, []any, map[string]any for an
// object or a map, nil or unknown) into a value of typ.
func toValue(typ tftypes.Type, v any) (tftypes.Value, error) {
	switch v := v.(type) {
	case nil:
		return tftypes.NewValue(typ, nil), nil
	case unknownValue:
		return tftypes.NewValue(typ, tftypes.UnknownValue), nil
	case int:
		return tftypes.NewValue(typ, big.NewFloat(float64(v))), nil
	case float64:
		return tftypes.NewValue(typ, big.NewFloat(v)), nil
	case string, bool:
		return tftypes.NewValue(typ, v), nil
	case []any:
		var elem tftypes.Type
		switch c := typ.(type) {
		case tftypes.List:
			elem = c.ElementType
		case tftypes.Set:
			elem = c.ElementType
		default:
			return tftypes.Value{}, fmt.Errorf("a list given for %s", typ)
		}
		elems := make([]tftypes.Value, len(v))
		for i, e := range v {
			var err error
			if elems[i], err = toValue(elem, e); err != nil {
				return tftypes.Value{}, err
			}
		}
		return tftypes.NewValue(typ, elems), nil
	case map[string]any:
		if m, ok := typ.(tftypes.Map); ok {
			elems := make(map[string]tftypes.Value, len(v))
			for k, e := range v {
				var err error
				if elems[k], err = toValue(m.ElementType, e); err != nil {
					return tftypes.Value{}, fmt.Errorf("%s: %w", k, err)
				}
			}
			return tftypes.NewValue(typ, elems), nil
		}
		obj, ok := typ.(tftypes.Object)
		if !ok {
			return tftypes.Value{}, fmt.Errorf("an object given for %s", typ)
		}
		attrs := make(map[string]tftypes.Value, len(obj.AttributeTypes))
		for name, at := range obj.AttributeTypes {
			var err error
			if attrs[name], err = toValue(at, v[name]); err != nil {
				return tftypes.Value{}, fmt.Errorf("%s: %w", name, err)
			}
		}
		for name := range v {
			if _, ok := obj.AttributeTypes[name]; !ok {
				return tftypes.Value{}, fmt.Errorf("no attribute %q", name)
			}
		}
		return tftypes.NewValue(typ, attrs), nil
	}
	return tftypes.Value{}, fmt.Errorf("cannot convert %T", v)
}

// pathString writes an attribute path as "a.b[1].c".
func pathString(p *tftypes.AttributePath) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	for _, s := range p.Steps() {
		switch s := s.(type) {
		case tftypes.AttributeName:
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(string(s))
		case tftypes.ElementKeyInt:
			fmt.Fprintf(&b, "[%d]", int64(s))
		case tftypes.ElementKeyString:
			fmt.Fprintf(&b, "[%q]", string(s))
		case tftypes.ElementKeyValue:
			var str string
			if err := tftypes.Value(s).As(&str); err == nil {
				fmt.Fprintf(&b, "[Value(%q)]", str)
			} else {
				fmt.Fprintf(&b, "[%s]", tftypes.Value(s))
			}
		}
	}
	return b.String()
}

func checkDiags(t *testing.T, got []*tfprotov6.Diagnostic, want []wantDiag) {
	t.Helper()
	show := func() string {
		var lines []string
		for _, d := range got {
			lines = append(lines, fmt.Sprintf("  %s at %q: %q: %q", d.Severity, pathString(d.Attribute), d.Summary, d.Detail))
		}
		return strings.Join(lines, "\n")
	}
	if len(got) != len(want) {
		t.Fatalf("%d diagnostics, want %d:\n%s", len(got), len(want), show())
	}
	for i, w := range want {
		d := got[i]
		sev := tfprotov6.DiagnosticSeverityError
		if w.warning {
			sev = tfprotov6.DiagnosticSeverityWarning
		}
		detailOK := d.Detail == w.detail || w.fragment && strings.Contains(d.Detail, w.detail)
		if d.Severity != sev || d.Summary != w.summary || !detailOK || pathString(d.Attribute) != w.path {
			t.Errorf("diagnostic %d is\n  %s at %q: %q: %q\nwant\n  %s at %q: %q: %q (fragment: %v)",
				i, d.Severity, pathString(d.Attribute), d.Summary, d.Detail, sev, w.path, w.summary, w.detail, w.fragment)
		}
	}
}

// TestPlanTimeRulesInventory fails when a resource, data source, action or the provider gains a
// plan-time rule that the table of TestPlanTimeRules does not exercise: an attribute with
// validators, or an implementation of ValidateConfig, ConfigValidators, ModifyPlan or
// ImportState.
func TestPlanTimeRulesInventory(t *testing.T) {
	ctx := context.Background()
	tables := map[string]ruleTable{}
	for _, tbl := range ruleTables() {
		tables[string(tbl.kind)+" "+tbl.typeName] = tbl
	}
	p := New("test")()
	check := func(kind ruleKind, typeName string, schema any, impl any) {
		typeName = string(kind) + " " + typeName
		tbl, ok := tables[typeName]
		if !ok {
			t.Errorf("%s has no rule table", typeName)
			return
		}
		want := validatedPaths(reflect.ValueOf(schema), "")
		for _, m := range []struct {
			name string
			has  bool
		}{
			{"ValidateConfig", implements[fwresource.ResourceWithValidateConfig](impl) || implements[datasource.DataSourceWithValidateConfig](impl) ||
				implements[action.ActionWithValidateConfig](impl)},
			{"ConfigValidators", implements[fwresource.ResourceWithConfigValidators](impl) || implements[datasource.DataSourceWithConfigValidators](impl) ||
				implements[action.ActionWithConfigValidators](impl)},
			{"ModifyPlan", implements[fwresource.ResourceWithModifyPlan](impl)},
			{"ImportState", implements[fwresource.ResourceWithImportState](impl)},
			{"Configure", implements[fwprovider.Provider](impl)},
		} {
			if m.has {
				want = append(want, m.name)
			}
		}
		covered := map[string]bool{}
		for _, r := range tbl.rules {
			for _, c := range r.cases {
				if len(c.want) > 0 {
					covered[r.on] = true
				}
			}
		}
		for _, w := range want {
			if !covered[w] {
				t.Errorf("%s: the rule on %s has no case that it refuses in TestPlanTimeRules", typeName, w)
			}
		}
		for _, r := range tbl.rules {
			if !slices.Contains(want, r.on) {
				t.Errorf("%s: TestPlanTimeRules has cases for %s, which enforces no rule", typeName, r.on)
			}
		}
	}
	var meta fwprovider.MetadataResponse
	p.Metadata(ctx, fwprovider.MetadataRequest{}, &meta)
	var ps fwprovider.SchemaResponse
	p.Schema(ctx, fwprovider.SchemaRequest{}, &ps)
	check(kindProvider, meta.TypeName, ps.Schema, p)
	for _, f := range p.Resources(ctx) {
		r := f()
		var m fwresource.MetadataResponse
		r.Metadata(ctx, fwresource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s fwresource.SchemaResponse
		r.Schema(ctx, fwresource.SchemaRequest{}, &s)
		check(kindResource, m.TypeName, s.Schema, r)
	}
	for _, f := range p.DataSources(ctx) {
		d := f()
		var m datasource.MetadataResponse
		d.Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s datasource.SchemaResponse
		d.Schema(ctx, datasource.SchemaRequest{}, &s)
		check(kindDataSource, m.TypeName, s.Schema, d)
	}
	for _, f := range p.(fwprovider.ProviderWithActions).Actions(ctx) {
		a := f()
		var m action.MetadataResponse
		a.Metadata(ctx, action.MetadataRequest{ProviderTypeName: meta.TypeName}, &m)
		var s action.SchemaResponse
		a.Schema(ctx, action.SchemaRequest{}, &s)
		check(kindAction, m.TypeName, s.Schema, a)
	}
}

func implements[I any](v any) bool {
	_, ok := v.(I)
	return ok
}

// validatedPaths walks a framework schema by reflection (its attribute and block types differ
// per package and kind but share field names) and returns the paths of the attributes, nested
// objects and blocks that carry validators.
func validatedPaths(v reflect.Value, prefix string) []string {
	for v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	if f := v.FieldByName("Validators"); f.IsValid() && f.Len() > 0 && prefix != "" {
		out = append(out, prefix)
	}
	join := func(name string) string {
		if prefix == "" {
			return name
		}
		return prefix + "." + name
	}
	for _, field := range []string{"Attributes", "Blocks"} {
		f := v.FieldByName(field)
		if !f.IsValid() || f.Kind() != reflect.Map {
			continue
		}
		keys := f.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			out = append(out, validatedPaths(f.MapIndex(k), join(k.String()))...)
		}
	}
	if f := v.FieldByName("NestedObject"); f.IsValid() {
		out = append(out, validatedPaths(f, prefix+"[*]")...)
	}
	return out
}
