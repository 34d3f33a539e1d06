package client

// Reference points at another ISC object: {type, id, name}.
type Reference struct {
	Type string `json:"type,omitempty"`
	ID   string `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// Reference types ISC expects on a source's object references.
const (
	RefIdentity                 = "IDENTITY"
	RefCluster                  = "CLUSTER"
	RefRule                     = "RULE"
	RefGovernanceGroup          = "GOVERNANCE_GROUP"
	RefAccountCorrelationConfig = "ACCOUNT_CORRELATION_CONFIG"
	RefPasswordPolicy           = "PASSWORD_POLICY"
	RefSource                   = "SOURCE"
)

// dropRefNames replaces each reference that is set with a copy without its name, leaving the
// original untouched.
func dropRefNames(refs ...**Reference) {
	for _, ref := range refs {
		if *ref != nil {
			r := **ref
			r.Name = ""
			*ref = &r
		}
	}
}
