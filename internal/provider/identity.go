package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// objectIdentity is the resource identity (Terraform >= 1.12) of an object type: the attributes
// that its import ID is made of, in order, such as source_id and usage_type for SOURCE_ID/USAGE_TYPE.
// So an import block takes either form, and the identity never holds more than the import ID.
type objectIdentity struct {
	typeName string // sailpoint_source_schedule
	shape    string // SOURCE_ID/TYPE
	attrs    []string
}

// schema is the identity schema: every attribute a string an import by identity must give.
func (o objectIdentity) schema() identityschema.Schema {
	parts := strings.Split(o.shape, "/")
	attrs := make(map[string]identityschema.Attribute, len(o.attrs))
	for i, a := range o.attrs {
		attrs[a] = identityschema.StringAttribute{
			RequiredForImport: true,
			Description:       fmt.Sprintf("The resource's %#q: %s in the import ID %s.", a, parts[i], o.shape),
		}
	}
	return identityschema.Schema{Attributes: attrs}
}

func (o objectIdentity) identitySchema(resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = o.schema()
}

// record copies the identity from the state a Create, Read or Update has just written. It does
// nothing after an error, on a removed resource, or on a Terraform that has no identities.
func (o objectIdentity) record(ctx context.Context, state *tfsdk.State, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if diags.HasError() || identity == nil || state.Raw.IsNull() {
		return
	}
	for _, a := range o.attrs {
		var v types.String
		diags.Append(state.GetAttribute(ctx, path.Root(a), &v)...)
		diags.Append(identity.SetAttribute(ctx, path.Root(a), v)...)
	}
}

// importID is the import ID of an import: the ID of an import by ID, or, of an import by identity,
// the identity's attributes joined as the ID's parts. "" after an error naming the attribute.
func (o objectIdentity) importID(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) string {
	if req.ID != "" || req.Identity == nil || req.Identity.Raw.IsNull() {
		return req.ID
	}
	parts := make([]string, len(o.attrs))
	for i, a := range o.attrs {
		var v types.String
		diags.Append(req.Identity.GetAttribute(ctx, path.Root(a), &v)...)
		parts[i] = v.ValueString()
		if p := parts[i]; p == "" || strings.Contains(p, "/") || strings.TrimSpace(p) != p {
			diags.AddError("Invalid import identity for "+o.typeName, fmt.Sprintf(
				"identity attribute %q is %q: set it to the resource's %s, which is not empty, has no \"/\" and does not start or end with a space.",
				a, p, a))
		}
	}
	if diags.HasError() {
		return ""
	}
	return o.join(parts)
}

// join is the import ID of the identity attributes' values.
func (o objectIdentity) join(parts []string) string { return strings.Join(parts, "/") }

// setImported sets the identity of an import from the import ID's parts.
func (o objectIdentity) setImported(ctx context.Context, parts []string, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	if identity == nil {
		return
	}
	for i, a := range o.attrs {
		diags.Append(identity.SetAttribute(ctx, path.Root(a), parts[i])...)
	}
}
