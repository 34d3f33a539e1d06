package emulator

// connector describes what ISC derives from a source's connector script name.
type connector struct {
	name           string   // connectorName
	typ            string   // default type
	class          string   // default connectorClass
	connectionType string   // "direct" or "file"
	features       []string // default features
	identityAttr   string   // the default account schema's identityAttribute
	displayAttr    string   // and displayAttribute
	createPolicy   bool     // whether a new source gets a default CREATE provisioning policy (createFields)
}

// delimitedFile is the connector of sources created with provisionAsCsv=true.
const (
	delimitedFile     = "delimited-file"
	delimitedFileType = "DelimitedFile"
)

var connectors = map[string]connector{
	"active-directory": {
		name: "Active Directory - Direct", typ: "Active Directory - Direct",
		class: "sailpoint.connector.ADLDAPConnector", connectionType: "direct",
		features: []string{"AUTHENTICATE", "DIRECT_PERMISSIONS", "ENABLE", "MANAGER_LOOKUP", "SEARCH",
			"UNLOCK", "UNSTRUCTURED_TARGETS", "PROVISIONING", "SYNC_PROVISIONING", "PASSWORD", "CURRENT_PASSWORD",
			"GROUP_PROVISIONING"},
		identityAttr: "distinguishedName", displayAttr: "sAMAccountName", createPolicy: true,
	},
	delimitedFile: {
		name: "Delimited File", typ: delimitedFileType,
		class: "sailpoint.connector.DelimitedFileConnector", connectionType: "file",
		features:     []string{"DIRECT_PERMISSIONS", "NO_RANDOM_ACCESS", "DISCOVER_SCHEMA"},
		identityAttr: "id", displayAttr: "name", createPolicy: true,
	},
	"jdbc": {
		name: "JDBC", typ: "JDBC", class: "sailpoint.connector.JDBCConnector", connectionType: "direct",
		features:     []string{"DISCOVER_SCHEMA", "DIRECT_PERMISSIONS", "NO_RANDOM_ACCESS", "PROVISIONING", "PASSWORD"},
		identityAttr: "id", displayAttr: "name",
	},
	"web-services": {
		name: "Web Services", typ: "Web Services", class: "sailpoint.connector.WebServicesConnector",
		connectionType: "direct",
		features:       []string{"PROVISIONING", "ENABLE", "UNLOCK", "PASSWORD", "AUTHENTICATE"},
		identityAttr:   "id", displayAttr: "name",
	},
	"ldap": {
		name: "LDAP - Direct", typ: "LDAP - Direct", class: "sailpoint.connector.LDAPConnector",
		connectionType: "direct",
		features:       []string{"AUTHENTICATE", "ENABLE", "SEARCH", "PROVISIONING", "PASSWORD", "GROUP_PROVISIONING"},
		identityAttr:   "dn", displayAttr: "uid",
	},
}

// createFields are the fields of the default CREATE policy of a connector with createPolicy.
func (c connector) createFields() []FieldDetails {
	identityAttribute := func(name, attr string, required bool) FieldDetails {
		f := FieldDetails{Name: name, Type: "string", Transform: map[string]any{
			"type": "identityAttribute", "attributes": map[string]any{"name": attr}}}
		if required {
			f.Attributes = map[string]any{"cloudRequired": "true"}
		}
		return f
	}
	if c.connectionType == "file" {
		return []FieldDetails{identityAttribute(c.identityAttr, "uid", true), identityAttribute(c.displayAttr, "displayName", false)}
	}
	return []FieldDetails{
		identityAttribute("sAMAccountName", "uid", true),
		{Name: "distinguishedName", Type: "string", Attributes: map[string]any{"cloudRequired": "true"},
			Transform: map[string]any{"type": "static", "attributes": map[string]any{"value": "CN=$uid,OU=Users,DC=example,DC=com"}}},
		{Name: "password", Type: "secret", Transform: map[string]any{"type": "rule", "attributes": map[string]any{"name": "Create Password"}}},
	}
}

// connectorFor returns what ISC knows about a connector; an unknown one is named after itself and
// gets no default features.
func connectorFor(script string) connector {
	if c, ok := connectors[script]; ok {
		return c
	}
	return connector{
		name: script, typ: script, class: "sailpoint.connector.OpenConnectorAdapter", connectionType: "direct",
		features: []string{}, identityAttr: "id", displayAttr: "name",
	}
}

// sourceFeatures is the SourceFeature enum.
var sourceFeatures = setOf("AUTHENTICATE", "COMPOSITE", "DIRECT_PERMISSIONS", "DISCOVER_SCHEMA", "ENABLE",
	"MANAGER_LOOKUP", "NO_RANDOM_ACCESS", "PROXY", "SEARCH", "TEMPLATE", "UNLOCK", "UNSTRUCTURED_TARGETS",
	"SHAREPOINT_TARGET", "PROVISIONING", "GROUP_PROVISIONING", "SYNC_PROVISIONING", "PASSWORD",
	"CURRENT_PASSWORD", "ACCOUNT_ONLY_REQUEST", "ADDITIONAL_ACCOUNT_REQUEST", "NO_AGGREGATION",
	"GROUPS_HAVE_MEMBERS", "NO_PERMISSIONS_PROVISIONING", "NO_GROUP_PERMISSIONS_PROVISIONING",
	"NO_UNSTRUCTURED_TARGETS_PROVISIONING", "NO_DIRECT_PERMISSIONS_PROVISIONING", "PREFER_UUID",
	"ARM_SECURITY_EXTRACT", "ARM_UTILIZATION_EXTRACT", "ARM_CHANGELOG_EXTRACT", "USES_UUID",
	"APPLICATION_DISCOVERY", "DELETE")

func setOf(items ...string) map[string]bool {
	m := make(map[string]bool, len(items))
	for _, it := range items {
		m[it] = true
	}
	return m
}
