package contract

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Side says whose message broke the contract.
type Side string

const (
	Request  Side = "request"  // the client's
	Response Side = "response" // the server's
)

// Finding is one violation of the contract.
type Finding struct {
	Operation string // operationId; "" when the request matched none
	Route     string // the document's "METHOD /path/{param}", or the request's method and path
	Side      Side
	Status    int // the answer's status, for a response
	// Where is the place in the message: "path", "status", "body /attributes/0/name",
	// `query parameter "limit"`, ...
	Where string
	// Keyword is the schema keyword that failed (type, required, oneOf, enum...), when a schema did.
	Keyword string
	Problem string
	// Allowed is the reason the finding is a known slip of the documents (allow.go), or "".
	Allowed string
}

func (f Finding) String() string {
	s := fmt.Sprintf("%s (%s) %s", cmp.Or(f.Operation, "no operation"), f.Route, f.Side)
	if f.Status != 0 {
		s += fmt.Sprintf(" %d", f.Status)
	}
	s += ": " + f.Where
	if f.Keyword != "" {
		s += " [" + f.Keyword + "]"
	}
	return s + ": " + f.Problem
}

// outside lists the path prefixes that are no part of the documents: ISC's OAuth endpoints and
// the emulator's admin API.
var outside = []string{"/oauth/", "/__emulator/"}

// FaultHeader marks an answer that an injected fault made up (emulator.FaultHeader): it models a
// misbehaving tenant, not the API, so it is not checked. The request that got it still is.
const FaultHeader = "X-Emulator-Fault"

var options = &openapi3filter.Options{
	AuthenticationFunc:                openapi3filter.NoopAuthenticationFunc,
	MultiError:                        true,
	IncludeResponseStatus:             true, // a status the operation does not declare is a finding
	RejectWhenRequestBodyNotSpecified: true,
	SkipSettingDefaults:               true,
	SchemaValidationOptions:           []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
}

// Handler serves next and checks every request under the API and next's answer to it, handing
// each finding to report (from the request's goroutine). Findings on the allow-list come with
// their reason in Allowed.
func (s *Spec) Handler(next http.Handler, report func(Finding)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range outside {
			if strings.HasPrefix(r.URL.Path, p) {
				next.ServeHTTP(w, r)
				return
			}
		}
		body, err := io.ReadAll(r.Body)
		r.Body.Close()
		r.Body = io.NopCloser(bytes.NewReader(body))
		if err != nil {
			next.ServeHTTP(w, r)
			return
		}
		// The validator reads, and may rewrite, the request it gets: give it a copy whose URL is
		// the path alone, as the routers match it.
		probe := r.Clone(r.Context())
		probe.URL = &url.URL{Path: r.URL.Path, RawPath: r.URL.RawPath, RawQuery: r.URL.RawQuery}
		probe.Host = ""
		probe.Body = io.NopCloser(bytes.NewReader(body))

		route, params, err := s.route(probe)
		if err != nil {
			problem := "no operation of the contract has this path"
			if errors.Is(err, routers.ErrMethodNotAllowed) {
				problem = "the contract has this path, but not with this method"
			}
			report(Finding{Route: r.Method + " " + r.URL.Path, Side: Request, Where: "path", Problem: problem})
			next.ServeHTTP(w, r)
			return
		}
		at := Finding{Operation: route.Operation.OperationID, Route: route.Method + " " + route.Path}
		if route.Server != nil {
			at.Route = route.Method + " " + route.Server.URL + route.Path
		}
		in := &openapi3filter.RequestValidationInput{Request: probe, PathParams: params, Route: route, Options: options}
		if err := openapi3filter.ValidateRequest(r.Context(), in); err != nil {
			at.Side = Request
			findings(at, err, report)
		}

		tw := &teeWriter{ResponseWriter: w}
		next.ServeHTTP(tw, r)
		if tw.status == 0 || w.Header().Get(FaultHeader) != "" {
			return // no answer (the connection was dropped), or a made-up one
		}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: tw.status, Header: w.Header(), Options: options}
		out.SetBodyBytes(tw.body.Bytes())
		if err := openapi3filter.ValidateResponse(r.Context(), out); err != nil {
			at.Side, at.Status = Response, tw.status
			findings(at, err, report)
		}
	})
}

// findings reports one Finding per violation in a validator's error: per parameter, header,
// status or body, and in a body per value that failed its schema.
func findings(at Finding, err error, report func(Finding)) {
	var walk func(where string, err error)
	walk = func(where string, err error) {
		switch e := err.(type) { //nolint:errorlint // a walk of the tree node by node: each node's own type decides
		case openapi3.MultiError:
			for _, err := range e {
				walk(where, err)
			}
		case *openapi3filter.RequestError:
			switch {
			case e.Parameter != nil:
				where = fmt.Sprintf("%s parameter %q", e.Parameter.In, e.Parameter.Name)
			case e.RequestBody != nil:
				where = "body"
			}
			if hasSchemaError(e.Err) {
				walk(where, e.Err)
			} else {
				report(finding(at, where, "", e.Error()))
			}
		case *openapi3filter.ResponseError:
			switch {
			case e.Reason == "status is not supported":
				report(finding(at, "status", "", "the operation declares no such status"))
				return
			case strings.HasPrefix(e.Reason, "response body"):
				where = "body"
			case strings.HasPrefix(e.Reason, "response header"):
				where = "header"
			}
			if hasSchemaError(e.Err) {
				walk(where, e.Err)
			} else {
				report(finding(at, where, "", e.Error()))
			}
		case *openapi3.SchemaError:
			// An allOf fails through its parts: name those (their paths are whole).
			var parts openapi3.MultiError
			if e.SchemaField == "allOf" && errors.As(e.Origin, &parts) {
				walk(where, parts)
				return
			}
			report(finding(at, where+pointer(e.JSONPointer()), e.SchemaField, cmp.Or(e.Reason, e.Error())))
		default:
			report(finding(at, where, "", err.Error()))
		}
	}
	walk(string(at.Side), err)
}

// hasSchemaError tells a validator's error about values from one about the message's form.
func hasSchemaError(err error) bool {
	var se *openapi3.SchemaError
	return err != nil && errors.As(err, &se)
}

func finding(at Finding, where, keyword, problem string) Finding {
	at.Where, at.Keyword, at.Problem = where, keyword, problem
	at.Allowed = allowed(at)
	return at
}

// pointer writes a JSON Pointer (RFC 6901) after a space, or nothing for the whole value.
func pointer(path []string) string {
	var b strings.Builder
	for i, p := range path {
		if i == 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('/')
		b.WriteString(strings.NewReplacer("~", "~0", "/", "~1").Replace(p))
	}
	return b.String()
}

// teeWriter passes an answer through and keeps a copy of its status and body.
type teeWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (t *teeWriter) WriteHeader(code int) {
	if t.status == 0 {
		t.status = code
	}
	t.ResponseWriter.WriteHeader(code)
}

func (t *teeWriter) Write(b []byte) (int, error) {
	if t.status == 0 {
		t.status = http.StatusOK
	}
	t.body.Write(b)
	return t.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (the emulator hangs up through it).
func (t *teeWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
