package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// Object ids of the shipped snapshot that the fuzzed routes address.
const (
	fuzzSourceID  = "2c918033103baee0aa18e9b703c43744" // Corporate AD, with every kind of child
	fuzzSchemaID  = "2c9180ecf8c42d04eafdf067071c689d" // its group schema
	fuzzProfileID = "2c918012f4e1485ffbc284fdca14d2aa" // Employees
)

// fuzzRoute is an operation fed random input, with the Content-Type its body should have.
type fuzzRoute struct {
	method, path, contentType string
}

// fuzzRoutes are the write operations and the list operations of the emulator, on objects of
// the snapshot. An input picks one by index, modulo the length.
var fuzzRoutes = []fuzzRoute{
	{"POST", "/sources", "application/json"},
	{"PUT", "/sources/" + fuzzSourceID, "application/json"},
	{"PATCH", "/sources/" + fuzzSourceID, jsonPatchMediaType},
	{"PATCH", "/sources/" + fuzzSourceID + "/password-policies", "application/json"},
	{"POST", "/sources/" + fuzzSourceID + "/schemas", "application/json"},
	{"PUT", "/sources/" + fuzzSourceID + "/schemas/" + fuzzSchemaID, "application/json"},
	{"PATCH", "/sources/" + fuzzSourceID + "/schemas/" + fuzzSchemaID, jsonPatchMediaType},
	{"POST", "/sources/" + fuzzSourceID + "/schedules", "application/json"},
	{"PATCH", "/sources/" + fuzzSourceID + "/schedules/ACCOUNT_AGGREGATION", jsonPatchMediaType},
	{"POST", "/sources/" + fuzzSourceID + "/provisioning-policies", "application/json"},
	{"PUT", "/sources/" + fuzzSourceID + "/provisioning-policies/CREATE", "application/json"},
	{"PATCH", "/sources/" + fuzzSourceID + "/provisioning-policies/CREATE", jsonPatchMediaType},
	{"POST", "/identity-profiles", "application/json"},
	{"PATCH", "/identity-profiles/" + fuzzProfileID, jsonPatchMediaType},
	{"GET", "/sources", ""},
	{"GET", "/identity-profiles", ""},
	{"GET", "/identities", ""},
	{"GET", "/sources/" + fuzzSourceID + "/schemas", ""},
	{"GET", "/sources/" + fuzzSourceID + "/schedules", ""},
	{"GET", "/sources/" + fuzzSourceID + "/provisioning-policies", ""},
	{"GET", "/sources/" + fuzzSourceID + "/password-policies", ""},
}

// fuzzContentTypes are wrong or unusual Content-Types an input may send instead of the right one.
var fuzzContentTypes = []string{"", "text/plain", "application/json", jsonPatchMediaType, "application/json-patch+json; charset=utf-8"}

// fuzzEmulator is an emulator holding the shipped snapshot, with a token, that each input
// resets to the snapshot.
type fuzzEmulator struct {
	srv   *Server
	token string
}

func newFuzzEmulator(f *testing.F) *fuzzEmulator {
	srv := New(Config{Snapshot: readShippedSnapshot(f), DeleteDelay: -1, Now: newFakeClock().Now})
	return &fuzzEmulator{srv: srv, token: issueToken(f, srv)}
}

// issueToken gets a token from the server's token endpoint without a network.
func issueToken(tb testing.TB, srv *Server) string {
	tb.Helper()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("POST", "/oauth/token?"+url.Values{
		"grant_type": {"client_credentials"}, "client_id": {DefaultClientID}, "client_secret": {DefaultClientSecret},
	}.Encode(), nil))
	var tok struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &tok); err != nil || tok.AccessToken == "" {
		tb.Fatalf("token: %d %s", rec.Code, rec.Body)
	}
	return tok.AccessToken
}

// do sends one request and checks what any answer must be: no 5xx, and a 4xx that carries ISC's
// error body with a message.
func (e *fuzzEmulator) do(t *testing.T, method, path, query, contentType, body string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(method, apiPath(path), strings.NewReader(body))
	req.URL.RawQuery = query // as received: a random query need not be a valid request target
	req.Header.Set("Authorization", "Bearer "+e.token)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	checkAnswer(t, method+" "+path+"?"+query, rec)
	return rec
}

func checkAnswer(t *testing.T, what string, rec *httptest.ResponseRecorder) {
	t.Helper()
	switch {
	case rec.Code >= 500:
		t.Fatalf("%s: status %d: %s", what, rec.Code, rec.Body)
	case rec.Code == http.StatusUnauthorized:
		var body struct {
			Error string `json:"error"`
		}
		if json.Unmarshal(rec.Body.Bytes(), &body) != nil || body.Error == "" {
			t.Fatalf("%s: 401 without {error}: %s", what, rec.Body)
		}
	case rec.Code >= 400:
		var body errorResponse
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.DetailCode == "" ||
			len(body.Messages) == 0 || strings.TrimSpace(body.Messages[0].Text) == "" {
			t.Fatalf("%s: %d without an ErrorResponseDto message: %s", what, rec.Code, rec.Body)
		}
	case rec.Body.Len() > 0 && !json.Valid(rec.Body.Bytes()):
		t.Fatalf("%s: %d with a body that is not JSON: %s", what, rec.Code, rec.Body)
	}
}

// fuzzRequest sends a request with random query and body to a route picked by the input, after
// resetting the emulator to the snapshot, then reads every collection back: whatever a write
// accepted must still be readable.
func (e *fuzzEmulator) fuzzRequest(t *testing.T, r fuzzRoute, ct, query, body string) {
	e.srv.Reset()
	rec := e.do(t, r.method, r.path, query, ct, body)
	if r.method == "GET" || rec.Code >= 300 {
		return
	}
	for _, l := range fuzzRoutes {
		if l.method == "GET" {
			if got := e.do(t, "GET", l.path, "", "", ""); got.Code != http.StatusOK {
				t.Fatalf("after %s %s answered %d: GET %s answers %d: %s", r.method, r.path, rec.Code, l.path, got.Code, got.Body)
			}
		}
	}
}

// FuzzRequests sends random bodies and query strings to the write and list operations.
func FuzzRequests(f *testing.F) {
	seeds := []struct {
		route       uint8
		query, body string
	}{
		{0, "", `{"name":"Fuzz","connector":"delimited-file","owner":{"type":"IDENTITY","id":"2c9180eb66c623572f8a2a5167ce017d"}}`},
		{0, "provisionAsCsv=true", `{"name":"Fuzz CSV","connector":"delimited-file","owner":{"type":"IDENTITY","id":"2c9180eb66c623572f8a2a5167ce017d"},"deleteThreshold":101}`},
		{0, "provisionAsCsv=maybe", `{"name":"Fuzz","connector":"x","owner":null,"cluster":{"id":""}}`},
		{0, "", `{"name":["Fuzz"]}`},
		{1, "", `{"name":"Corporate AD","connector":"active-directory","owner":{"type":"IDENTITY","id":"2c9180eb66c623572f8a2a5167ce017d"},"connectorAttributes":[1]}`},
		{2, "", `[{"op":"replace","path":"/description","value":"x"}]`},
		{2, "", `[{"op":"add","path":"/connectorAttributes/domainSettings/0/port","value":{}}]`},
		{2, "", `{"op":"replace"}`},
		{3, "", `[{"policyId":"2c9180855d191c59015d291ceb057777"}]`},
		{3, "", `[{"policyId":"2c9180855d191c59015d291ceb057777","selectors":{"identityAttr":[{"name":"x","value":null}]}}]`},
		{4, "", `{"name":"role","nativeObjectType":"role","identityAttribute":"id","attributes":[{"name":"id","type":"STRING"},{"name":"m","isGroup":true,"schema":{"id":"nope"}}]}`},
		{5, "", `{"id":"2c9180ecf8c42d04eafdf067071c689d","name":"group","attributes":[{"name":"cn","type":"FLOAT"}]}`},
		{6, "", `[{"op":"add","path":"/attributes/-","value":{"name":"x","isGroup":true,"isEntitlement":true}}]`},
		{6, "", `[{"op":"move","from":"/attributes/0","path":"/attributes/9"}]`},
		{7, "", `{"type":"GROUP_AGGREGATION","cronExpression":"0 0 5 * * ?"}`},
		{7, "", `{"type":"ACCOUNT_AGGREGATION","cronExpression":7}`},
		{8, "", `[{"op":"replace","path":"/cronExpression","value":"0 0 5,13 * * ?"}]`},
		{8, "", `[{"op":"replace","path":"/type","value":"GROUP_AGGREGATION"}]`},
		{9, "", `{"name":"Update","usageType":"UPDATE","fields":[{"name":"mail","transform":{"type":"static"},"attributes":null}]}`},
		{9, "", `{"name":null,"usageType":"FLY"}`},
		{10, "", `{"name":"Account","usageType":"CREATE","fields":[{"name":"a"},{"name":"a"}]}`},
		{11, "", `[{"op":"remove","path":"/fields/0"},{"op":"test","path":"/usageType","value":"CREATE"}]`},
		{12, "", `{"name":"Fuzz","authoritativeSource":{"type":"SOURCE","id":"2c91804846686b7b4d87be21e98279be"}}`},
		{12, "", `{"name":"Fuzz","authoritativeSource":{"id":"2c91809b4e462c47eed7744f1cf2c46a"},"identityAttributeConfig":{"attributeTransforms":[{}]}}`},
		{13, "", `[{"op":"replace","path":"/priority","value":"high"}]`},
		{13, "", `[{"op":"replace","path":"/authoritativeSource/id","value":"2c91804846686b7b4d87be21e98279be"},{"op":"add","path":"/identityAttributeConfig/enabled","value":false}]`},
		{14, "filters=name sw \"Corp\"&sorters=-name&limit=2&offset=1&count=true", ""},
		{16, "filters=id in (\"a\",&limit=-1", ""},
		{17, "include-types=group&include-names=,", ""},
		{20, "limit=250&offset=99999999999999999999", ""},
	}
	for _, s := range seeds {
		f.Add(s.route, uint8(0), s.query, s.body)
	}
	f.Add(uint8(2), uint8(2), "", `[{"op":"replace","path":"/description","value":"x"}]`) // JSON Patch sent as application/json
	f.Add(uint8(0), uint8(1), "", `{}`)
	e := newFuzzEmulator(f)
	f.Fuzz(func(t *testing.T, route, contentType uint8, query, body string) {
		r := fuzzRoutes[int(route)%len(fuzzRoutes)]
		ct := r.contentType
		if contentType != 0 {
			ct = fuzzContentTypes[int(contentType)%len(fuzzContentTypes)]
		}
		e.fuzzRequest(t, r, ct, query, body)
	})
}

// patchRoutes are the operations of fuzzRoutes that take a JSON Patch.
func patchRoutes() []fuzzRoute {
	var out []fuzzRoute
	for _, r := range fuzzRoutes {
		if r.contentType == jsonPatchMediaType {
			out = append(out, r)
		}
	}
	return out
}

// FuzzJSONPatch sends JSON Patches of random operations, paths and values to every PATCH
// operation that takes one; value is used as raw JSON when it is JSON, else as a string.
func FuzzJSONPatch(f *testing.F) {
	routes := patchRoutes()
	for _, s := range [][4]string{
		{"replace", "/description", "", `"changed"`},
		{"add", "/connectorAttributes/x", "", `{"a":[1,2]}`},
		{"remove", "/owner", "", ""},
		{"move", "/name", "/description", ""},
		{"copy", "/attributes/0", "/attributes/-", ""},
		{"test", "/name", "", `"Account"`},
		{"replace", "/fields/0/transform", "", `null`},
		{"add", "/identityAttributeConfig/attributeTransforms/0", "", `{"identityAttributeName":"x"}`},
		{"replace", "/cronExpression", "", `"0 0 * * * ?"`},
		{"replace", "/id", "", `"other"`},
		{"replace", "/deleteThreshold", "", `1e400`},
		{"add", "/features/-", "", `"PASSWORD"`},
		{"replace", "/attributes/0/name", "", `"CN"`},
		{"remove", "/fields", "", ""},
		{"replace", "/priority", "", `-9223372036854775809`},
		{"add", "/~1x~", "", `1`},
	} {
		for i := range routes {
			f.Add(uint8(i), s[0], s[1], s[2], s[3])
		}
	}
	e := newFuzzEmulator(f)
	f.Fuzz(func(t *testing.T, route uint8, op, path, from, value string) {
		o := map[string]any{"op": op, "path": path}
		if from != "" {
			o["from"] = from
		}
		if json.Valid([]byte(value)) {
			o["value"] = json.RawMessage(value)
		} else if value != "" {
			o["value"] = value
		}
		body, err := json.Marshal([]any{o})
		if err != nil {
			t.Fatal(err)
		}
		r := routes[int(route)%len(routes)]
		e.fuzzRequest(t, r, r.contentType, "", string(body))
	})
}
