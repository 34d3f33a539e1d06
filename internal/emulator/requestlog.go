package emulator

import (
	"maps"
	"net/http"
	"net/url"
	"time"
)

// Request is one recorded request: every API and token request, not admin requests. It never holds
// the Authorization header or a token, and the client secret of a token request is redacted.
type Request struct {
	Method      string    `json:"method"`
	Path        string    `json:"path"`
	Route       string    `json:"route"`           // the matched route, e.g. "PATCH /sources/v1/{id}"; "" when none
	Query       string    `json:"query"`           // the raw query string
	Status      int       `json:"status"`          // 0 when the connection was dropped without an answer
	Fault       FaultKind `json:"fault,omitempty"` // the injected fault, if any
	ContentType string    `json:"contentType"`
	Body        string    `json:"body"` // the request body as sent
	Time        time.Time `json:"time"`
}

// Stats counts the requests since the last reset or clear, including those the capped log dropped.
type Stats struct {
	Total       int               `json:"total"`
	ByMethod    map[string]int    `json:"byMethod"`
	ByRoute     map[string]int    `json:"byRoute"`
	ByStatus    map[int]int       `json:"byStatus"`
	RateLimited int               `json:"rateLimited"` // 429 answers
	Faults      map[FaultKind]int `json:"faults"`      // injected faults by kind
}

func newStats() Stats {
	return Stats{ByMethod: map[string]int{}, ByRoute: map[string]int{}, ByStatus: map[int]int{}, Faults: map[FaultKind]int{}}
}

const tokenPath = "/oauth/token"

// redacted replaces secrets in recorded token requests.
const redacted = "REDACTED"

func (s *Server) record(r *http.Request, body []byte, answered *recorder) {
	route := r.Pattern
	if route == "/" { // no operation matched
		route = ""
	}
	rec := Request{
		Method:      r.Method,
		Path:        r.URL.Path,
		Route:       route,
		Query:       r.URL.RawQuery,
		Status:      answered.status,
		Fault:       answered.fault,
		ContentType: r.Header.Get("Content-Type"),
		Body:        string(body),
		Time:        s.now(),
	}
	if r.URL.Path == tokenPath {
		rec.Query = redactForm(rec.Query)
		rec.Body = redactForm(rec.Body)
	}

	s.logMu.Lock()
	defer s.logMu.Unlock()
	if len(s.log) >= s.cfg.RequestLogLimit {
		s.log = append(s.log[:0], s.log[len(s.log)-s.cfg.RequestLogLimit+1:]...)
	}
	s.log = append(s.log, rec)
	s.stats.Total++
	s.stats.ByMethod[rec.Method]++
	s.stats.ByRoute[rec.Route]++
	s.stats.ByStatus[rec.Status]++
	if rec.Status == http.StatusTooManyRequests {
		s.stats.RateLimited++
	}
	if rec.Fault != "" {
		s.stats.Faults[rec.Fault]++
	}
}

// redactForm hides client_secret in a form-encoded string.
func redactForm(form string) string {
	if form == "" {
		return ""
	}
	v, _ := url.ParseQuery(form)
	if _, ok := v["client_secret"]; !ok {
		return form
	}
	v.Set("client_secret", redacted)
	return v.Encode()
}

// Requests returns a copy of the request log, oldest first.
func (s *Server) Requests() []Request {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	out := make([]Request, len(s.log))
	copy(out, s.log)
	return out
}

// ClearRequests empties the request log and the stats.
func (s *Server) ClearRequests() {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.log = nil
	s.stats = newStats()
}

// Stats returns a copy of the counters.
func (s *Server) Stats() Stats {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	out := s.stats
	out.ByMethod = maps.Clone(s.stats.ByMethod)
	out.ByRoute = maps.Clone(s.stats.ByRoute)
	out.ByStatus = maps.Clone(s.stats.ByStatus)
	out.Faults = maps.Clone(s.stats.Faults)
	return out
}
