package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// This file holds the model of sailpoint_source and its conversions to and from ISC's source.

type mappingModel struct {
	AccountAttributeName  types.String `tfsdk:"account_attribute_name"`
	IdentityAttributeName types.String `tfsdk:"identity_attribute_name"`
}

type schemaRefModel struct {
	ID   types.String `tfsdk:"id"`
	Name types.String `tfsdk:"name"`
}

var schemaRefType = objectTypeOf[schemaRefModel]()

type sourceModel struct {
	ID                           types.String   `tfsdk:"id"`
	Name                         types.String   `tfsdk:"name"`
	Description                  types.String   `tfsdk:"description"`
	Connector                    types.String   `tfsdk:"connector"`
	ConnectorClass               types.String   `tfsdk:"connector_class"`
	Type                         types.String   `tfsdk:"type"`
	ProvisionAsCsv               types.Bool     `tfsdk:"provision_as_csv"`
	DeleteThreshold              types.Int64    `tfsdk:"delete_threshold"`
	Owner                        *refModel      `tfsdk:"owner"`
	Cluster                      *refModel      `tfsdk:"cluster"`
	ManagementWorkgroup          *refModel      `tfsdk:"management_workgroup"`
	AccountCorrelationConfig     *refModel      `tfsdk:"account_correlation_config"`
	AccountCorrelationRule       *refModel      `tfsdk:"account_correlation_rule"`
	ManagerCorrelationRule       *refModel      `tfsdk:"manager_correlation_rule"`
	BeforeProvisioningRule       *refModel      `tfsdk:"before_provisioning_rule"`
	ManagerCorrelationMapping    *mappingModel  `tfsdk:"manager_correlation_mapping"`
	Features                     types.Set      `tfsdk:"features"`
	PasswordPolicyIDs            types.Set      `tfsdk:"password_policy_ids"`
	ConnectorAttributes          jsonValue      `tfsdk:"connector_attributes"`
	ConnectorAttributesWO        jsonValue      `tfsdk:"connector_attributes_wo"`
	ConnectorAttributesWOVersion types.Int64    `tfsdk:"connector_attributes_wo_version"`
	ConnectorSecretsUnmanaged    types.Set      `tfsdk:"connector_secrets_unmanaged"`
	Authoritative                types.Bool     `tfsdk:"authoritative"`
	Healthy                      types.Bool     `tfsdk:"healthy"`
	Status                       types.String   `tfsdk:"status"`
	ConnectorName                types.String   `tfsdk:"connector_name"`
	Schemas                      types.List     `tfsdk:"schemas"`
	Created                      types.String   `tfsdk:"created"`
	Timeouts                     timeouts.Value `tfsdk:"timeouts"`
}

// toClient builds the ISC source from the model. cfg carries the write-only secrets, merged in
// when withSecrets is set.
func (m *sourceModel) toClient(ctx context.Context, cfg sourceModel, withSecrets bool) (*client.Source, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := &client.Source{
		Name:                     m.Name.ValueString(),
		Description:              m.Description.ValueString(),
		Connector:                m.Connector.ValueString(),
		ConnectorClass:           m.ConnectorClass.ValueString(),
		Type:                     m.Type.ValueString(),
		Owner:                    m.Owner.toClient(client.RefIdentity),
		Cluster:                  m.Cluster.toClient(client.RefCluster),
		ManagementWorkgroup:      m.ManagementWorkgroup.toClient(client.RefGovernanceGroup),
		AccountCorrelationConfig: m.AccountCorrelationConfig.toClient(client.RefAccountCorrelationConfig),
		AccountCorrelationRule:   m.AccountCorrelationRule.toClient(client.RefRule),
		ManagerCorrelationRule:   m.ManagerCorrelationRule.toClient(client.RefRule),
		BeforeProvisioningRule:   m.BeforeProvisioningRule.toClient(client.RefRule),
	}
	if !m.DeleteThreshold.IsNull() && !m.DeleteThreshold.IsUnknown() {
		v := m.DeleteThreshold.ValueInt64()
		s.DeleteThreshold = &v
	}
	if m.ManagerCorrelationMapping != nil {
		s.ManagerCorrelationMapping = &client.ManagerCorrelationMapping{
			AccountAttributeName:  m.ManagerCorrelationMapping.AccountAttributeName.ValueString(),
			IdentityAttributeName: m.ManagerCorrelationMapping.IdentityAttributeName.ValueString(),
		}
	}
	if !m.Features.IsNull() && !m.Features.IsUnknown() {
		diags.Append(m.Features.ElementsAs(ctx, &s.Features, false)...)
		sort.Strings(s.Features)
	}
	attrs := jsonObjectAt(m.ConnectorAttributes, path.Root("connector_attributes"), &diags)
	if withSecrets {
		secrets := jsonObjectAt(cfg.ConnectorAttributesWO, path.Root("connector_attributes_wo"), &diags)
		for k, v := range secrets {
			if attrs == nil {
				attrs = map[string]any{}
			}
			attrs[k] = v
		}
	}
	s.ConnectorAttributes = attrs
	return s, diags
}

// fromClient sets the model from ISC's source. prior (the plan after an apply, the state on a
// read) supplies what ISC does not return: which connector attributes are managed, secret
// values, and whether provision_as_csv was set. After an apply, reference names the plan set
// are kept; a read takes ISC's. readAll takes every connector attribute, after an import.
func (m *sourceModel) fromClient(ctx context.Context, s *client.Source, prior sourceModel, applied, readAll bool) diag.Diagnostics {
	var diags diag.Diagnostics
	plannedRef := func(r *refModel) *refModel {
		if applied {
			return r
		}
		return nil
	}
	m.ID = types.StringValue(s.ID)
	m.Name = types.StringValue(s.Name)
	if s.Description != "" || !prior.Description.IsNull() {
		m.Description = types.StringValue(s.Description)
	}
	m.Connector = types.StringValue(s.Connector)
	m.ConnectorClass = stringOrNull(s.ConnectorClass)
	m.Type = stringOrNull(s.Type)
	if prior.ProvisionAsCsv.IsNull() || prior.ProvisionAsCsv.IsUnknown() {
		m.ProvisionAsCsv = types.BoolValue(s.Type == "DelimitedFile")
	}
	if s.DeleteThreshold != nil {
		m.DeleteThreshold = types.Int64Value(*s.DeleteThreshold)
	} else {
		m.DeleteThreshold = types.Int64Null()
	}
	m.Owner = refFromClient(s.Owner, plannedRef(prior.Owner))
	m.Cluster = refFromClient(s.Cluster, plannedRef(prior.Cluster))
	m.ManagementWorkgroup = refFromClient(s.ManagementWorkgroup, plannedRef(prior.ManagementWorkgroup))
	m.AccountCorrelationConfig = refFromClient(s.AccountCorrelationConfig, plannedRef(prior.AccountCorrelationConfig))
	m.AccountCorrelationRule = refFromClient(s.AccountCorrelationRule, plannedRef(prior.AccountCorrelationRule))
	m.ManagerCorrelationRule = refFromClient(s.ManagerCorrelationRule, plannedRef(prior.ManagerCorrelationRule))
	m.BeforeProvisioningRule = refFromClient(s.BeforeProvisioningRule, plannedRef(prior.BeforeProvisioningRule))
	m.ManagerCorrelationMapping = nil
	if mm := s.ManagerCorrelationMapping; mm != nil && (mm.AccountAttributeName != "" || mm.IdentityAttributeName != "") {
		m.ManagerCorrelationMapping = &mappingModel{
			AccountAttributeName:  types.StringValue(mm.AccountAttributeName),
			IdentityAttributeName: types.StringValue(mm.IdentityAttributeName),
		}
	}
	features := s.Features
	if features == nil {
		features = []string{}
	}
	var d diag.Diagnostics
	m.Features, d = types.SetValueFrom(ctx, types.StringType, features)
	diags.Append(d...)

	policyIDs := make([]string, 0, len(s.PasswordPolicies))
	for _, p := range s.PasswordPolicies {
		policyIDs = append(policyIDs, p.ID)
	}
	m.PasswordPolicyIDs, d = types.SetValueFrom(ctx, types.StringType, policyIDs)
	diags.Append(d...)

	attrs, err := managedAttributes(s.ConnectorAttributes, prior.ConnectorAttributes, readAll)
	if err != nil {
		diags.AddAttributeError(path.Root("connector_attributes"), "Cannot read connector_attributes", err.Error())
	}
	m.ConnectorAttributes = attrs
	m.ConnectorAttributesWO = jsonNull()

	// Identity profiles, health checks and the source's schemas change these, not an update of the
	// source: other resources of the same apply may have changed them already.
	m.Authoritative = serverValue(types.BoolValue(s.Authoritative), prior.Authoritative, applied)
	m.Healthy = serverValue(types.BoolValue(s.Healthy), prior.Healthy, applied)
	m.Status = serverValue(types.StringValue(s.Status), prior.Status, applied)
	m.ConnectorName = types.StringValue(s.ConnectorName)
	schemas := make([]schemaRefModel, 0, len(s.Schemas))
	for _, sc := range s.Schemas {
		schemas = append(schemas, schemaRefModel{ID: types.StringValue(sc.ID), Name: types.StringValue(sc.Name)})
	}
	schemaRefs, d := types.ListValueFrom(ctx, schemaRefType, schemas)
	diags.Append(d...)
	m.Schemas = serverValue(schemaRefs, prior.Schemas, applied)
	m.Created = types.StringValue(s.Created)
	return diags
}

// copyServerValues takes the values only ISC sets from prior, after an update that patched
// nothing. The password policies too are those ISC holds until their own step sets new ones.
func (m *sourceModel) copyServerValues(prior sourceModel) {
	m.ID, m.Authoritative, m.Healthy, m.Status = prior.ID, prior.Authoritative, prior.Healthy, prior.Status
	m.ConnectorName, m.Schemas, m.Created = prior.ConnectorName, prior.Schemas, prior.Created
	m.Features, m.ConnectorClass, m.Type, m.PasswordPolicyIDs = prior.Features, prior.ConnectorClass, prior.Type, prior.PasswordPolicyIDs
	if m.ConnectorAttributes.IsUnknown() {
		m.ConnectorAttributes = prior.ConnectorAttributes
	}
}

// managedAttributes picks the connector attributes to keep in state: the keys prior manages
// (or all of them after an import), with ISC's values, except that secret values, which ISC
// returns as cipher text, keep the configured value.
func managedAttributes(server map[string]any, prior jsonValue, all bool) (jsonValue, error) {
	if all {
		out := map[string]any{}
		for k, v := range server {
			if !client.IsSecretKey(k) {
				out[k] = v
			}
		}
		if len(out) == 0 {
			return jsonNull(), nil
		}
		return normalizedJSON(out)
	}
	if prior.IsUnknown() {
		return jsonNull(), nil
	}
	managed, err := jsonObject(prior)
	if err != nil || managed == nil {
		return prior, err
	}
	out := make(map[string]any, len(managed))
	for k, v := range managed {
		sv, ok := server[k]
		switch {
		case !ok:
			// Gone from ISC: leaving it out shows the drift.
		case client.IsSecretKey(k):
			out[k] = v
		default:
			out[k] = sv
		}
	}
	return normalizedJSON(out)
}
