package emulator

import (
	"fmt"
	"net/http"
	"slices"
)

// Fault makes the next Count API requests on Route fail with Status, to test a client's retries.
type Fault struct {
	// Route is a templated route as in the request log, e.g. "GET /v2025/sources/{id}"; "" matches
	// every API request.
	Route      string `json:"route"`
	Status     int    `json:"status"`     // 401, 429 or any 4xx/5xx; bodies are shaped as for that status
	Count      int    `json:"count"`      // requests to fail; default 1
	RetryAfter int    `json:"retryAfter"` // seconds, for 429; default 1
}

// InjectFault queues f, like POST /__emulator/faults. Faults are tried in the order queued.
func (s *Server) InjectFault(f Fault) error {
	if f.Status < 400 || f.Status > 599 {
		return fmt.Errorf("fault status must be from 400 to 599, got %d", f.Status)
	}
	if f.Count <= 0 {
		f.Count = 1
	}
	if f.RetryAfter <= 0 {
		f.RetryAfter = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &f)
	return nil
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

// takeFault consumes the first queued fault matching the route of r. It runs with s.mu held.
func (s *Server) takeFault(r *http.Request) error {
	i := slices.IndexFunc(s.faults, func(f *Fault) bool { return f.Route == "" || f.Route == r.Pattern })
	if i < 0 {
		return nil
	}
	f := s.faults[i]
	if f.Count--; f.Count == 0 {
		s.faults = slices.Delete(s.faults, i, i+1)
	}
	switch f.Status {
	case http.StatusUnauthorized:
		return unauthorized("injected fault")
	case http.StatusTooManyRequests:
		return rateLimited(f.RetryAfter)
	}
	return &apiError{status: f.Status, text: "injected fault"}
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
		s.mu.Lock()
		out := make([]Fault, len(s.faults))
		for i, f := range s.faults {
			out[i] = *f
		}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, out)
	})
	m.HandleFunc("DELETE "+adminPrefix+"faults", func(w http.ResponseWriter, _ *http.Request) {
		s.mu.Lock()
		s.faults = nil
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("POST "+adminPrefix+"tokens/expire", func(w http.ResponseWriter, _ *http.Request) {
		s.ExpireTokens()
		w.WriteHeader(http.StatusNoContent)
	})
}
