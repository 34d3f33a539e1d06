package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// This file holds the plan-time checks of the one reference ISC enforces on a delete: a source
// that an identity profile uses as its authoritative source cannot be deleted (400), and a source
// is the authoritative source of at most one profile. Both read the run's one list of profiles.

// refuseSourceDeleteInUse stops the plan of a change that deletes source id (a destroy, or a
// replacement, whose change says how) while an identity profile uses it: ISC would refuse the
// delete at apply, after other resources may have changed. A profile whose destroy this run has
// planned already does not count, since Terraform deletes a profile before the source it refers
// to (see runState for when that plan is seen in time).
func (h *clientHolder) refuseSourceDeleteInUse(ctx context.Context, id, name, change string, diags *diag.Diagnostics) {
	if h.client == nil || id == "" {
		return
	}
	profiles, err := h.client.IdentityProfilesUsingSource(ctx, id)
	if err != nil {
		diags.AddWarning("Cannot check the identity profiles of a SailPoint source",
			fmt.Sprintf("Could not read the identity profiles to check whether one uses source %q (id %s), which this plan deletes: %s. "+
				"ISC refuses to delete a source that an identity profile uses.", name, id, err))
		return
	}
	for _, p := range profiles {
		if h.run.destroysProfile(p.ID) {
			continue
		}
		diags.AddError("SailPoint source in use by an identity profile", fmt.Sprintf(
			"%s source %q (id %s), but it is the authoritative source of identity profile %q (id %s), and ISC refuses to delete "+
				"a source that an identity profile uses.\n\n"+
				"First make the profile stop using the source, in a change of its own: point its authoritative_source at another source, "+
				"or delete the profile. If Terraform manages the profile, make that change and apply it alone with "+
				"terraform apply -target=<the profile's address> (to delete it: terraform destroy -target=<the profile's address>), "+
				"then plan this change again. Removing the profile from the configuration in this same plan is not reliably seen: "+
				"Terraform plans the two in no fixed order (terraform destroy of both does work; it plans the configuration first, "+
				"so run it without a replacing change pending, or with -refresh=false).",
			change, name, id, p.Name, p.ID))
	}
}

// refuseSourceTaken stops the plan of identity profile profileID (empty for a new one) named name
// when its authoritative source sourceID is the authoritative source of another profile already:
// ISC refuses it at apply. A profile of the same name is not another one: names are unique, so a
// new profile of that name is the second half of its replacement (a tainted profile, or
// terraform apply -replace), which Terraform plans as a create and applies after the delete.
func (h *clientHolder) refuseSourceTaken(ctx context.Context, profileID, name, sourceID string, diags *diag.Diagnostics) {
	if h.client == nil || sourceID == "" {
		return
	}
	at := path.Root("authoritative_source").AtName("id")
	profiles, err := h.client.IdentityProfilesUsingSource(ctx, sourceID)
	if err != nil {
		diags.AddAttributeWarning(at, "Cannot check the identity profiles of a SailPoint source",
			fmt.Sprintf("Could not read the identity profiles to check whether another one uses source %s already: %s. "+
				"ISC allows a source to be the authoritative source of one profile only.", sourceID, err))
		return
	}
	for _, p := range profiles {
		if p.ID == profileID || (profileID == "" && strings.EqualFold(p.Name, name)) {
			continue
		}
		diags.AddAttributeError(at, "Source already in use by an identity profile", fmt.Sprintf(
			"Source %s is the authoritative source of identity profile %q (id %s) already, and ISC allows a source to be the "+
				"authoritative source of one profile only. Choose another source, or first make that profile stop using it "+
				"(point it at another source, or delete it) in a change of its own, then plan this change again.",
			sourceRef(sourceID, p.AuthoritativeSource), p.Name, p.ID))
	}
}

// sourceRef names a source by the name ISC gives it in a reference, when it has one, and its id.
func sourceRef(id string, ref *client.Reference) string {
	if ref != nil && ref.Name != "" {
		return fmt.Sprintf("%q (id %s)", ref.Name, id)
	}
	return id
}
