package emulator

import "net/http"

// adminPrefix is where the emulator's own API lives (see the package documentation).
const adminPrefix = "/__emulator/"

func (s *Server) adminRoutes(m *http.ServeMux) {
	m.HandleFunc("POST "+adminPrefix+"reset", func(w http.ResponseWriter, _ *http.Request) {
		s.Reset()
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("GET "+adminPrefix+"requests", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, s.Requests())
	})
	m.HandleFunc("DELETE "+adminPrefix+"requests", func(w http.ResponseWriter, _ *http.Request) {
		s.ClearRequests()
		w.WriteHeader(http.StatusNoContent)
	})
	m.HandleFunc("GET "+adminPrefix+"stats", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, s.Stats())
	})
	m.HandleFunc("GET "+adminPrefix+"fixtures", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, s.fixtures.objects)
	})
	s.faultRoutes(m)
	m.HandleFunc(adminPrefix, func(w http.ResponseWriter, _ *http.Request) {
		s.writeError(w, notFound("no such admin operation"))
	})
}
