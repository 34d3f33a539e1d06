package provider

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// identityConfig is one sailpoint_identity data source per label, with the given arguments.
func (e *accEnv) identityConfig(lookups map[string]string) string {
	var b strings.Builder
	b.WriteString(e.providerConfig())
	for label, args := range lookups {
		fmt.Fprintf(&b, "\ndata \"sailpoint_identity\" %q {\n%s\n}\n", label, args)
	}
	return b.String()
}

// ownerIdentity reads the test owner identity, whose alias, email and name the lookups use.
func (e *accEnv) ownerIdentity(t *testing.T) *client.Identity {
	t.Helper()
	owner, err := e.client.GetIdentity(background, e.ownerID)
	if err != nil {
		t.Fatal(err)
	}
	if owner.Alias == "" || owner.EmailAddress == "" {
		t.Fatalf("the test owner identity %s needs an alias and an email address", e.ownerID)
	}
	return owner
}

// jsonEquals checks that a JSON string attribute means the same as want.
func jsonEquals(want any) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		w, err := json.Marshal(want)
		if err != nil {
			return err
		}
		if !client.JSONEqual([]byte(got), w) {
			return fmt.Errorf("got %s, want %s", got, w)
		}
		return nil
	})
}

func TestAccIdentityDataSource_lookups(t *testing.T) {
	e := newAccEnv(t)
	owner := e.ownerIdentity(t)
	hcl := func(key, value string) string { return fmt.Sprintf("  %s = %q", key, value) }
	lookups := map[string]string{
		"by_id":      hcl("id", owner.ID),
		"by_alias":   hcl("alias", owner.Alias),
		"by_email":   hcl("email", owner.EmailAddress),
		"by_name":    hcl("name", owner.Name),
		"by_filters": hcl("filters", client.FilterEq("alias", owner.Alias)+" and "+client.FilterEq("email", owner.EmailAddress)),
		// ISC compares values ignoring case.
		"by_alias_upper": hcl("alias", strings.ToUpper(owner.Alias)),
	}
	var checks []statecheck.StateCheck
	for label := range lookups {
		checks = append(checks, statecheck.ExpectKnownValue("data.sailpoint_identity."+label, tfjsonpath.New("id"), knownvalue.StringExact(owner.ID)))
	}
	byID := "data.sailpoint_identity.by_id"
	var manager knownvalue.Check = knownvalue.Null()
	if owner.ManagerRef != nil {
		manager = knownvalue.ObjectExact(map[string]knownvalue.Check{"id": knownvalue.StringExact(owner.ManagerRef.ID), "name": knownvalue.StringExact(owner.ManagerRef.Name)})
	}
	var lifecycle knownvalue.Check = knownvalue.Null()
	if ls := owner.LifecycleState; ls != nil {
		lifecycle = knownvalue.ObjectExact(map[string]knownvalue.Check{"state_name": knownvalue.StringExact(ls.StateName), "manually_updated": knownvalue.Bool(ls.ManuallyUpdated)})
	}
	var processing knownvalue.Check = knownvalue.Null()
	if owner.ProcessingState != "" {
		processing = knownvalue.StringExact(owner.ProcessingState)
	}
	checks = append(checks,
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("name"), knownvalue.StringExact(e.ownerName)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("alias"), knownvalue.StringExact(owner.Alias)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("email_address"), knownvalue.StringExact(owner.EmailAddress)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("identity_status"), knownvalue.StringExact(owner.IdentityStatus)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("processing_state"), processing),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("is_manager"), knownvalue.Bool(owner.IsManager)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("manager"), manager),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("lifecycle_state"), lifecycle),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("attributes"), jsonEquals(owner.Attributes)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("created"), knownvalue.StringExact(owner.Created)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("modified"), knownvalue.StringExact(owner.Modified)),
		statecheck.ExpectKnownValue(byID, tfjsonpath.New("last_refresh"), knownvalue.StringExact(owner.LastRefresh)),
		// The alias, name and email address are ISC's spelling, whatever case the lookup used.
		statecheck.ExpectKnownValue("data.sailpoint_identity.by_alias_upper", tfjsonpath.New("alias"), knownvalue.StringExact(owner.Alias)),
		statecheck.ExpectKnownValue("data.sailpoint_identity.by_email", tfjsonpath.New("email_address"), knownvalue.StringExact(owner.EmailAddress)),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps:                    []resource.TestStep{{Config: e.identityConfig(lookups), ConfigStateChecks: checks}},
	})
}

func TestAccIdentityDataSource_notFound(t *testing.T) {
	e := newAccEnv(t)
	cases := map[string]struct{ args, want string }{
		"id": {`id = "00000000000000000000000000000000"`,
			`There is no identity with id "00000000000000000000000000000000" in ISC. Check the ID, or look the identity up by alias, email or name.`},
		"alias": {`alias = "no.such.alias"`,
			`No identity matched the filter alias eq "no.such.alias". Check the value. Identities without a correlated account are hidden unless include_uncorrelated = true.`},
		"email uncorrelated included": {"email = \"nobody@example.com\"\n  include_uncorrelated = true",
			`No identity matched the filter email eq "nobody@example.com". Check the value.`},
		// Unquoted, this name would match every identity; quoted, it matches none.
		"quote in name": {`name = "nobody\" or name sw \""`,
			`No identity matched the filter name eq "nobody\" or name sw \"".`},
		"backslash and ampersand in name": {`name = "R&D \\ #1 100%"`,
			`No identity matched the filter name eq "R&D \\ #1 100%".`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      e.identityConfig(map[string]string{"test": tc.args}),
					ExpectError: errorText(tc.want),
				}},
			})
		})
	}
}

func TestAccIdentityDataSource_severalMatches(t *testing.T) {
	e := newAccEnv(t)
	filter := `cloudStatus eq "ACTIVE"`
	_, total, err := e.client.ListIdentities(background, client.IdentityListOptions{ListOptions: client.ListOptions{Filters: filter, Max: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if total < 2 {
		t.Fatalf("the tenant needs two active identities for this test, it has %d", total)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{{
			Config: e.identityConfig(map[string]string{"test": fmt.Sprintf("filters = %q", filter)}),
			ExpectError: errorText(fmt.Sprintf(`%d identities matched the filter cloudStatus eq "ACTIVE"; sailpoint_identity needs exactly one. `+
				`Look the identity up by id, or narrow the filter with filters; the sailpoint_identities data source reads several.`, total)),
		}},
	})
}

func TestAccIdentityDataSource_includeUncorrelated(t *testing.T) {
	e := newAccEnv(t)
	found, _, err := e.client.ListIdentities(background, client.IdentityListOptions{
		ListOptions: client.ListOptions{Filters: "correlated eq false", Max: 1}, IncludeUncorrelated: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) == 0 || found[0].Alias == "" {
		t.Fatal("the tenant needs an uncorrelated identity with an alias for this test")
	}
	u := found[0]
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		Steps: []resource.TestStep{
			{
				Config:      e.identityConfig(map[string]string{"test": fmt.Sprintf("alias = %q", u.Alias)}),
				ExpectError: errorText(`hidden unless include_uncorrelated = true`),
			},
			{
				Config: e.identityConfig(map[string]string{"test": fmt.Sprintf("alias = %q\n  include_uncorrelated = true", u.Alias)}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.sailpoint_identity.test", tfjsonpath.New("id"), knownvalue.StringExact(u.ID)),
					statecheck.ExpectKnownValue("data.sailpoint_identity.test", tfjsonpath.New("lifecycle_state"), knownvalue.Null()),
				},
			},
			{
				// A lookup by id finds it either way.
				Config: e.identityConfig(map[string]string{"test": fmt.Sprintf("id = %q", u.ID)}),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.sailpoint_identity.test", tfjsonpath.New("alias"), knownvalue.StringExact(u.Alias)),
				},
			},
		},
	})
}

func TestAccIdentityDataSource_exactlyOneLookup(t *testing.T) {
	e := newAccEnv(t)
	for name, args := range map[string]string{
		"none":     `include_uncorrelated = true`,
		"two":      "alias = \"a\"\n  name = \"b\"",
		"empty id": `id = ""`,
	} {
		want := `Exactly one of these attributes must be configured: [id,alias,email,name,filters]`
		if name == "empty id" {
			want = `Attribute id string length must be at least 1, got: 0`
		}
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				Steps: []resource.TestStep{{
					Config:      e.identityConfig(map[string]string{"test": args}),
					PlanOnly:    true,
					ExpectError: errorText(want),
				}},
			})
		})
	}
}
