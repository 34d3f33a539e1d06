package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestTransforms(t *testing.T) {
	h := newHarness(t, Config{})
	tr := h.do("POST", "/transforms", obj{"name": "Lower Email", "type": "lower",
		"attributes": obj{"input": obj{"type": "accountAttribute", "attributes": obj{"attributeName": "mail", "sourceName": "HR"}}}}).
		expect(http.StatusCreated).obj()
	id := tr["id"].(string)
	if !hex32.MatchString(id) || tr["internal"] != false || tr["type"] != "lower" {
		t.Fatalf("created transform %v", tr)
	}
	h.do("POST", "/transforms", obj{"name": "Nothing", "type": "uuid", "attributes": nil}).expect(http.StatusCreated)

	for body, want := range map[string]string{
		`{"type":"lower","attributes":{}}`:                            "'name'",
		`{"name":" ","type":"lower","attributes":{}}`:                 "'name'",
		`{"name":"` + strings.Repeat("x", 51) + `","type":"lower"}`:   "at most 50",
		`{"name":"X","attributes":{}}`:                                "'type'",
		`{"name":"X","type":"join","attributes":{}}`:                  "must be one of",
		`{"name":"lower email","type":"lower","attributes":{}}`:       "already exists",
		`{"name":"X","type":"lower","attributes":{},"internal":true}`: "internal",
		`{"name":"X","type":"lower","attributes":[]}`:                 "'attributes'",
	} {
		h.offContract().do("POST", "/transforms", body).expectError(http.StatusBadRequest, want)
	}

	// Lists: filters on name and internal, the name parameter, paging.
	if got := h.do("GET", "/transforms?filters="+urlEscape(`name sw "lower"`), nil).list(); len(got) != 1 || got[0]["id"] != id {
		t.Fatalf("name sw: %v", got)
	}
	if got := h.do("GET", "/transforms?name=LOWER%20EMAIL", nil).list(); len(got) != 1 || got[0]["id"] != id {
		t.Fatalf("name parameter: %v", got)
	}
	if got := h.do("GET", "/transforms?filters="+urlEscape("internal eq false")+"&limit=1&count=true", nil); len(got.list()) != 1 || got.header.Get("X-Total-Count") != "2" {
		t.Fatalf("internal eq false, one page: %v %v", got.list(), got.header)
	}
	h.do("GET", "/transforms?sorters=name", nil).expect(http.StatusOK) // no sorters: ignored

	// PUT: only attributes change; name and type may be sent unchanged.
	put := h.do("PUT", "/transforms/"+id, obj{"name": "Lower Email", "type": "lower", "attributes": obj{"input": "x"}}).expect(http.StatusOK).obj()
	if put["attributes"].(obj)["input"] != "x" || put["id"] != id {
		t.Fatalf("after PUT: %v", put)
	}
	h.do("PUT", "/transforms/"+id, obj{"name": "Renamed", "type": "lower", "attributes": obj{}}).expectError(http.StatusBadRequest, "'name'")
	h.do("PUT", "/transforms/"+id, obj{"name": "Lower Email", "type": "upper", "attributes": obj{}}).expectError(http.StatusBadRequest, "'type'")
	h.do("PUT", "/transforms/nope", obj{"name": "X", "type": "lower", "attributes": obj{}}).expectError(http.StatusNotFound, "nope")

	// A transform an identity profile maps as a saved transform cannot be deleted.
	hr := h.createSource("HR", "delimited-file", nil)["id"].(string)
	p := h.do("POST", "/identity-profiles", obj{"name": "Employees", "authoritativeSource": obj{"id": hr},
		"identityAttributeConfig": obj{"enabled": true, "attributeTransforms": []obj{
			{"identityAttributeName": "email", "transformDefinition": obj{"type": "reference", "attributes": obj{"id": "Lower Email"}}},
		}}}).expect(http.StatusCreated).obj()
	h.do("DELETE", "/transforms/"+id, nil).expectError(http.StatusBadRequest, "identity profile 'Employees'")
	h.patch("/identity-profiles/"+p["id"].(string), `[{"op":"replace","path":"/identityAttributeConfig/attributeTransforms","value":[]}]`).expect(http.StatusOK)
	h.do("DELETE", "/transforms/"+id, nil).expect(http.StatusNoContent)
	h.do("GET", "/transforms/"+id, nil).expectError(http.StatusNotFound, "Transform with id")
	h.do("DELETE", "/transforms/"+id, nil).expect(http.StatusNotFound)
}
