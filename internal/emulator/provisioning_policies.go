package emulator

import (
	"net/http"
	"regexp"
	"slices"
	"strings"
)

func (s *Server) provisioningPolicyRoutes(m *http.ServeMux) {
	s.handle(m, "GET /sources/{sourceId}/provisioning-policies", s.listProvisioningPolicies)
	s.handle(m, "POST /sources/{sourceId}/provisioning-policies", s.createProvisioningPolicy)
	s.handle(m, "GET /sources/{sourceId}/provisioning-policies/{usageType}", s.getProvisioningPolicy)
	s.handle(m, "PUT /sources/{sourceId}/provisioning-policies/{usageType}", s.putProvisioningPolicy)
	s.handle(m, "PATCH /sources/{sourceId}/provisioning-policies/{usageType}", s.patchProvisioningPolicy)
	s.handle(m, "DELETE /sources/{sourceId}/provisioning-policies/{usageType}", s.deleteProvisioningPolicy)
}

// usageTypes is the UsageType enum; a source has at most one policy per usage type.
var usageTypes = setOf("CREATE", "UPDATE", "ENABLE", "DISABLE", "DELETE", "ASSIGN", "UNASSIGN", "CREATE_GROUP",
	"UPDATE_GROUP", "DELETE_GROUP", "REGISTER", "CREATE_IDENTITY", "UPDATE_IDENTITY", "EDIT_GROUP", "UNLOCK",
	"CHANGE_PASSWORD")

// fieldTypes is the FieldDetailsDto type enum.
var fieldTypes = setOf("string", "int", "long", "date", "boolean", "secret")

// isRequiredPath matches patch paths at a field's read-only isRequired flag.
var isRequiredPath = regexp.MustCompile(`^/fields/[^/]+/isRequired$`)

// normalizeProvisioningPolicy validates a policy for usageType and fills what the server owns:
// transform and attributes default to {}, and isRequired is computed — a field is required when
// its attributes say cloudRequired "true" (or true), ISC's transform attribute for it.
func normalizeProvisioningPolicy(p *ProvisioningPolicy, usageType string, nameSent bool) error {
	if !nameSent {
		return badRequest("field 'name' is required")
	}
	if p.UsageType != "" && p.UsageType != usageType {
		return badRequest("field 'usageType' is '%s' but the policy is the %s policy; the usage type cannot be changed", p.UsageType, usageType)
	}
	p.UsageType = usageType
	if p.Fields == nil {
		p.Fields = []FieldDetails{}
	}
	for i := range p.Fields {
		f := &p.Fields[i]
		if f.Type != "" && !fieldTypes[f.Type] {
			return badRequest("field 'fields[%d].type' must be one of string, int, long, date, boolean, secret, got '%s'", i, f.Type)
		}
		if f.Transform == nil {
			f.Transform = map[string]any{}
		}
		if f.Attributes == nil {
			f.Attributes = map[string]any{}
		}
		switch v := f.Attributes["cloudRequired"].(type) {
		case string:
			f.IsRequired = strings.EqualFold(v, "true")
		case bool:
			f.IsRequired = v
		default:
			f.IsRequired = false
		}
	}
	return nil
}

// usageTypeParam validates the usage type in the path.
func usageTypeParam(r *http.Request) (string, error) {
	u := r.PathValue("usageType")
	if !usageTypes[u] {
		return "", badRequest("path parameter 'usageType' must be a UsageType such as CREATE or UPDATE, got '%s'", u)
	}
	return u, nil
}

// policyOf finds a source's policy by the usage type in the path.
func (s *Server) policyOf(r *http.Request) (*sourceRecord, int, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return nil, 0, err
	}
	u, err := usageTypeParam(r)
	if err != nil {
		return nil, 0, err
	}
	i := slices.IndexFunc(rec.policies, func(p *ProvisioningPolicy) bool { return p.UsageType == u })
	if i < 0 {
		return nil, 0, notFound("source '%s' has no %s provisioning policy", rec.src.ID, u)
	}
	return rec, i, nil
}

func (s *Server) listProvisioningPolicies(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, append([]*ProvisioningPolicy{}, rec.policies...), nil
}

func (s *Server) getProvisioningPolicy(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.policyOf(r)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, rec.policies[i], nil
}

// decodeProvisioningPolicy decodes a policy body and tells whether it has the required name key.
func decodeProvisioningPolicy(r *http.Request) (*ProvisioningPolicy, bool, error) {
	body := readBody(r)
	present, err := presentFields(body)
	if err != nil {
		return nil, false, err
	}
	var p ProvisioningPolicy
	if err := decodeJSON(body, &p); err != nil {
		return nil, false, err
	}
	_, named := present["name"] // name is required but nullable
	return &p, named, nil
}

func (s *Server) createProvisioningPolicy(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, err := s.source(r.PathValue("sourceId"))
	if err != nil {
		return 0, nil, err
	}
	p, named, err := decodeProvisioningPolicy(r)
	if err != nil {
		return 0, nil, err
	}
	if !usageTypes[p.UsageType] {
		return 0, nil, badRequest("field 'usageType' must be a UsageType such as CREATE or UPDATE, got '%s'", p.UsageType)
	}
	if err := normalizeProvisioningPolicy(p, p.UsageType, named); err != nil {
		return 0, nil, err
	}
	if slices.ContainsFunc(rec.policies, func(o *ProvisioningPolicy) bool { return o.UsageType == p.UsageType }) {
		return 0, nil, badRequest("source '%s' already has a %s provisioning policy", rec.src.ID, p.UsageType)
	}
	rec.policies = append(rec.policies, p)
	return http.StatusCreated, p, nil
}

func (s *Server) putProvisioningPolicy(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.policyOf(r)
	if err != nil {
		return 0, nil, err
	}
	p, named, err := decodeProvisioningPolicy(r)
	if err != nil {
		return 0, nil, err
	}
	if err := normalizeProvisioningPolicy(p, rec.policies[i].UsageType, named); err != nil {
		return 0, nil, err
	}
	rec.policies[i] = p
	return http.StatusOK, p, nil
}

func (s *Server) patchProvisioningPolicy(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.policyOf(r)
	if err != nil {
		return 0, nil, err
	}
	patch, err := decodePatch(mediaType(r), readBody(r))
	if err != nil {
		return 0, nil, err
	}
	var p ProvisioningPolicy
	if err := patch.without(isRequiredPath.MatchString).apply(rec.policies[i], &p); err != nil {
		return 0, nil, err
	}
	if err := normalizeProvisioningPolicy(&p, rec.policies[i].UsageType, true); err != nil {
		return 0, nil, err
	}
	rec.policies[i] = &p
	return http.StatusOK, &p, nil
}

func (s *Server) deleteProvisioningPolicy(_ http.ResponseWriter, r *http.Request) (int, any, error) {
	rec, i, err := s.policyOf(r)
	if err != nil {
		return 0, nil, err
	}
	rec.policies = slices.Delete(rec.policies, i, i+1)
	return http.StatusNoContent, nil, nil
}

// defaultCreatePolicy is the CREATE policy ISC gives a new source of connector c, if any.
func defaultCreatePolicy(c connector) *ProvisioningPolicy {
	if !c.createPolicy {
		return nil
	}
	name := "Account"
	p := &ProvisioningPolicy{Name: &name, Description: "Default account create policy", UsageType: "CREATE", Fields: c.createFields()}
	_ = normalizeProvisioningPolicy(p, "CREATE", true)
	return p
}
