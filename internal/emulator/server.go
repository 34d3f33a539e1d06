package emulator

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// Demo credentials accepted by the token endpoint unless Config says otherwise.
const (
	DefaultClientID     = "demo-client-id"
	DefaultClientSecret = "demo-client-secret"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultTokenTTL        = 12 * time.Hour // like a personal access token
	DefaultDeleteDelay     = 2 * time.Second
	DefaultRequestLogLimit = 10000
	RateWindow             = 10 * time.Second // the window Config.RateLimit counts in
)

// maxBodyBytes bounds request bodies, so one request cannot exhaust memory.
const maxBodyBytes = 8 << 20

// Config configures a Server. Zero fields take the documented defaults.
type Config struct {
	ClientID     string        // default DefaultClientID
	ClientSecret string        // default DefaultClientSecret
	TokenTTL     time.Duration // lifetime of issued tokens; default DefaultTokenTTL
	// RateLimit is the number of API requests a client (one client ID, whatever its tokens and
	// connections) may make to one API version in any RateWindow, as ISC counts; 0 means no limit.
	RateLimit int
	// DeleteDelay is how long an asynchronous delete (source, identity profile) takes; default
	// DefaultDeleteDelay.
	// A negative value makes deletes complete at once (the object is gone for the next request).
	DeleteDelay time.Duration
	// AggregationDelay is how long an account aggregation, and a processing of identities, takes;
	// default DefaultAggregationDelay.
	// A negative value makes it complete at once.
	AggregationDelay time.Duration
	// RequestLogLimit caps the request log; the oldest records are dropped first. Default
	// DefaultRequestLogLimit. Stats count every request regardless.
	RequestLogLimit int
	// NoErrorContentEncoding drops the non-standard "Content-Encoding: UTF-8" header that a real
	// tenant puts on error responses (sent by default).
	NoErrorContentEncoding bool
	// Identities is the size of the generated identity fixture set (see FixtureIdentityID); default
	// DefaultIdentities. The admin identity is always part of it.
	Identities int
	// Snapshot is the tenant the Server starts with and Reset returns to (see ReadSnapshot); nil
	// starts empty.
	Snapshot *Snapshot
	// Now is the clock; default time.Now.
	Now func() time.Time
}

func (c Config) withDefaults() Config {
	if c.ClientID == "" {
		c.ClientID = DefaultClientID
	}
	if c.ClientSecret == "" {
		c.ClientSecret = DefaultClientSecret
	}
	if c.TokenTTL <= 0 {
		c.TokenTTL = DefaultTokenTTL
	}
	if c.RateLimit < 0 {
		c.RateLimit = 0
	}
	if c.DeleteDelay == 0 {
		c.DeleteDelay = DefaultDeleteDelay
	} else if c.DeleteDelay < 0 {
		c.DeleteDelay = 0
	}
	if c.AggregationDelay == 0 {
		c.AggregationDelay = DefaultAggregationDelay
	} else if c.AggregationDelay < 0 {
		c.AggregationDelay = 0
	}
	if c.RequestLogLimit <= 0 {
		c.RequestLogLimit = DefaultRequestLogLimit
	}
	if c.Identities <= 0 {
		c.Identities = DefaultIdentities
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Server is the emulator. It is safe for concurrent use.
type Server struct {
	cfg      Config
	mux      *http.ServeMux
	fixtures *fixtures // immutable after New

	apiRoutes []string // patterns of the API operations, which fault routes must match

	mu     sync.Mutex // guards data, tokens, issued, windows and faults
	data   *state
	tokens map[string]*token
	issued []string // every access token handed out, in order, for tests that hunt for leaked secrets
	// windows holds, per client and API version, the times of the requests admitted in the last
	// RateWindow, oldest first.
	windows map[rateKey][]time.Time
	faults  []*activeFault

	logMu sync.Mutex // guards the request log and stats
	log   []Request
	stats Stats
}

// New returns a Server holding only the fixtures and Config.Snapshot.
func New(cfg Config) *Server {
	cfg = cfg.withDefaults()
	s := &Server{
		cfg:      cfg,
		fixtures: newFixtures(cfg.Identities),
		tokens:   map[string]*token{},
		windows:  map[rateKey][]time.Time{},
	}
	s.load()
	s.stats = newStats()
	s.routes()
	return s
}

// Reset returns the Server to its fixtures and snapshot, like POST /__emulator/reset: created
// objects, changes, tasks, faults, the request log, stats and rate-limit windows go. Issued tokens
// stay valid.
func (s *Server) Reset() {
	s.mu.Lock()
	s.reload()
	s.faults = nil
	clear(s.windows)
	s.mu.Unlock()
	s.ClearRequests()
}

func (s *Server) now() time.Time { return s.cfg.Now().UTC() }

// handlerFunc is an API operation. It runs with s.mu held and returns the status and the value to
// encode as the body (nil for none), or an error to answer instead.
type handlerFunc func(w http.ResponseWriter, r *http.Request) (int, any, error)

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("POST /oauth/token", s.handleToken)
	s.adminRoutes(m)
	s.sourceRoutes(m)
	s.schemaRoutes(m)
	s.scheduleRoutes(m)
	s.provisioningPolicyRoutes(m)
	s.sourceSettingsRoutes(m)
	s.identityProfileRoutes(m)
	s.transformRoutes(m)
	s.workgroupRoutes(m)
	s.entitlementRoutes(m)
	s.accessProfileRoutes(m)
	s.roleRoutes(m)
	s.previewRoutes(m)
	s.identityAttributeRoutes(m)
	s.lifecycleStateRoutes(m)
	s.identityRoutes(m)
	s.sourceActionRoutes(m)
	s.taskRoutes(m)
	// Any other path is a 404. One that names an API version is answered as an API request
	// (authenticated and rate limited), whatever its method: a catch-all of every method also
	// keeps the mux from answering 405 or redirecting.
	noSuchOperation := s.api(func(http.ResponseWriter, *http.Request) (int, any, error) {
		return 0, nil, notFound("The server did not find a current representation for the target resource.")
	})
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if apiversion.Of(r.URL.Path) != "" {
			noSuchOperation.ServeHTTP(w, r)
			return
		}
		s.writeError(w, notFound("The server did not find a current representation for the target resource."))
	})
	s.mux = m
}

// Routes lists the API operations the emulator serves, each in every API version (package
// apiversion): "GET /sources/v1/{id}" and "GET /v2025/sources/{id}".
func (s *Server) Routes() []string { return slices.Clone(s.apiRoutes) }

// handle registers an API operation by its resource route, e.g. handle(m, "GET /sources/{id}",
// h), at its path in every API version; one implementation serves them all.
func (s *Server) handle(m *http.ServeMux, route string, h handlerFunc) {
	op := s.api(h)
	for _, v := range apiversion.All() {
		pattern := v.Route(route)
		s.apiRoutes = append(s.apiRoutes, pattern)
		m.Handle(pattern, op)
	}
}

// api wraps an operation with authentication, the rate limit, injected faults, lazy completion of
// deletes and the state lock. The body is encoded under the lock and written after it is released.
func (s *Server) api(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, err := s.admit(r)
		if err != nil {
			s.writeError(w, err)
			return
		}
		rec := w.(*recorder) // API requests reach the mux only through ServeHTTP
		if f != nil {
			rec.fault = f.Kind
			if s.faultBefore(rec, r, f) {
				return
			}
		}
		s.mu.Lock()
		s.sweep(s.now())
		status, v, err := h(w, r)
		var body []byte
		if err == nil && v != nil {
			body, err = marshal(v)
		}
		s.mu.Unlock()
		switch {
		case f != nil && f.Kind == FaultDropAfterCommit:
			rec.drop = true
		case err != nil:
			s.writeError(w, err)
		default:
			writeBody(w, status, body)
		}
	})
}

// admit authenticates r, charges it against the rate limit and picks its fault, if any.
func (s *Server) admit(r *http.Request) (*Fault, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.authorize(r, s.now()); err != nil {
		return nil, err
	}
	return s.takeFault(r), nil
}

// ServeHTTP implements http.Handler. Every request outside the admin API is recorded in the log.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.mux.ServeHTTP(w, r)
		return
	}
	// The Date of every answer comes from the emulator's clock, the one created and modified
	// come from, as a client sets them against each other.
	w.Header().Set("Date", s.now().Format(http.TimeFormat))
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	r.Body.Close()
	rec := &recorder{ResponseWriter: w}
	switch {
	case err != nil:
		s.writeError(rec, badRequest("could not read the request body: %v", err))
	case len(body) > maxBodyBytes:
		s.writeError(rec, badRequest("the request body is larger than %d bytes", maxBodyBytes))
	default:
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.mux.ServeHTTP(rec, r)
	}
	s.record(r, body, rec)
	if rec.drop { // after recording, so the log is complete when the client sees the drop
		hangUp(w)
	}
}

// recorder remembers what a request got: the status written through it (0 when nothing was
// written), the injected fault and whether to drop the connection instead of answering.
type recorder struct {
	http.ResponseWriter
	status int
	fault  FaultKind
	drop   bool
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.ResponseWriter.Write(b)
}

// newID returns a random 32-hex id, the shape of ISC object ids.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// timeLayout is how ISC writes date-times: RFC 3339, UTC, milliseconds.
const timeLayout = "2006-01-02T15:04:05.000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

// readBody returns the request body (ServeHTTP has already buffered it).
func readBody(r *http.Request) []byte {
	b, _ := io.ReadAll(r.Body)
	return b
}

// decodeJSON decodes a request body into v, naming the offending field when a type is wrong.
func decodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("the request body is required")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return jsonError(err)
	}
	return nil
}

// presentFields decodes a JSON object body and reports which fields it sets to something other
// than null, to tell "omitted" from "changed" on full replacements.
func presentFields(body []byte) (map[string]bool, error) {
	var raw map[string]json.RawMessage
	if err := decodeJSON(body, &raw); err != nil {
		return nil, err
	}
	present := make(map[string]bool, len(raw))
	for k, v := range raw {
		present[k] = string(bytes.TrimSpace(v)) != "null"
	}
	return present, nil
}

// jsonError turns a decoding error into a 400 that names the field.
func jsonError(err error) error {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		field := te.Field
		if field == "" {
			return badRequest("the request body must be a JSON %s, not %s", jsonKind(te.Type.Kind().String()), te.Value)
		}
		return badRequest("field '%s' must be %s, not %s", field, jsonKind(te.Type.Kind().String()), te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return badRequest("the request body is not valid JSON: %v (at byte %d)", err, se.Offset)
	}
	return badRequest("the request body is invalid: %v", err)
}

// jsonKind names a Go kind the way a JSON user thinks of it.
func jsonKind(kind string) string {
	switch kind {
	case "string":
		return "a string"
	case "bool":
		return "a boolean"
	case "slice", "array":
		return "an array"
	case "map", "struct", "ptr":
		return "an object"
	case "int", "int32", "int64", "uint", "uint32", "uint64", "float64", "float32":
		return "a number"
	}
	return fmt.Sprintf("a %s", kind)
}

// mediaType is the Content-Type of r without parameters, lower case.
func mediaType(r *http.Request) string {
	ct, _, _ := strings.Cut(r.Header.Get("Content-Type"), ";")
	return strings.ToLower(strings.TrimSpace(ct))
}
