package emulator

import (
	"net/http"
	"strings"
	"testing"
)

func TestIdentityPreview(t *testing.T) {
	h := newHarness(t, Config{})
	h.createSource("HR", "delimited-file", nil)
	h.do("POST", "/transforms", obj{"name": "Work Email", "type": "lower",
		"attributes": obj{"input": obj{"type": "accountAttribute", "attributes": obj{"sourceName": "HR", "attributeName": "mail"}}}}).
		expect(http.StatusCreated)
	h.do("POST", "/transforms", obj{"name": "Loop", "type": "reference", "attributes": obj{"id": "Loop"}}).expect(http.StatusCreated)
	h.do("POST", "/transforms", obj{"name": "Random", "type": "uuid", "attributes": obj{}}).expect(http.StatusCreated)

	// Identity 1 is Aaron Andersen, aaron.andersen@example.com, identification number E00001.
	id := FixtureIdentityID(1)
	account := func(attr string) obj {
		return obj{"type": "accountAttribute", "attributes": obj{"sourceName": "HR", "attributeName": attr}}
	}
	str := func(s string) *string { return &s }
	cases := []struct {
		name  string
		typ   string
		attrs obj
		want  *string // nil: no value
		err   string  // an error message of the attribute instead of a value
	}{
		{"account attribute", "accountAttribute", obj{"sourceName": "hr", "attributeName": "givenName"}, str("Aaron"), ""},
		{"account attribute of no source", "accountAttribute", obj{"sourceName": "AD", "attributeName": "mail"}, nil, "no source is named 'AD'"},
		{"identity attribute", "identityAttribute", obj{"name": "department"}, str("Finance"), ""},
		{"static with variables", "static", obj{"value": "$first-${n}", "first": account("givenName"), "n": "7"}, str("Aaron-7"), ""},
		{"upper", "upper", obj{"input": account("sn")}, str("ANDERSEN"), ""},
		{"trim", "trim", obj{"input": "  x  "}, str("x"), ""},
		{"concat", "concat", obj{"values": []any{account("givenName"), ".", account("sn"), nil}}, str("Aaron.Andersen"), ""},
		{"first valid", "firstValid", obj{"values": []any{account("nosuch"), account("mail")}}, str("aaron.andersen@example.com"), ""},
		{"first valid ignoring errors", "firstValid", obj{"values": []any{obj{"type": "accountAttribute", "attributes": obj{}}, "z"}, "ignoreErrors": true}, str("z"), ""},
		{"first valid stopped by an error", "firstValid", obj{"values": []any{obj{"type": "accountAttribute", "attributes": obj{}}, "z"}}, nil, "'sourceName' and 'attributeName' are required"},
		{"conditional true", "conditional", obj{"expression": "$d eq Finance", "d": obj{"type": "identityAttribute", "attributes": obj{"name": "department"}},
			"positiveCondition": "money", "negativeCondition": "other"}, str("money"), ""},
		{"conditional false", "conditional", obj{"expression": "$d eq Sales", "d": "Finance", "positiveCondition": "yes", "negativeCondition": "no $d"}, str("no Finance"), ""},
		{"substring", "substring", obj{"input": "Andersen", "begin": 0, "end": 3}, str("And"), ""},
		{"substring with offsets", "substring", obj{"input": "Andersen", "begin": "-1", "beginOffset": 2, "endOffset": -1}, str("derse"), ""},
		{"substring out of range", "substring", obj{"input": "abc", "begin": 2, "end": 9}, nil, "outside"},
		{"replace", "replace", obj{"input": "a-b-c", "regex": "-", "replacement": "."}, str("a.b.c"), ""},
		{"split", "split", obj{"input": "a,b,c", "delimiter": ",", "index": 1}, str("b"), ""},
		{"split beyond", "split", obj{"input": "a", "delimiter": ",", "index": 3}, nil, ""},
		{"split beyond throws", "split", obj{"input": "a", "delimiter": ",", "index": 3, "throws": true}, nil, "has no part 3"},
		{"left pad", "leftPad", obj{"input": "42", "length": "5", "padding": "0"}, str("00042"), ""},
		{"right pad", "rightPad", obj{"input": "ab", "length": 4}, str("ab  "), ""},
		{"pad shorter", "leftPad", obj{"input": "abcdef", "length": 3}, str("abcdef"), ""},
		{"date format", "dateFormat", obj{"input": "2024-03-05T10:20:30Z", "outputFormat": "dd.MM.yyyy 'at' HH:mm"}, str("05.03.2024 at 10:20"), ""},
		{"date from people soft to epoch", "dateFormat", obj{"input": "03/05/2024", "inputFormat": "PEOPLE_SOFT", "outputFormat": "EPOCH_TIME_JAVA"}, str("1709596800000"), ""},
		{"date that does not parse", "dateFormat", obj{"input": "tomorrow"}, nil, "dateFormat"},
		{"reference", "reference", obj{"id": "work email"}, str("aaron.andersen@example.com"), ""},
		{"reference to nothing", "reference", obj{"id": "Nope"}, nil, "no transform is named 'Nope'"},
		{"reference cycle", "reference", obj{"id": "Loop"}, nil, "more than 20 levels"},
	}
	transforms := make([]obj, len(cases))
	for i, c := range cases {
		transforms[i] = obj{"identityAttributeName": c.name, "transformDefinition": obj{"type": c.typ, "attributes": c.attrs}}
	}
	resp := h.do("POST", "/identity-profiles/identity-preview", obj{"identityId": id,
		"identityAttributeConfig": obj{"enabled": true, "attributeTransforms": transforms}}).expect(http.StatusOK).obj()
	if who := resp["identity"].(obj); who["id"] != id || who["name"] != "Aaron Andersen" || who["type"] != "IDENTITY" {
		t.Errorf("identity %v", who)
	}
	got := map[string]obj{}
	for _, a := range resp["previewAttributes"].([]any) {
		got[a.(obj)["name"].(string)] = a.(obj)
	}
	for _, c := range cases {
		a := got[c.name]
		msgs := a["errorMessages"].([]any)
		switch {
		case c.err != "":
			if len(msgs) != 1 || !strings.Contains(msgs[0].(obj)["text"].(string), c.err) || a["value"] != nil {
				t.Errorf("%s: %v, want the error %q", c.name, a, c.err)
			}
		case len(msgs) != 0:
			t.Errorf("%s: errors %v", c.name, msgs)
		case c.want == nil && a["value"] != nil, c.want != nil && a["value"] != *c.want:
			t.Errorf("%s: value %v, want %v", c.name, a["value"], deref(c.want))
		}
	}
	// Attributes the configuration does not map keep their values.
	if email := got["email"]; email["value"] != "aaron.andersen@example.com" || email["previousValue"] != email["value"] {
		t.Errorf("unmapped email: %v", email)
	}

	for _, tc := range []struct {
		body obj
		want string
	}{
		{obj{"identityId": "nope", "identityAttributeConfig": obj{}}, "no identity has the id 'nope'"},
		{obj{"identityId": id}, "'identityAttributeConfig' is required"},
		{obj{"identityId": id, "identityAttributeConfig": obj{"attributeTransforms": []obj{
			{"identityAttributeName": "x", "transformDefinition": obj{"type": "uuid", "attributes": obj{}}}}}}, "cannot preview transform type 'uuid'"},
		{obj{"identityId": id, "identityAttributeConfig": obj{"attributeTransforms": []obj{
			{"identityAttributeName": "x", "transformDefinition": obj{"type": "lower", "attributes": obj{"input": obj{"type": "reference", "attributes": obj{"id": "Random"}}}}}}}}, "'uuid'"},
	} {
		h.do("POST", "/identity-profiles/identity-preview", tc.body).expectError(http.StatusBadRequest, tc.want)
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
