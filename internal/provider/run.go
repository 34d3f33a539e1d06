package provider

import "sync"

// runState is what the plans of one Terraform run share. Terraform starts the provider anew for
// each walk of a command (validate, plan, apply), so it lives as long as one plan, and every
// resource of the run sees the same one.
//
// Terraform plans resources concurrently, ordered only by their dependencies, so what one plan
// records is seen by another only when Terraform orders them: a profile's destroy is planned
// before its source's destroy by terraform destroy, but in no fixed order by a plan that removes
// both from the configuration.
type runState struct {
	mu sync.Mutex
	// profileDestroys are the identity profiles this run plans to destroy, by id.
	profileDestroys map[string]bool
}

// planProfileDestroy records that the run destroys the identity profile of this id.
func (r *runState) planProfileDestroy(id string) {
	if r == nil || id == "" {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.profileDestroys == nil {
		r.profileDestroys = map[string]bool{}
	}
	r.profileDestroys[id] = true
}

// destroysProfile tells whether a plan of this run seen so far destroys the identity profile of
// this id.
func (r *runState) destroysProfile(id string) bool {
	if r == nil {
		return false
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.profileDestroys[id]
}
