package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz/quartztest"
)

func TestSchemas(t *testing.T) {
	h := newHarness(t, Config{})
	src := h.createSource("AD", "active-directory", nil)
	id := src["id"].(string)
	base := "/sources/" + id + "/schemas"
	account := src["schemas"].([]any)[0].(obj)["id"].(string)

	l := h.do("GET", base, nil).expect(http.StatusOK).list()
	if len(l) != 1 || l[0]["name"] != "account" || l[0]["nativeObjectType"] != "User" || l[0]["includePermissions"] != false {
		t.Fatalf("default schemas %v", l)
	}

	// isGroup needs isEntitlement and a group schema.
	memberOf := obj{"name": "memberOf", "type": "STRING", "isMulti": true, "isEntitlement": true, "isGroup": true}
	h.patch(base+"/"+account, []obj{{"op": "add", "path": "/attributes/-", "value": memberOf}}).expectError(http.StatusBadRequest, "group schema")
	group := h.do("POST", base, obj{"name": "group", "nativeObjectType": "group", "identityAttribute": "dn",
		"attributes": []obj{{"name": "dn"}}}).expect(http.StatusCreated).obj()
	if !hex32.MatchString(group["id"].(string)) || group["attributes"].([]any)[0].(obj)["type"] != "STRING" || group["hierarchyAttribute"] != nil {
		t.Fatalf("created schema %v", group)
	}
	h.do("POST", base, obj{"name": "Group"}).expectError(http.StatusBadRequest, "already has a schema")
	h.do("POST", base, obj{"nativeObjectType": "x"}).expectError(http.StatusBadRequest, "'name'")

	noEnt := obj{"name": "memberOf", "isEntitlement": false, "isGroup": true}
	h.patch(base+"/"+account, []obj{{"op": "add", "path": "/attributes/-", "value": noEnt}}).expectError(http.StatusBadRequest, "isEntitlement")
	memberOf["schema"] = obj{"id": group["id"]}
	got := h.patch(base+"/"+account, []obj{{"op": "add", "path": "/attributes/-", "value": memberOf}}).expect(http.StatusOK).obj()
	attr := got["attributes"].([]any)[0].(obj)
	if attr["schema"].(obj)["name"] != "group" || attr["schema"].(obj)["type"] != "CONNECTOR_SCHEMA" || attr["isMulti"] != true {
		t.Fatalf("group attribute %v", attr)
	}
	h.patch(base+"/"+account, []obj{{"op": "replace", "path": "/attributes/0/type", "value": "FLOAT"}}).expectError(http.StatusBadRequest, "STRING")
	for _, f := range []string{"id", "name", "created", "modified"} {
		h.patch(base+"/"+account, []obj{{"op": "replace", "path": "/" + f, "value": "x"}}).expectError(http.StatusBadRequest, "'"+f+"'")
	}

	// The source lists its schemas; include-types and include-names filter them.
	if refs := h.do("GET", "/sources/"+id, nil).obj()["schemas"].([]any); len(refs) != 2 || refs[1].(obj)["name"] != "group" {
		t.Fatalf("source schemas %v", refs)
	}
	if l := h.do("GET", base+"?include-types=group&include-names=account", nil).list(); len(l) != 1 || l[0]["name"] != "group" {
		t.Fatalf("group schemas %v", l)
	}
	if l := h.do("GET", base+"?include-types=user&include-names=account", nil).list(); len(l) != 1 || l[0]["name"] != "account" {
		t.Fatalf("named schemas %v", l)
	}
	h.offContract().do("GET", base+"?include-types=role", nil).expectError(http.StatusBadRequest, "include-types")

	// PUT replaces, but id must be sent and id, name, created and modified must not change.
	h.clock.Advance(time.Minute)
	put := h.do("PUT", base+"/"+group["id"].(string), obj{"id": group["id"], "name": "group", "nativeObjectType": "group",
		"identityAttribute": "cn", "created": group["created"]}).expect(http.StatusOK).obj()
	if put["identityAttribute"] != "cn" || len(put["attributes"].([]any)) != 0 || put["modified"] == group["modified"] {
		t.Fatalf("put schema %v", put)
	}
	h.do("PUT", base+"/"+group["id"].(string), obj{"name": "group"}).expectError(http.StatusBadRequest, "'id'")
	h.do("PUT", base+"/"+group["id"].(string), obj{"id": group["id"], "name": "groups"}).expectError(http.StatusBadRequest, "'name'", "immutable")
	h.do("PUT", base+"/"+group["id"].(string), obj{"id": "other"}).expectError(http.StatusBadRequest, "'id'", "immutable")

	h.do("DELETE", base+"/"+group["id"].(string), nil).expect(http.StatusNoContent)
	h.do("GET", base+"/"+group["id"].(string), nil).expect(http.StatusNotFound)
	if refs := h.do("GET", "/sources/"+id, nil).obj()["schemas"].([]any); len(refs) != 1 {
		t.Fatalf("source schemas after delete %v", refs)
	}
	h.do("GET", "/sources/ffffffffffffffffffffffffffffffff/schemas", nil).expect(http.StatusNotFound)
}

func TestSchedules(t *testing.T) {
	h := newHarness(t, Config{})
	id := h.createSource("JDBC", "jdbc", nil)["id"].(string)
	base := "/sources/" + id + "/schedules"

	if l := h.do("GET", base, nil).expect(http.StatusOK).list(); len(l) != 0 {
		t.Fatalf("schedules %v", l)
	}
	got := h.do("POST", base, obj{"type": "ACCOUNT_AGGREGATION", "cronExpression": "0 0 5,13,21 * * ?"}).expect(http.StatusCreated).obj()
	if got["type"] != "ACCOUNT_AGGREGATION" || got["cronExpression"] != "0 0 5,13,21 * * ?" {
		t.Fatalf("schedule %v", got)
	}
	h.do("POST", base, obj{"type": "ACCOUNT_AGGREGATION", "cronExpression": "0 0 1 * * ?"}).expectError(http.StatusBadRequest, "already has")
	h.offContract().do("POST", base, obj{"type": "ROLE_AGGREGATION", "cronExpression": "0 0 1 * * ?"}).expectError(http.StatusBadRequest, "'type'")
	h.offContract().do("POST", base, obj{"type": "GROUP_AGGREGATION"}).expectError(http.StatusBadRequest, "'cronExpression'")
	h.do("POST", base, obj{"type": "GROUP_AGGREGATION", "cronExpression": "* * *"}).expectError(http.StatusBadRequest, "'cronExpression'")
	h.do("POST", base, obj{"type": "GROUP_AGGREGATION", "cronExpression": "0 0 12 1/1 * ? *"}).expect(http.StatusCreated)

	got = h.patch(base+"/ACCOUNT_AGGREGATION", []obj{{"op": "replace", "path": "/cronExpression", "value": "0 0 6 * * ?"}}).expect(http.StatusOK).obj()
	if got["cronExpression"] != "0 0 6 * * ?" {
		t.Fatalf("patched %v", got)
	}
	h.patch(base+"/ACCOUNT_AGGREGATION", []obj{{"op": "replace", "path": "/type", "value": "GROUP_AGGREGATION"}}).expectError(http.StatusBadRequest, "'type'", "immutable")
	h.patch(base+"/ACCOUNT_AGGREGATION", []obj{{"op": "remove", "path": "/cronExpression"}}).expectError(http.StatusBadRequest, "'cronExpression'")
	if g := h.do("GET", base+"/ACCOUNT_AGGREGATION", nil).expect(http.StatusOK).obj(); g["cronExpression"] != "0 0 6 * * ?" {
		t.Fatalf("get %v", g)
	}
	h.offContract().do("GET", base+"/NOPE", nil).expectError(http.StatusBadRequest, "scheduleType")
	h.do("DELETE", base+"/GROUP_AGGREGATION", nil).expect(http.StatusNoContent)
	h.do("GET", base+"/GROUP_AGGREGATION", nil).expect(http.StatusNotFound)
	h.do("DELETE", base+"/GROUP_AGGREGATION", nil).expect(http.StatusNotFound)
	if l := h.do("GET", base, nil).list(); len(l) != 1 {
		t.Fatalf("schedules left %v", l)
	}
}

// The emulator accepts and refuses cron expressions like ISC, which runs Quartz: every case of
// the table the provider's plan-time check is tested with, on create and on patch.
func TestScheduleCronIsQuartz(t *testing.T) {
	h := newHarness(t, Config{})
	base := "/sources/" + h.createSource("JDBC", "jdbc", nil)["id"].(string) + "/schedules"
	const kept = "0 0 5,13,21 * * ?"
	h.do("POST", base, obj{"type": "ACCOUNT_AGGREGATION", "cronExpression": kept}).expect(http.StatusCreated)
	for _, expr := range quartztest.Accepted {
		got := h.do("POST", base, obj{"type": "GROUP_AGGREGATION", "cronExpression": expr}).expect(http.StatusCreated).obj()
		if got["cronExpression"] != expr {
			t.Errorf("created %q: cronExpression %v", expr, got["cronExpression"])
		}
		h.do("DELETE", base+"/GROUP_AGGREGATION", nil).expect(http.StatusNoContent)
		h.patch(base+"/ACCOUNT_AGGREGATION", []obj{{"op": "replace", "path": "/cronExpression", "value": expr}}).expect(http.StatusOK)
	}
	h.patch(base+"/ACCOUNT_AGGREGATION", []obj{{"op": "replace", "path": "/cronExpression", "value": kept}}).expect(http.StatusOK)
	for _, tc := range quartztest.Rejected {
		want := tc.Want
		if tc.Expr == "" {
			want = "is required" // an empty string is a missing required field first
		}
		for _, r := range []response{
			h.do("POST", base, obj{"type": "GROUP_AGGREGATION", "cronExpression": tc.Expr}),
			h.patch(base+"/ACCOUNT_AGGREGATION", []obj{{"op": "replace", "path": "/cronExpression", "value": tc.Expr}}),
		} {
			if r.status != http.StatusBadRequest {
				t.Errorf("%q: status %d, want 400: %s", tc.Expr, r.status, r.body)
				continue
			}
			if m := r.obj(); m["detailCode"] != "400.1 Bad Request Content" {
				t.Errorf("%q: not ISC's error body: %s", tc.Expr, r.body)
			}
			if text := r.errorText(); !strings.Contains(text, "'cronExpression'") || !strings.Contains(text, want) {
				t.Errorf("%q: error %q does not name the field and say %q", tc.Expr, text, want)
			}
		}
	}
	if l := h.do("GET", base, nil).list(); len(l) != 1 || l[0]["cronExpression"] != kept {
		t.Fatalf("schedules after the refused expressions: %v", l)
	}
}

func TestProvisioningPolicies(t *testing.T) {
	h := newHarness(t, Config{})
	ad := h.createSource("AD", "active-directory", nil)["id"].(string)
	jdbc := h.createSource("JDBC", "jdbc", nil)["id"].(string)

	def := h.do("GET", "/sources/"+ad+"/provisioning-policies", nil).expect(http.StatusOK).list()
	if len(def) != 1 || def[0]["usageType"] != "CREATE" || len(def[0]["fields"].([]any)) == 0 {
		t.Fatalf("AD default policies %v", def)
	}
	if l := h.do("GET", "/sources/"+jdbc+"/provisioning-policies", nil).list(); len(l) != 0 {
		t.Fatalf("JDBC policies %v", l)
	}

	base := "/sources/" + jdbc + "/provisioning-policies"
	// isRequired is readOnly, so sending it is off the contract; the emulator ignores it.
	got := h.offContract().do("POST", base, obj{"name": "Account", "usageType": "CREATE", "fields": []obj{
		{"name": "userName", "transform": obj{"type": "identityAttribute", "attributes": obj{"name": "uid"}},
			"attributes": obj{"cloudRequired": "true"}, "isRequired": false, "type": "string"},
		{"name": "note", "isRequired": true},
	}}).expect(http.StatusCreated).obj()
	fields := got["fields"].([]any)
	if fields[0].(obj)["isRequired"] != true || fields[1].(obj)["isRequired"] != false {
		t.Fatalf("isRequired not computed: %v", fields)
	}
	if tr, ok := fields[1].(obj)["transform"].(obj); !ok || len(tr) != 0 || fields[1].(obj)["isMultiValued"] != false {
		t.Fatalf("defaults %v", fields[1])
	}
	h.do("POST", base, obj{"name": "Again", "usageType": "CREATE"}).expectError(http.StatusBadRequest, "already has")
	h.offContract().do("POST", base, obj{"name": "x", "usageType": "CREATE_ACCOUNT"}).expectError(http.StatusBadRequest, "'usageType'")
	h.offContract().do("POST", base, obj{"usageType": "UPDATE"}).expectError(http.StatusBadRequest, "'name'")
	h.offContract().do("POST", base, obj{"name": "x", "usageType": "UPDATE", "fields": []obj{{"name": "a", "type": "float"}}}).expectError(http.StatusBadRequest, "'fields[0].type'")
	h.do("POST", base, obj{"name": nil, "usageType": "ENABLE"}).expect(http.StatusCreated)

	// Patches of isRequired are ignored; the value stays computed.
	got = h.patch(base+"/CREATE", []obj{
		{"op": "replace", "path": "/fields/0/isRequired", "value": false},
		{"op": "replace", "path": "/description", "value": "d"},
		{"op": "add", "path": "/fields/-", "value": obj{"name": "mail", "attributes": obj{"cloudRequired": true}}},
	}).expect(http.StatusOK).obj()
	fields = got["fields"].([]any)
	if got["description"] != "d" || fields[0].(obj)["isRequired"] != true || fields[2].(obj)["isRequired"] != true {
		t.Fatalf("patched policy %v", got)
	}
	h.patch(base+"/CREATE", []obj{{"op": "replace", "path": "/usageType", "value": "UPDATE"}}).expectError(http.StatusBadRequest, "usageType")
	h.patch(base+"/CREATE", []obj{{"op": "remove", "path": "/fields/9"}}).expectError(http.StatusBadRequest, "could not be applied")

	put := h.do("PUT", base+"/CREATE", obj{"name": "Replaced", "fields": []obj{{"name": "only"}}}).expect(http.StatusOK).obj()
	if put["name"] != "Replaced" || put["usageType"] != "CREATE" || len(put["fields"].([]any)) != 1 || put["description"] != "" {
		t.Fatalf("put policy %v", put)
	}
	h.do("PUT", base+"/CREATE", obj{"name": "x", "usageType": "UPDATE"}).expectError(http.StatusBadRequest, "usageType")
	h.do("PUT", base+"/UPDATE", obj{"name": "x"}).expect(http.StatusNotFound)
	h.offContract().do("GET", base+"/NOT_A_TYPE", nil).expectError(http.StatusBadRequest, "usageType")
	h.do("DELETE", base+"/CREATE", nil).expect(http.StatusNoContent)
	h.do("GET", base+"/CREATE", nil).expect(http.StatusNotFound)
}

func TestCSVSourceGetsCreatePolicy(t *testing.T) {
	h := newHarness(t, Config{})
	id := h.send("POST", "/sources?provisionAsCsv=true", "application/json",
		obj{"name": "CSV", "connector": "delimited-file", "owner": obj{"id": AdminIdentityID}}).expect(http.StatusCreated).obj()["id"].(string)
	h.do("GET", "/sources/"+id+"/provisioning-policies/CREATE", nil).expect(http.StatusOK)
}

func TestChildrenGoWithTheirSource(t *testing.T) {
	h := newHarness(t, Config{DeleteDelay: time.Second})
	id := h.createSource("AD", "active-directory", nil)["id"].(string)
	h.do("POST", "/sources/"+id+"/schedules", obj{"type": "ACCOUNT_AGGREGATION", "cronExpression": "0 0 1 * * ?"}).expect(http.StatusCreated)
	schema := h.do("POST", "/sources/"+id+"/schemas", obj{"name": "group"}).expect(http.StatusCreated).obj()["id"].(string)
	h.do("DELETE", "/sources/"+id, nil).expect(http.StatusAccepted)
	// Readable until the delete completes...
	h.do("GET", "/sources/"+id+"/schedules/ACCOUNT_AGGREGATION", nil).expect(http.StatusOK)
	h.clock.Advance(time.Second)
	// ...then gone with everything under it.
	for _, p := range []string{"/schemas", "/schemas/" + schema, "/schedules", "/schedules/ACCOUNT_AGGREGATION",
		"/provisioning-policies", "/provisioning-policies/CREATE", "/password-policies"} {
		r := h.do("GET", "/sources/"+id+p, nil).expect(http.StatusNotFound)
		if !strings.Contains(r.errorText(), id) {
			t.Errorf("%s: 404 does not name the source: %s", p, r.body)
		}
	}
	h.do("POST", "/sources/"+id+"/schemas", obj{"name": "x"}).expect(http.StatusNotFound)
}
