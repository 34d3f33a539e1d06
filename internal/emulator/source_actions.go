package emulator

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// DefaultAggregationDelay is how long an account aggregation takes unless Config says otherwise.
const DefaultAggregationDelay = time.Second

// unreachableTLD is the top-level domain that no host of (RFC 2606), so a source whose
// connector attributes name a host in it cannot be reached: its connection test and its
// aggregations fail. Tests and demos choose a failure by configuration this way.
const unreachableTLD = ".invalid"

// runningAggregation is ISC's message for an aggregation started while another one of the same
// source runs (the contract's example).
const runningAggregation = "This aggregation failed because the currently running aggregation must complete before the next one can start."

func (s *Server) sourceActionRoutes(m *http.ServeMux) {
	s.handle(m, "POST /sources/{id}/load-accounts", s.loadAccounts)
	s.handle(m, "POST /sources/{sourceId}/connector/check-connection", s.checkConnection)
	s.handle(m, "POST /identity-profiles/{id}/process-identities", s.processIdentities)
}

// loadAccountsTaskBody is LoadAccountsTask.task, the task of the 202 answer to an account
// aggregation. Its messages are another shape than TaskStatus's; a new task has none.
type loadAccountsTaskBody struct {
	ID               string         `json:"id"`
	Type             string         `json:"type"`
	Name             string         `json:"name"`
	Description      string         `json:"description"`
	Launcher         string         `json:"launcher"`
	Created          string         `json:"created"`
	Launched         *string        `json:"launched"`
	Completed        *string        `json:"completed"`
	CompletionStatus *string        `json:"completionStatus"`
	ParentName       *string        `json:"parentName"`
	Messages         []any          `json:"messages"`
	Progress         *string        `json:"progress"`
	Attributes       map[string]any `json:"attributes"`
	Returns          []any          `json:"returns"`
}

// loadAccounts starts an account aggregation, a task of Config.AggregationDelay. It fails (the
// task ends in ERROR with ISC's message, the request itself is accepted) for a source that cannot
// be reached, for a delimited-file source without a file, and while another aggregation of the
// source runs. It finds no accounts: the emulator does not model them.
func (s *Server) loadAccounts(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	hasFile, optimized := false, true
	if mediaType(r) != "" {
		if err := r.ParseMultipartForm(maxBodyBytes); err != nil {
			return 0, nil, badRequest("the request body must be multipart/form-data: %v", err)
		}
		if f, _, err := r.FormFile("file"); err == nil {
			hasFile = true
			_ = f.Close()
		}
		optimized = !strings.EqualFold(r.FormValue("disableOptimization"), "true")
	}
	now := s.now()
	var failure string
	switch host := unreachableHost(rec.src.ConnectorAttributes); {
	case host != "":
		failure = connectError(host)
	case connectorFor(rec.src.Connector).connectionType == "file" && !hasFile:
		failure = "The source '" + rec.src.Name + "' is a delimited file source: send its accounts as a CSV file in the field 'file'."
	case rec.aggregating != nil && !rec.aggregating.done(now):
		failure = runningAggregation
	}
	t := s.newTask("Cloud Account Aggregation", "Aggregate from the specified application",
		&TaskTarget{ID: rec.src.ID, Type: "APPLICATION", Name: rec.src.Name}, now, s.cfg.AggregationDelay)
	t.attributes = map[string]any{"appId": rec.src.ID, "optimizedAggregation": map[bool]string{true: "enabled", false: "disabled"}[optimized]}
	if failure != "" {
		t.errors = []string{failure}
	} else {
		rec.aggregating = t
	}
	return http.StatusAccepted, map[string]any{"success": true, "task": loadAccountsTaskBody{
		ID: t.id, Type: "QUARTZ", Name: t.uniqueName, Description: t.description, Launcher: t.launcher,
		Created: formatTime(now), Launched: new(formatTime(now)), Messages: []any{}, Attributes: t.attributes, Returns: []any{},
	}}, nil
}

// statusResponse is StatusResponse, the answer of a connection test.
type statusResponse struct {
	ID            string         `json:"id"`
	Name          string         `json:"name"`
	Status        string         `json:"status"`
	ElapsedMillis int            `json:"elapsedMillis"`
	Details       map[string]any `json:"details"`
}

// checkConnection tests a source's connection: it fails, in a 200 as ISC reports it (trap 51),
// when a connector attribute names a host in unreachableTLD; what the details hold is the
// emulator's choice (silent: they depend on the connector).
func (s *Server) checkConnection(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	out := statusResponse{ID: rec.src.ID, Name: rec.src.Name, Status: "SUCCESS", ElapsedMillis: 42,
		Details: map[string]any{"requestProcessedOn": formatTime(s.now())}}
	if host := unreachableHost(rec.src.ConnectorAttributes); host != "" {
		out.Status, out.Details["error"] = "FAILURE", connectError(host)
	}
	return http.StatusOK, out, nil
}

// processIdentities starts processing a profile's identities: ISC answers 202 with an empty
// object and no task (trap 43); the profile no longer needs a refresh.
func (s *Server) processIdentities(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	p, err := s.data.profiles.get(r.PathValue("id"))
	if err != nil {
		return 0, nil, err
	}
	p.IdentityRefreshRequired = false
	return http.StatusAccepted, map[string]any{}, nil
}

// unreachableHost is the first host in unreachableTLD that a connector attribute names, as a
// host name, host:port or URL, or "".
func unreachableHost(attrs map[string]any) string {
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		v, ok := attrs[k].(string)
		if !ok {
			continue
		}
		host := v
		if u, err := url.Parse(v); err == nil && u.Host != "" {
			host = u.Hostname()
		} else if h, _, found := strings.Cut(v, ":"); found {
			host = h
		}
		if strings.HasSuffix(strings.ToLower(host), unreachableTLD) {
			return host
		}
	}
	return ""
}

func connectError(host string) string {
	return fmt.Sprintf("Unable to connect to %s: java.net.UnknownHostException: %s: Name or service not known", host, host)
}
