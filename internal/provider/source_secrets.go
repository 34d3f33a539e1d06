package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// This file holds the plumbing of secret connector attributes: ISC answers them only with cipher
// text, and connector_attributes_wo, being write-only, reaches the provider only in the
// configuration of an apply. Private state carries what later calls need to know of them.

// privateSecretAttributes lists the names of the secret connector attributes ISC held at the last
// read, for the plan to name those the configuration lacks.
const privateSecretAttributes = "secret_connector_attributes"

// privateWriteOnlyAttributes lists the names of the connector attributes last set through
// connector_attributes_wo. Their values are secret whatever their names, so every call made for
// the source redacts them in its logs, reads and the delete wait included.
const privateWriteOnlyAttributes = "write_only_connector_attributes"

// privateGetter is the request side of a resource's private state.
type privateGetter interface {
	GetKey(ctx context.Context, key string) ([]byte, diag.Diagnostics)
}

// withWriteOnlyNames returns ctx under which the client redacts the write-only connector
// attributes named in private state (nil on create) and, when cfg sets connector_attributes_wo,
// those it names; and the names to keep in private state for later calls.
func withWriteOnlyNames(ctx context.Context, private privateGetter, cfg *sourceModel) (context.Context, []byte, diag.Diagnostics) {
	var kept []byte
	var diags diag.Diagnostics
	if private != nil {
		kept, diags = private.GetKey(ctx, privateWriteOnlyAttributes)
	}
	var names []string
	if len(kept) > 0 {
		if err := json.Unmarshal(kept, &names); err != nil {
			names = nil
		}
	}
	if cfg != nil {
		if wo, err := jsonObject(cfg.ConnectorAttributesWO); err == nil && wo != nil {
			current := slices.Sorted(maps.Keys(wo))
			names = append(names, current...)
			kept, _ = json.Marshal(current)
		}
	}
	return client.WithSecretKeys(ctx, names...), kept, diags
}

// ValidateConfig checks what single-attribute validators cannot: the kinds of connector
// attributes together. A JSON value that does not parse is reported by its attribute's validator.
func (r *sourceResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg sourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	plain, plainErr := jsonObject(cfg.ConnectorAttributes)
	for _, k := range slices.Sorted(maps.Keys(plain)) {
		if client.IsSecretKey(k) {
			resp.Diagnostics.AddAttributeWarning(path.Root("connector_attributes"), "Secret in connector_attributes",
				fmt.Sprintf("The key %q looks like a secret. ISC stores secrets encrypted and answers with cipher text, so its value is kept from this configuration and never compared with ISC's, and it is stored in state in plain text. Move it to connector_attributes_wo.", k))
		}
	}
	secret, secretErr := jsonObject(cfg.ConnectorAttributesWO)
	validateUnmanagedSecrets(cfg.ConnectorSecretsUnmanaged, []namedAttributes{{"connector_attributes", plain}, {"connector_attributes_wo", secret}}, &resp.Diagnostics)
	if plainErr != nil || secretErr != nil || cfg.ConnectorAttributesWO.IsUnknown() {
		return
	}
	for _, k := range slices.Sorted(maps.Keys(secret)) {
		if _, dup := plain[k]; dup {
			resp.Diagnostics.AddAttributeError(path.Root("connector_attributes_wo"), "Connector attribute set twice",
				fmt.Sprintf("The key %q is in both connector_attributes and connector_attributes_wo; keep it in one of them (secrets belong in connector_attributes_wo).", k))
		}
	}
	if secret != nil && cfg.ConnectorAttributesWOVersion.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("connector_attributes_wo_version"), "Missing connector_attributes_wo_version",
			"connector_attributes_wo is write-only, so Terraform cannot see when it changes. Set connector_attributes_wo_version (for example to 1) and change it whenever the secret values should be sent again.")
	}
}

// namedAttributes is one kind of connector attributes of a configuration (nil when unset,
// unknown or not parsed), with its attribute's name.
type namedAttributes struct {
	name  string
	attrs map[string]any
}

// validateUnmanagedSecrets checks each name of connector_secrets_unmanaged: a secret's, since
// only secrets are warned about, and set in no kind of connector attributes, which would manage
// what it says is not managed.
func validateUnmanagedSecrets(unmanaged types.Set, configured []namedAttributes, diags *diag.Diagnostics) {
	for _, v := range unmanaged.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() || s.IsNull() {
			continue
		}
		k := s.ValueString()
		at := path.Root("connector_secrets_unmanaged").AtSetValue(s)
		if !client.IsSecretKey(k) {
			diags.AddAttributeError(at, "Not a secret connector attribute",
				fmt.Sprintf("%q is not the name of a secret connector attribute, so ISC does not hide its value and the plan never warns about it. "+
					"connector_secrets_unmanaged takes the names of secrets, as the plan's warning names them.", k))
			continue
		}
		for _, c := range configured {
			if _, ok := c.attrs[k]; ok {
				diags.AddAttributeError(at, "Unmanaged secret set in the configuration",
					fmt.Sprintf("The secret %q is in connector_secrets_unmanaged, which says this configuration does not manage it, and in %s, which sends it to ISC. "+
						"Remove it from one of them.", k, c.name))
			}
		}
	}
}

// warnMissingSecrets names the secret connector attributes ISC holds for the source that the
// configuration sets nowhere, as after an import: ISC returns secrets only as cipher text, so
// neither the state nor generated configuration can hold them.
func warnMissingSecrets(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	held, diags := req.Private.GetKey(ctx, privateSecretAttributes)
	resp.Diagnostics.Append(diags...)
	var names []string
	if len(held) == 0 || json.Unmarshal(held, &names) != nil {
		return
	}
	var cfg sourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	unmanaged, known := knownStrings(cfg.ConnectorSecretsUnmanaged)
	if resp.Diagnostics.HasError() || cfg.ConnectorAttributes.IsUnknown() || cfg.ConnectorAttributesWO.IsUnknown() || !known {
		return
	}
	plain, _ := jsonObject(cfg.ConnectorAttributes)
	secret, _ := jsonObject(cfg.ConnectorAttributesWO)
	var missing []string
	for _, k := range names {
		_, inPlain := plain[k]
		_, inSecret := secret[k]
		if !inPlain && !inSecret && !unmanaged[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return
	}
	quoted := make([]string, len(missing))
	for i, k := range missing {
		quoted[i] = strconv.Quote(k)
	}
	resp.Diagnostics.AddAttributeWarning(path.Root("connector_attributes_wo"), "Secret connector attributes are not in the configuration",
		fmt.Sprintf("ISC holds secret connector attributes of source %q that this configuration does not set: %s. ISC keeps them as they are, "+
			"but returns secrets only as cipher text, so an import cannot bring them into the configuration. To manage them with Terraform, "+
			"set them in connector_attributes_wo, such as connector_attributes_wo = jsonencode({ %q = var.secret }), together with "+
			"connector_attributes_wo_version = 1: the next apply sends them to ISC. To leave them to ISC, acknowledge them with "+
			"connector_secrets_unmanaged = [%s]: the plan then stops warning about them.",
			cfg.Name.ValueString(), strings.Join(missing, ", "), missing[0], strings.Join(quoted, ", ")))
}

// knownStrings is the elements of a set of strings, and whether they are all known.
func knownStrings(set types.Set) (map[string]bool, bool) {
	if set.IsUnknown() {
		return nil, false
	}
	out := map[string]bool{}
	for _, v := range set.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() {
			return nil, false
		}
		out[s.ValueString()] = true
	}
	return out, true
}

// secretAttributeNames are the names of the secret connector attributes that have a value, sorted.
func secretAttributeNames(attrs map[string]any) []byte {
	var names []string
	for _, k := range slices.Sorted(maps.Keys(attrs)) {
		if v := attrs[k]; client.IsSecretKey(k) && v != nil && v != "" {
			names = append(names, k)
		}
	}
	if len(names) == 0 {
		return nil
	}
	b, _ := json.Marshal(names)
	return b
}
