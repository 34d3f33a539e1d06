package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
)

// Fixture ids. Every Server starts with these objects (Reset restores them). Sources may reference
// them; GET /__emulator/fixtures lists them. Identities are generated (see FixtureIdentityID); the
// first one is the well-known admin identity.
const (
	AdminIdentityID    = "2c9180835d191a86015d28455b4b232a"
	AdminIdentityName  = "ISC Admin"
	AdminIdentityAlias = "isc.admin"
	AdminIdentityEmail = "isc.admin@example.com"

	CorporateClusterID = "2c9180866166b5b0016167c32ef31a66" // "Corporate Cluster"
	DMZClusterID       = "2c9180866166b5b0016167c32ef31a67" // "DMZ Cluster"

	SourceAdminsGovernanceGroupID = "2c91808568c529c60168cca6f90c2222" // "Source Admins"

	CorrelationRuleID        = "2c918085708c274401708c2a8a760001" // "Correlation - Employee Number"
	ManagerCorrelationRuleID = "2c918085708c274401708c2a8a760002" // "Manager Correlation - Manager Id"
	BeforeProvisioningRuleID = "2c918085708c274401708c2a8a760003" // "Before Provisioning - Set Defaults"

	AccountCorrelationConfigID = "2c9180855d191c59015d28583727245a" // "Directory Account Correlation"

	CorporatePasswordPolicyID = "2c9180855d191c59015d291ceb053980" // "Corporate Password Policy"
	VendorPasswordPolicyID    = "2c9180855d191c59015d291ceb057777" // "Vendor Password Policy"
)

// DefaultIdentities is the size of the generated identity set when Config.Identities is zero.
const DefaultIdentities = 50

// fixtureEpoch is when the generated fixtures were "created".
const fixtureEpoch = "2023-01-02T08:00:00Z"

// FixtureObject is a fixture that is not an identity.
type FixtureObject struct {
	Type string `json:"type"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

var fixtureObjects = []FixtureObject{
	{refCluster, CorporateClusterID, "Corporate Cluster"},
	{refCluster, DMZClusterID, "DMZ Cluster"},
	{refGovernanceGroup, SourceAdminsGovernanceGroupID, "Source Admins"},
	{refRule, CorrelationRuleID, "Correlation - Employee Number"},
	{refRule, ManagerCorrelationRuleID, "Manager Correlation - Manager Id"},
	{refRule, BeforeProvisioningRuleID, "Before Provisioning - Set Defaults"},
	{refCorrelationConfig, AccountCorrelationConfigID, "Directory Account Correlation"},
	{refPasswordPolicy, CorporatePasswordPolicyID, "Corporate Password Policy"},
	{refPasswordPolicy, VendorPasswordPolicyID, "Vendor Password Policy"},
}

// fixtures is the read-only data every Server starts from.
type fixtures struct {
	objects    []FixtureObject
	names      map[string]map[string]string // reference type -> id -> name
	identities []*Identity                  // in generation order; [0] is the admin
	identity   map[string]*Identity
}

func newFixtures(identities int) *fixtures {
	f := &fixtures{objects: fixtureObjects, names: map[string]map[string]string{}}
	for _, o := range fixtureObjects {
		if f.names[o.Type] == nil {
			f.names[o.Type] = map[string]string{}
		}
		f.names[o.Type][o.ID] = o.Name
	}
	f.identities = generateIdentities(identities)
	f.identity = make(map[string]*Identity, len(f.identities))
	for _, id := range f.identities {
		f.identity[id.ID] = id
	}
	return f
}

// name returns the name of a fixture of the given reference type, if it exists.
func (f *fixtures) name(refType, id string) (string, bool) {
	n, ok := f.names[refType][id]
	return n, ok
}

// FixtureIdentityID returns the id of the i-th generated identity (0 is the admin identity).
// Ids are deterministic, so tests can name identities without listing them first.
//
// The generated set is the same for a given Config.Identities: identity i > 0 reports to identity
// (i-1)/8 (so the admin and the first identities are managers, isManager true); lifecycle state is
// "inactive" (identityStatus DISABLED) when i%20 == 16, "prehire" (REGISTERED) when 17,
// "terminated" (TERMINATED) when 18 and "active" (ACTIVE) otherwise; identities with i%10 == 9 are
// uncorrelated (no lifecycle state, UNREGISTERED, hidden by defaultFilter CORRELATED_ONLY); i%25 == 13
// has processingState ERROR; i%30 == 0 is protected. Names combine 40 first and 40 last names and
// are unique up to 1600 identities; aliases (first.last) and emails (alias@example.com) always are.
// Attributes hold uid, firstname, lastname, displayName, email, department, identificationNumber,
// cloudStatus, cloudLifecycleState and manager.
func FixtureIdentityID(i int) string {
	if i == 0 {
		return AdminIdentityID
	}
	sum := sha256.Sum256([]byte(fmt.Sprintf("isc-emulator/identity/%d", i)))
	return hex.EncodeToString(sum[:16])
}

var (
	firstNames = []string{"Aaron", "Beatriz", "Carlos", "Dana", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas",
		"Kavya", "Liam", "Maja", "Noah", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tara",
		"Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Anika", "Bruno", "Chloe", "Diego",
		"Emma", "Felix", "Gia", "Hugo", "Ivy", "Jack", "Kira", "Luca", "Mila", "Nils"}
	lastNames = []string{"Andersen", "Becker", "Castro", "Dubois", "Eriksen", "Fischer", "Garcia", "Hansen", "Ito", "Jensen",
		"Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Petrov", "Quintero", "Rossi", "Schmidt", "Tanaka",
		"Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zimmermann", "Almeida", "Bianchi", "Costa", "Dahl",
		"Evans", "Ferreira", "Gomez", "Horvat", "Iqbal", "Jovanovic", "Kim", "Lopez", "Meyer", "Novak"}
	departments = []string{"Engineering", "Finance", "Human Resources", "Marketing", "Operations", "Sales", "Legal"}
)

// identityManagerSpan is how many direct reports each manager has in the generated hierarchy.
const identityManagerSpan = 8

// generateIdentities builds n deterministic identities as FixtureIdentityID describes.
func generateIdentities(n int) []*Identity {
	n = max(n, 1)
	epoch, _ := time.Parse(time.RFC3339, fixtureEpoch)
	out := make([]*Identity, n)
	for i := range n {
		first, last := "ISC", "Admin" // AdminIdentityName
		alias, email := AdminIdentityAlias, AdminIdentityEmail
		if i > 0 {
			k := i - 1
			first = firstNames[k%len(firstNames)]
			last = lastNames[(k/len(firstNames)+k)%len(lastNames)]
			alias = strings.ToLower(first + "." + last)
			if round := k / (len(firstNames) * len(lastNames)); round > 0 {
				alias += fmt.Sprint(round + 1)
			}
			email = alias + "@example.com"
		}
		created := epoch.Add(time.Duration(i) * time.Hour)
		id := &Identity{
			ID:             FixtureIdentityID(i),
			Name:           first + " " + last,
			Created:        formatTime(created),
			Modified:       formatTime(created.Add(24 * time.Hour)),
			Alias:          alias,
			EmailAddress:   email,
			IdentityStatus: "ACTIVE",
			IsManager:      i*identityManagerSpan+1 < n,
			LastRefresh:    formatTime(created.Add(48 * time.Hour)),
			correlated:     i%10 != 9,
			protected:      i%30 == 0,
			firstname:      first,
			lastname:       last,
		}
		lifecycle := "active"
		switch i % 20 {
		case 16:
			lifecycle, id.IdentityStatus = "inactive", "DISABLED"
		case 17:
			lifecycle, id.IdentityStatus = "prehire", "REGISTERED"
		case 18:
			lifecycle, id.IdentityStatus = "terminated", "TERMINATED"
		}
		if id.correlated {
			id.LifecycleState = &LifecycleState{StateName: lifecycle, ManuallyUpdated: i%20 == 18}
		} else {
			id.IdentityStatus = "UNREGISTERED"
		}
		if i%25 == 13 {
			state := "ERROR"
			id.ProcessingState = &state
		}
		if i > 0 {
			m := out[(i-1)/identityManagerSpan]
			id.ManagerRef = &Ref{Type: refIdentity, ID: m.ID, Name: m.Name}
		}
		id.Attributes = map[string]any{
			"uid":                  alias,
			"firstname":            first,
			"lastname":             last,
			"displayName":          id.Name,
			"email":                email,
			"department":           departments[i%len(departments)],
			"identificationNumber": fmt.Sprintf("E%05d", i),
			"cloudStatus":          id.IdentityStatus,
			"cloudLifecycleState":  lifecycle,
		}
		if id.ManagerRef != nil {
			id.Attributes["manager"] = id.ManagerRef.Name
		}
		out[i] = id
	}
	return out
}
