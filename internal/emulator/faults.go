package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// FaultKind is what an injected fault does to a request. Besides the named kinds, any HTTP status
// from 400 to 599 written in decimal ("429", "503") is a kind: the request is answered with that
// status and the body ISC uses for it, and the operation does not run.
type FaultKind string

const (
	Fault429 FaultKind = "429" // Too Many Requests with Retry-After (Fault.RetryAfter)
	Fault500 FaultKind = "500"
	Fault502 FaultKind = "502"
	Fault503 FaultKind = "503"

	// FaultDelay waits Fault.Delay, then serves the request. A client that gives up during the wait
	// leaves the request not acted upon.
	FaultDelay FaultKind = "delay"
	// FaultHang never answers: the request is held, not acted upon, until the client gives up (or
	// the server shuts down), as from a tenant that accepts connections and then goes silent.
	FaultHang FaultKind = "hang"
	// FaultDrop closes the connection without an answer; the operation does not run.
	FaultDrop FaultKind = "drop"
	// FaultDropAfterCommit runs the operation, so its change is committed, then closes the
	// connection instead of answering: the client cannot tell whether it happened.
	FaultDropAfterCommit FaultKind = "drop-after-commit"
	// FaultRevokeTokens revokes every issued token (see Server.RevokeTokens) and answers the request
	// with the resulting 401.
	FaultRevokeTokens FaultKind = "revoke-tokens"
)

// Fault makes API requests misbehave, to prove a client survives a misbehaving ISC. It applies to
// requests that pass authentication and the rate limit, so a 401 or 429 of their own never uses it
// up, and never to the token endpoint or the admin API.
//
// Go's http.Transport silently resends a GET, HEAD or OPTIONS request (or one with an
// Idempotency-Key header) whose reused connection closes before an answer, so a client may see a
// drop of such a request only as the answer to its resent one.
type Fault struct {
	Kind FaultKind `json:"kind"`
	// Route selects the requests: a route as in the request log ("GET /sources/v1/{id}"), a
	// method alone ("POST"), a templated path alone ("/sources/v1/{id}"), or "" for every API
	// request. A route names one API version: "GET /v2025/sources/{id}" selects only the requests
	// made on that path.
	Route string `json:"route,omitempty"`
	// Count is how many matching requests get the fault before it is used up; 0 means no limit, which
	// needs a Fraction. Without a Fraction it defaults to 1: the next matching request.
	Count int `json:"count,omitempty"`
	// Fraction, from 0 to 1, makes each matching request get the fault with that probability, drawn
	// from a generator seeded with Seed, so a run of requests gets the same faults every time.
	Fraction float64 `json:"fraction,omitempty"`
	Seed     int64   `json:"seed,omitempty"`
	// RetryAfter is the Retry-After of a 429, in seconds; default 1.
	RetryAfter int `json:"retryAfter,omitempty"`
	// Delay is how long a FaultDelay waits; on the wire a Go duration such as "1.5s".
	Delay time.Duration `json:"delay,omitempty"`
}

// faultFields is Fault without its methods, so its JSON methods can encode it without recursing.
type faultFields Fault

// faultJSON is Fault on the wire; the outer Delay hides the embedded one.
type faultJSON struct {
	faultFields
	Delay string `json:"delay,omitempty"`
}

// MarshalJSON writes Delay as a duration string.
func (f Fault) MarshalJSON() ([]byte, error) {
	j := faultJSON{faultFields: faultFields(f)}
	if f.Delay != 0 {
		j.Delay = f.Delay.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON reads Delay as a duration string and rejects unknown fields, so a misspelt field
// is an error rather than a fault that never fires.
func (f *Fault) UnmarshalJSON(b []byte) error {
	var j faultJSON
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return err
	}
	*f = Fault(j.faultFields)
	if j.Delay != "" {
		d, err := time.ParseDuration(j.Delay)
		if err != nil {
			return fmt.Errorf("delay: %w", err)
		}
		f.Delay = d
	}
	return nil
}

// ParseFault reads the compact form of a Fault that String writes and cmd/isc-emulator's -fault
// flag takes: the kind, then the route, then options, separated by spaces:
//
//	KIND [METHOD] [PATH] [count=N] [fraction=F] [seed=N] [retryAfter=SECONDS] [delay=DURATION]
//
// for example "503 GET /sources/v1/{id} count=2" or "delay delay=2s fraction=0.1 seed=7".
func ParseFault(s string) (Fault, error) {
	fields := strings.Fields(s)
	if len(fields) == 0 {
		return Fault{}, errors.New("empty fault")
	}
	f := Fault{Kind: FaultKind(fields[0])}
	var route []string
	for _, field := range fields[1:] {
		key, value, isOption := strings.Cut(field, "=")
		if !isOption {
			route = append(route, field)
			continue
		}
		var err error
		switch key {
		case "count":
			f.Count, err = strconv.Atoi(value)
		case "fraction":
			f.Fraction, err = strconv.ParseFloat(value, 64)
		case "seed":
			f.Seed, err = strconv.ParseInt(value, 10, 64)
		case "retryAfter":
			f.RetryAfter, err = strconv.Atoi(value)
		case "delay":
			f.Delay, err = time.ParseDuration(value)
		default:
			return Fault{}, fmt.Errorf("unknown fault option %q (want count, fraction, seed, retryAfter or delay)", key)
		}
		if err != nil {
			return Fault{}, fmt.Errorf("fault option %s: %w", key, err)
		}
	}
	f.Route = strings.Join(route, " ")
	return f.normalize()
}

// String writes f in the form ParseFault reads.
func (f Fault) String() string {
	parts := []string{string(f.Kind)}
	if f.Route != "" {
		parts = append(parts, f.Route)
	}
	if f.Count != 0 {
		parts = append(parts, "count="+strconv.Itoa(f.Count))
	}
	if f.Fraction != 0 {
		parts = append(parts, "fraction="+strconv.FormatFloat(f.Fraction, 'g', -1, 64), "seed="+strconv.FormatInt(f.Seed, 10))
	}
	if f.RetryAfter != 0 {
		parts = append(parts, "retryAfter="+strconv.Itoa(f.RetryAfter))
	}
	if f.Delay != 0 {
		parts = append(parts, "delay="+f.Delay.String())
	}
	return strings.Join(parts, " ")
}

// status is the HTTP status of a status kind, or 0.
func (k FaultKind) status() int {
	n, err := strconv.Atoi(string(k))
	if err != nil || n < 400 || n > 599 || strconv.Itoa(n) != string(k) {
		return 0
	}
	return n
}

// normalize checks f on its own (InjectFault also checks its route against the server's) and
// fills in the defaults.
func (f Fault) normalize() (Fault, error) {
	switch f.Kind {
	case FaultDelay, FaultHang, FaultDrop, FaultDropAfterCommit, FaultRevokeTokens:
	case "":
		return f, errors.New("a fault needs a kind")
	default:
		if f.Kind.status() == 0 {
			return f, fmt.Errorf("unknown fault kind %q: want an HTTP status from 400 to 599, %s, %s, %s, %s or %s",
				f.Kind, FaultDelay, FaultHang, FaultDrop, FaultDropAfterCommit, FaultRevokeTokens)
		}
	}
	switch {
	case f.Count < 0:
		return f, fmt.Errorf("fault count must not be negative, got %d", f.Count)
	case f.Fraction < 0 || f.Fraction > 1:
		return f, fmt.Errorf("fault fraction must be from 0 to 1, got %g", f.Fraction)
	case f.Seed != 0 && f.Fraction == 0:
		return f, errors.New("a fault seed needs a fraction")
	case f.RetryAfter < 0 || f.RetryAfter != 0 && f.Kind != Fault429:
		return f, fmt.Errorf("retryAfter is a positive number of seconds for kind %s only", Fault429)
	case f.Kind == FaultDelay && f.Delay <= 0:
		return f, fmt.Errorf("a %s fault needs a positive delay", FaultDelay)
	case f.Kind != FaultDelay && f.Delay != 0:
		return f, fmt.Errorf("delay is for kind %s only", FaultDelay)
	}
	if f.Count == 0 && f.Fraction == 0 {
		f.Count = 1
	}
	if f.Kind == Fault429 && f.RetryAfter == 0 {
		f.RetryAfter = 1
	}
	return f, nil
}

// splitRoute splits a fault route or a mux pattern into its method and path, either possibly "".
func splitRoute(route string) (method, path string) {
	if strings.HasPrefix(route, "/") {
		return "", route
	}
	method, path, _ = strings.Cut(route, " ")
	return method, path
}

// routeMatches reports whether a fault route selects requests matched by the mux pattern.
func routeMatches(route, pattern string) bool {
	m, p := splitRoute(route)
	pm, pp := splitRoute(pattern)
	return (m == "" || m == pm) && (p == "" || p == pp)
}

// activeFault is an injected Fault and its random source.
type activeFault struct {
	Fault
	rng *rand.Rand // nil without a Fraction
}

// InjectFault adds f, like POST /__emulator/faults. When several faults match a request, the first
// injected that fires decides; a request gets at most one fault.
func (s *Server) InjectFault(f Fault) error {
	f, err := f.normalize()
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(s.apiRoutes, func(p string) bool { return routeMatches(f.Route, p) }) {
		return fmt.Errorf("no API route matches fault route %q (routes are templated and name an API version, like %s or %s)",
			f.Route, apiversion.V1.Route("GET /sources/{id}"), apiversion.V2025.Route("GET /sources/{id}"))
	}
	a := &activeFault{Fault: f}
	if f.Fraction > 0 {
		a.rng = rand.New(rand.NewPCG(uint64(f.Seed), 0))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, a)
	return nil
}

// Faults returns the faults not yet used up, in the order injected, with their remaining counts.
func (s *Server) Faults() []Fault {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Fault, len(s.faults))
	for i, a := range s.faults {
		out[i] = a.Fault
	}
	return out
}

// ClearFaults removes every fault, like DELETE /__emulator/faults.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// ExpireTokens makes every issued token expired, like POST /__emulator/tokens/expire.
func (s *Server) ExpireTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for _, t := range s.tokens {
		t.expires = now
	}
}

// RevokeTokens makes every issued token invalid, like POST /__emulator/tokens/revoke: the next
// request with one gets a 401. New tokens can be fetched.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.tokens)
}

// takeFault decides whether r gets a fault and uses it up; it is the only place that does. It runs
// with s.mu held and returns a copy of the fault, or nil.
func (s *Server) takeFault(r *http.Request) *Fault {
	for i, a := range s.faults {
		if !routeMatches(a.Route, r.Pattern) || a.rng != nil && a.rng.Float64() >= a.Fraction {
			continue
		}
		if a.Count > 0 {
			if a.Count--; a.Count == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		f := a.Fault
		return &f
	}
	return nil
}

// faultBefore acts out f before the operation runs. It reports whether that finished the request
// (answered it or marked it to be dropped); if not, the operation runs next.
func (s *Server) faultBefore(w *recorder, r *http.Request, f *Fault) bool {
	switch f.Kind {
	case FaultDelay:
		t := time.NewTimer(f.Delay)
		defer t.Stop()
		select {
		case <-t.C:
			return false
		case <-r.Context().Done(): // the client gave up: leave the request not acted upon
			return true
		}
	case FaultHang:
		<-r.Context().Done() // the client gave up, or the server is shutting down
		return true
	case FaultDropAfterCommit:
		return false
	case FaultDrop:
		w.drop = true
	case FaultRevokeTokens:
		s.RevokeTokens()
		s.writeFault(w, f, unauthorized("JWT is invalid"))
	case Fault429:
		s.writeFault(w, f, rateLimited(f.RetryAfter))
	default:
		if status := f.Kind.status(); status == http.StatusUnauthorized {
			s.writeFault(w, f, unauthorized("injected fault"))
		} else {
			s.writeFault(w, f, &apiError{status: status, text: "injected fault"})
		}
	}
	return true
}

// FaultHeader names the kind of fault that made an answer up ("503"), so that a contract check
// (package contract) or a person reading a trace tells it from the emulated API's own answers.
const FaultHeader = "X-Emulator-Fault"

// writeFault answers err on behalf of the fault f.
func (s *Server) writeFault(w http.ResponseWriter, f *Fault, err error) {
	w.Header().Set(FaultHeader, string(f.Kind))
	s.writeError(w, err)
}

// hangUp closes the connection under w without an answer.
func hangUp(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// HTTP/2 and in-memory writers cannot be hijacked: abort the response instead.
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}

func (s *Server) faultRoutes(m *http.ServeMux) {
	m.HandleFunc("POST "+adminPrefix+"faults", func(w http.ResponseWriter, r *http.Request) {
		var f Fault
		err := decodeJSON(readBody(r), &f)
		if err == nil {
			if err = s.InjectFault(f); err != nil {
				err = badRequest("%v", err)
			}
		}
		if err != nil {
			s.writeError(w, err)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("GET "+adminPrefix+"faults", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, s.Faults())
	})
	m.HandleFunc("DELETE "+adminPrefix+"faults", func(w http.ResponseWriter, _ *http.Request) {
		s.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("POST "+adminPrefix+"tokens/expire", func(w http.ResponseWriter, _ *http.Request) {
		s.ExpireTokens()
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("POST "+adminPrefix+"tokens/revoke", func(w http.ResponseWriter, _ *http.Request) {
		s.RevokeTokens()
		w.WriteHeader(http.StatusNoContent)
	})
}
