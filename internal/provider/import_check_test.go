package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
)

// wrongKindConfig is two sources, hr and ad, an identity profile using hr, and a resource of each
// child type on hr, for import steps to aim at.
func (e *accEnv) wrongKindConfig(name string) string {
	return e.inUseConfig(name, "delimited-file", "hr") + `
resource "sailpoint_source_schema" "account" {
  source_id = sailpoint_source.hr.id
  name      = "account"
}

resource "sailpoint_source_schedule" "test" {
  source_id       = sailpoint_source.hr.id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = "0 0 5 * * ?"
}

resource "sailpoint_source_provisioning_policy" "test" {
  source_id  = sailpoint_source.hr.id
  usage_type = "UPDATE"
  name       = "Update"
}

resource "sailpoint_transform" "test" {
  name = "` + name + `-lower"
  type = "lower"
}
`
}

// idOf builds an import ID from the ids of resources in the state, by address and attribute
// ("sailpoint_source.hr.id"), and literal parts, joined by "/".
func idOf(parts ...string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		out := ""
		for i, p := range parts {
			if i > 0 {
				out += "/"
			}
			if m := regexp.MustCompile(`^(\w+\.\w+)\.(.+)$`).FindStringSubmatch(p); m != nil {
				rs, ok := s.RootModule().Resources[m[1]]
				if !ok {
					return "", fmt.Errorf("%s is not in the state", m[1])
				}
				p = rs.Primary.Attributes[m[2]]
			}
			out += p
		}
		return out, nil
	}
}

// importError matches the error of an import whose ID names something else: the text, where
// each {id} stands for an ISC id, known only once the objects exist.
func importError(text string) *regexp.Regexp {
	quoted := errorText("Cannot import SailPoint").String() + `[\s\S]*` + errorText(text).String()
	return regexp.MustCompile(strings.ReplaceAll(quoted, regexp.QuoteMeta("{id}"), `\S+`))
}

// An import ID of an object of another type, or of a child of another source, fails saying what
// the ID is, instead of Terraform's "Cannot import non-existent remote object".
func TestAccImport_wrongKind(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	config := e.wrongKindConfig(name)
	hr, ad := name+"-hr", name+"-ad"
	steps := []resource.TestStep{{Config: config}}
	for _, c := range []struct {
		addr string
		id   resource.ImportStateIdFunc
		want string
	}{
		{"sailpoint_source.hr", idOf(profileAddr + ".id"),
			fmt.Sprintf(`ID "{id}" is an identity profile (%q), not a source; import it as sailpoint_identity_profile.`, name)},
		{"sailpoint_source.hr", idOf("sailpoint_source_schema.account.id"),
			fmt.Sprintf(`ID "{id}" is the schema "account" of source %q (id {id}), not a source; import it as sailpoint_source_schema with the ID {id}/{id}.`, hr)},
		{profileAddr, idOf("sailpoint_source.ad.id"),
			fmt.Sprintf(`ID "{id}" is a source (%q), not an identity profile; import it as sailpoint_source.`, ad)},
		{"sailpoint_source_schema.account", idOf("sailpoint_source.ad.id", "sailpoint_source_schema.account.id"),
			fmt.Sprintf(`Schema "{id}" belongs to source %q (id {id}), not to source %q (id {id}); import it with the ID {id}/{id}.`, hr, ad)},
		{"sailpoint_source_schema.account", idOf(profileAddr+".id", "sailpoint_source_schema.account.id"),
			`SOURCE_ID "{id}" of the import ID is not a source: no source has this ID.`},
		{"sailpoint_source_schema.account", idOf("sailpoint_source.hr.id", "nosuchschema"),
			fmt.Sprintf(`Source %q (id {id}) has no schema of ID "nosuchschema".`, hr)},
		{"sailpoint_source_schedule.test", idOf("sailpoint_source_schema.account.id", "ACCOUNT_AGGREGATION"),
			fmt.Sprintf(`SOURCE_ID "{id}" of the import ID is not a source: it is the schema "account" of source %q (id {id}).`, hr)},
		{"sailpoint_source_schedule.test", idOf("sailpoint_source.hr.id", "GROUP_AGGREGATION"),
			fmt.Sprintf(`Source %q (id {id}) has no GROUP_AGGREGATION schedule.`, hr)},
		{"sailpoint_source_provisioning_policy.test", idOf("sailpoint_source.ad.id", "UPDATE"),
			fmt.Sprintf(`Source %q (id {id}) has no UPDATE provisioning policy.`, ad)},
		{"sailpoint_source_provisioning_policy.test", idOf("nosuchsource", "UPDATE"),
			`SOURCE_ID "nosuchsource" of the import ID is not a source: no source has this ID.`},
		{"sailpoint_source.hr", idOf("sailpoint_transform.test.id"),
			fmt.Sprintf(`ID "{id}" is a transform (%q), not a source; import it as sailpoint_transform.`, name+"-lower")},
		{"sailpoint_transform.test", idOf("sailpoint_source.ad.id"),
			fmt.Sprintf(`ID "{id}" is a source (%q), not a transform; import it as sailpoint_source.`, ad)},
	} {
		steps = append(steps, resource.TestStep{
			Config:            config,
			ResourceName:      c.addr,
			ImportState:       true,
			ImportStateIdFunc: c.id,
			ExpectError:       importError(c.want),
		})
	}
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: steps})
}

// An import ID that names nothing at all still ends in Terraform's own error.
func TestAccImport_nothing(t *testing.T) {
	e := newAccEnv(t)
	config := e.wrongKindConfig(uniqueName(t))
	resource.ParallelTest(t, resource.TestCase{ProtoV6ProviderFactories: testAccProviders, Steps: []resource.TestStep{
		{Config: config},
		{Config: config, ResourceName: "sailpoint_source.hr", ImportState: true, ImportStateId: "nosuchobject",
			ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`)},
		{Config: config, ResourceName: profileAddr, ImportState: true, ImportStateId: "nosuchobject",
			ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`)},
	}})
}
