package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// ErrNotFound matches, with errors.Is, an API error whose status is 404.
var ErrNotFound = errors.New("not found")

// Error is an error answer from the ISC API. ISC sends ErrorResponseDto for most statuses,
// {"error": ...} for 401 and {"message": ...} for 429; all land here.
type Error struct {
	Method     string
	Path       string
	StatusCode int
	DetailCode string
	TrackingID string
	Messages   []string
	Causes     []string
}

func (e *Error) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "ISC answered %s %s with %d %s", e.Method, e.Path, e.StatusCode, http.StatusText(e.StatusCode))
	if len(e.Messages) > 0 {
		b.WriteString(": " + strings.Join(e.Messages, "; "))
	}
	if len(e.Causes) > 0 {
		b.WriteString(" (causes: " + strings.Join(e.Causes, "; ") + ")")
	}
	var ids []string
	if e.DetailCode != "" {
		ids = append(ids, "detailCode "+e.DetailCode)
	}
	if e.TrackingID != "" {
		ids = append(ids, "trackingId "+e.TrackingID)
	}
	if len(ids) > 0 {
		b.WriteString(" [" + strings.Join(ids, ", ") + "]")
	}
	return b.String()
}

// Is makes errors.Is(err, ErrNotFound) true for a 404.
func (e *Error) Is(target error) bool {
	return target == ErrNotFound && e.StatusCode == http.StatusNotFound
}

// maxRawErrorBody bounds how much of an unrecognised error body goes into the message.
const maxRawErrorBody = 512

func decodeError(method, path string, status int, body []byte) *Error {
	e := &Error{Method: method, Path: path, StatusCode: status}
	var dto struct {
		DetailCode string `json:"detailCode"`
		TrackingID string `json:"trackingId"`
		Messages   []struct {
			Text string `json:"text"`
		} `json:"messages"`
		Causes []struct {
			Text string `json:"text"`
		} `json:"causes"`
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal(body, &dto); err != nil {
		if raw := strings.TrimSpace(string(body)); raw != "" {
			if len(raw) > maxRawErrorBody {
				raw = raw[:maxRawErrorBody] + "…"
			}
			e.Messages = []string{raw}
		}
		return e
	}
	e.DetailCode, e.TrackingID = dto.DetailCode, dto.TrackingID
	for _, m := range dto.Messages {
		if t := strings.TrimSpace(m.Text); t != "" {
			e.Messages = append(e.Messages, t)
		}
	}
	for _, m := range dto.Causes {
		if t := strings.TrimSpace(m.Text); t != "" {
			e.Causes = append(e.Causes, t)
		}
	}
	for _, m := range []string{dto.Error, dto.Message} {
		if t := strings.TrimSpace(m); t != "" {
			e.Messages = append(e.Messages, t)
		}
	}
	return e
}

// OutcomeUnknownError is a write that may or may not have been carried out: the request may have
// reached ISC, but its answer was lost (a dropped connection, a gateway error).
type OutcomeUnknownError struct {
	Method, Path string
	Err          error
}

func (e *OutcomeUnknownError) Error() string {
	return fmt.Sprintf("%s %s may or may not have been carried out by ISC: %v. "+
		"Run terraform plan to see what ISC holds now: a change that went through shows no difference. "+
		"If a created object exists in ISC but not in the Terraform state, bring it in with terraform import (or an import block) instead of creating it again.",
		e.Method, e.Path, strings.TrimSuffix(e.Err.Error(), "."))
}

func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// Refused says ISC turned a request down as invalid or conflicting (400 or 409), as it does a
// create of an object the parent has already.
func Refused(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusConflict)
}

// TimeoutError is a request that got no answer within the request timeout, on its last attempt
// and, for a request that is retried, on every attempt before it.
type TimeoutError struct {
	// Method and Path name the request: "GET /sources/v1/x", or "POST /oauth/token" for the
	// access token.
	Method, Path string
	// BaseURL is the URL the request went to, without its path.
	BaseURL string
	// After is how long the last attempt waited; Timeout is the limit of one attempt.
	After, Timeout time.Duration
	// Attempts counts the attempts of the call, when more than one.
	Attempts int
	// Connecting says the last attempt never got a connection: the request was not sent.
	Connecting bool
}

func (e *TimeoutError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s timed out: ", e.Method, e.Path)
	if e.Connecting {
		// The dial and the TLS handshake may have a shorter limit than the whole attempt.
		after := e.After.Truncate(100 * time.Millisecond)
		if after <= 0 || after > e.Timeout {
			after = e.Timeout
		}
		fmt.Fprintf(&b, "no connection to ISC within %s", after)
	} else {
		fmt.Fprintf(&b, "ISC did not answer within %s", e.Timeout)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (%d attempts)", e.Attempts)
	}
	fmt.Fprintf(&b, ". Check that base_url (%s) is the tenant's API URL, of the form https://TENANT.api.identitynow.com, "+
		"and that the network lets this machine reach it (DNS, proxy, firewall, VPN). "+
		"If ISC is only slow, raise request_timeout (or SAIL_REQUEST_TIMEOUT), now %s per attempt.", e.BaseURL, e.Timeout)
	return b.String()
}

// BaseURLError says the base URL does not lead to an ISC API: its token endpoint answered with
// neither an access token nor an OAuth error, as a web page or a missing route does.
type BaseURLError struct {
	BaseURL string
	// Answer says what came back instead, such as "404 Not Found (text/html)".
	Answer string
}

func (e *BaseURLError) Error() string {
	return fmt.Sprintf("%s does not look like an ISC API: its token endpoint (POST /oauth/token) answered %s, not an access token. "+
		"Check base_url: it is the tenant's API URL, of the form https://TENANT.api.identitynow.com "+
		"(not the address of the web interface, https://TENANT.identitynow.com), without a path such as /v2025.",
		e.BaseURL, e.Answer)
}
