package emulator

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// apiError is an error answered with an HTTP status. The body shape depends on the status, as on
// a real tenant: 401 is {"error"}, 429 is {"message"} and everything else is ErrorResponseDto.
type apiError struct {
	status     int
	text       string
	retryAfter int    // seconds, 429 only
	detailCode string // "" for the status's usual one (detailCodes)
}

func (e *apiError) Error() string { return fmt.Sprintf("%d: %s", e.status, e.text) }

func badRequest(format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, text: fmt.Sprintf(format, args...)}
}

// inUseBy is ISC's 400 for a delete of an object another one uses.
func inUseBy(format string, args ...any) error {
	return &apiError{status: http.StatusBadRequest, text: fmt.Sprintf(format, args...), detailCode: "400.2.1.0 Object in use by another"}
}

func notFound(format string, args ...any) error {
	return &apiError{status: http.StatusNotFound, text: fmt.Sprintf(format, args...)}
}

func unauthorized(reason string) error {
	return &apiError{status: http.StatusUnauthorized, text: "JWT validation failed: " + reason}
}

func rateLimited(retryAfter int) error {
	return &apiError{status: http.StatusTooManyRequests, text: " Rate Limit Exceeded ", retryAfter: retryAfter}
}

// detailCodes are ISC's ErrorResponseDto detail codes per status.
var detailCodes = map[int]string{
	http.StatusBadRequest:          "400.1 Bad Request Content",
	http.StatusForbidden:           "403 Forbidden",
	http.StatusNotFound:            "404 Not found",
	http.StatusMethodNotAllowed:    "405 Method Not Allowed",
	http.StatusInternalServerError: "500.0 Internal Fault",
}

type errorMessage struct {
	Locale       string `json:"locale"`
	LocaleOrigin string `json:"localeOrigin"`
	Text         string `json:"text"`
}

type errorResponse struct {
	DetailCode string         `json:"detailCode"`
	TrackingID string         `json:"trackingId"`
	Messages   []errorMessage `json:"messages"`
	Causes     []errorMessage `json:"causes"`
}

// writeError answers err. Anything that is not an apiError is an internal fault.
func (s *Server) writeError(w http.ResponseWriter, err error) {
	var ae *apiError
	if !errors.As(err, &ae) {
		ae = &apiError{status: http.StatusInternalServerError, text: "An internal fault occurred: " + err.Error()}
	}
	var body any
	switch ae.status {
	case http.StatusUnauthorized:
		body = map[string]string{"error": ae.text}
		w.Header().Set("WWW-Authenticate", "Bearer")
	case http.StatusTooManyRequests:
		body = map[string]string{"message": ae.text}
		w.Header().Set("Retry-After", strconv.Itoa(ae.retryAfter))
	default:
		code, ok := detailCodes[ae.status]
		if !ok {
			code = strconv.Itoa(ae.status)
		}
		if ae.detailCode != "" {
			code = ae.detailCode
		}
		body = errorResponse{
			DetailCode: code,
			TrackingID: newID(),
			Messages:   []errorMessage{{Locale: "en-US", LocaleOrigin: "DEFAULT", Text: ae.text}},
			Causes:     []errorMessage{},
		}
	}
	s.markError(w)
	writeJSON(w, ae.status, body)
}

// markError labels an error response the way a real tenant does, with the non-standard
// "Content-Encoding: UTF-8" that clients must tolerate, unless Config switches it off.
func (s *Server) markError(w http.ResponseWriter) {
	if !s.cfg.NoErrorContentEncoding {
		w.Header().Set("Content-Encoding", "UTF-8")
	}
}

// writeJSON writes v as the JSON body with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeBody(w, status, b)
}

func writeBody(w http.ResponseWriter, status int, b []byte) {
	if b != nil {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// marshal encodes v without HTML escaping, so messages and filters read as sent.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
