package emulator

import (
	"encoding/json"
	"math"
	"net/http"
	"time"
)

// maxProcessIdentities is how many identities one startIdentityProcessing request takes.
const maxProcessIdentities = 250

// syncInterval is how often ISC lets an identity's attributes be synchronized: "once in 10
// seconds per identity".
const syncInterval = 10 * time.Second

// inProcessingError says whether the identity's processing is in error, which makes the
// emulator's processing and attribute synchronization of it fail: so tests and demos choose a
// failure by configuration (FixtureIdentityID says which fixtures are).
func inProcessingError(i *Identity) bool {
	return i.ProcessingState != nil && *i.ProcessingState == "ERROR"
}

// startIdentityProcessing starts processing identities in a task of Config.AggregationDelay,
// which ends in ERROR, with a message per identity, when one of them is in processing error.
// The answer leaves name out: the contract says it is always null, which its schema refuses
// (trap 68).
func (s *Server) startIdentityProcessing(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	if err := requireExperimental(r); err != nil {
		return 0, nil, err
	}
	var req struct {
		IdentityIDs []string `json:"identityIds"`
	}
	if err := decodeJSON(readBody(r), &req); err != nil {
		return 0, nil, err
	}
	// The contract does not require identityIds; what ISC does without it is silent.
	if n := len(req.IdentityIDs); n == 0 || n > maxProcessIdentities {
		return 0, nil, badRequest("identityIds must list 1 to %d identities, got %d", maxProcessIdentities, n)
	}
	var failures []string
	for _, id := range req.IdentityIDs {
		i, ok := s.fixtures.identity[id]
		if !ok {
			return 0, nil, notFound("Identity with id '%s' was not found", id)
		}
		if inProcessingError(i) {
			failures = append(failures, "Unable to process identity '"+i.Name+"' ("+i.ID+"): the identity is in processing error")
		}
	}
	t := s.newTask("Identity Refresh", "Process identities", nil, s.now(), s.cfg.AggregationDelay)
	t.attributes = map[string]any{"identityCount": len(req.IdentityIDs)}
	t.errors = failures
	return http.StatusAccepted, map[string]any{"type": "TASK_RESULT", "id": t.id}, nil
}

// synchronizeAttributes answers an IdentitySyncJob: QUEUED, or ERROR for an identity in
// processing error. A second request for the same identity within syncInterval is a 429 with
// the seconds left as Retry-After (silent: the contract does not say what a faster call gets).
func (s *Server) synchronizeAttributes(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	if err := requireExperimental(r); err != nil {
		return 0, nil, err
	}
	id := r.PathValue("identityId")
	i, ok := s.fixtures.identity[id]
	if !ok {
		return 0, nil, notFound("Identity with id '%s' was not found", id)
	}
	now := s.now()
	if last, ok := s.data.syncs[id]; ok && now.Sub(last) < syncInterval {
		return 0, nil, rateLimited(int(math.Ceil((syncInterval - now.Sub(last)).Seconds())))
	}
	s.data.syncs[id] = now
	status := "QUEUED"
	if inProcessingError(i) {
		status = "ERROR"
	}
	data, _ := json.Marshal(map[string]string{"identityId": id})
	return http.StatusAccepted, map[string]any{"id": newID(), "status": status,
		"payload": map[string]any{"type": "SYNCHRONIZE_IDENTITY_ATTRIBUTES", "dataJson": string(data)}}, nil
}
