package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

const (
	entitlementRequestAddr  = "sailpoint_source_entitlement_request_config.test"
	entitlementRequestRoute = "PUT /sources/{id}/entitlement-request-config"
	// defaultEntitlementRequest is what a new source holds, as the contract gives it.
	defaultEntitlementRequest = `{"accessRequestConfig":{"approvalSchemes":[],"requestCommentRequired":false,"denialCommentRequired":false,` +
		`"reauthorizationRequired":false,"requireEndDate":false}}`
)

func (e *accEnv) entitlementRequestConfig(name, body string) string {
	return e.sourceConfig(name, "") + fmt.Sprintf(`
resource "sailpoint_source_entitlement_request_config" "test" {
  source_id = sailpoint_source.test.id
%s
}
`, body)
}

// expectEntitlementRequest checks the JSON of what ISC holds for the test source.
func (e *accEnv) expectEntitlementRequest(want string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		got, err := e.client.GetSourceEntitlementRequestConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID)
		if err != nil {
			return err
		}
		if !sameDocument(got, mustDecode[client.SourceEntitlementRequestConfig](want)) {
			return fmt.Errorf("ISC holds %+v, want %s", *got.AccessRequestConfig, want)
		}
		return nil
	}
}

func (e *accEnv) setEntitlementRequest(doc string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		_, err := e.client.PutSourceEntitlementRequestConfig(background, s.RootModule().Resources[sourceAddr].Primary.ID,
			mustDecode[client.SourceEntitlementRequestConfig](doc))
		return err
	}
}

const twoApprovals = `
  approval_schemes              = [{ approver_type = "MANAGER" }, { approver_type = "SOURCE_OWNER" }]
  request_comment_required      = true
  max_permitted_access_duration = { value = 2, time_unit = "WEEKS" }
  revocation_approval_schemes   = [{ approver_type = "ENTITLEMENT_OWNER" }]
`

func TestAccSourceEntitlementRequestConfig_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	oneApproval := `
  approval_schemes              = [{ approver_type = "SOURCE_OWNER" }]
  request_comment_required      = true
  max_permitted_access_duration = { value = 2, time_unit = "WEEKS" }
  revocation_approval_schemes   = [{ approver_type = "ENTITLEMENT_OWNER" }]
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.entitlementRequestConfig(name, twoApprovals),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(entitlementRequestAddr, tfjsonpath.New("denial_comment_required"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(entitlementRequestAddr, tfjsonpath.New("approval_schemes").AtSliceIndex(0).AtMapKey("approver_id"), knownvalue.Null()),
				},
				Check: e.expectEntitlementRequest(`{"accessRequestConfig":{"approvalSchemes":[{"approverType":"MANAGER"},{"approverType":"SOURCE_OWNER"}],` +
					`"requestCommentRequired":true,"denialCommentRequired":false,"reauthorizationRequired":false,"requireEndDate":false,` +
					`"maxPermittedAccessDuration":{"value":2,"timeUnit":"WEEKS"}},"revocationRequestConfig":{"approvalSchemes":[{"approverType":"ENTITLEMENT_OWNER"}]}}`),
			},
			{
				ResourceName: entitlementRequestAddr, ImportState: true, ImportStateVerify: true,
				ImportStateIdFunc: importID(entitlementRequestAddr, "source_id"),
			},
			{
				PreConfig: e.clearLog,
				Config:    e.entitlementRequestConfig(name, oneApproval),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{
					expectOnlyChanges(entitlementRequestAddr, "approval_schemes"),
				}},
				Check: e.expectBody(entitlementRequestRoute, `{"accessRequestConfig":{"approvalSchemes":[{"approverType":"SOURCE_OWNER"}],`+
					`"requestCommentRequired":true,"denialCommentRequired":false,"reauthorizationRequired":false,"requireEndDate":false,`+
					`"maxPermittedAccessDuration":{"value":2,"timeUnit":"WEEKS"}},"revocationRequestConfig":{"approvalSchemes":[{"approverType":"ENTITLEMENT_OWNER"}]}}`),
			},
			{
				Config:           e.entitlementRequestConfig(name, oneApproval),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

// What the source holds is taken over on create; a destroy restores a new source's default.
func TestAccSourceEntitlementRequestConfig_takeover(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, e.takeover(name, entitlementRequestAddr, e.entitlementRequestConfig(name, `  denial_comment_required = true`),
		e.expectEntitlementRequest(defaultEntitlementRequest),
		e.setEntitlementRequest(`{"accessRequestConfig":{"approvalSchemes":[{"approverType":"MANAGER"}],"requireEndDate":true}}`),
		e.expectEntitlementRequest(`{"accessRequestConfig":{"approvalSchemes":[],"requestCommentRequired":false,"denialCommentRequired":true,`+
			`"reauthorizationRequired":false,"requireEndDate":false},"revocationRequestConfig":{"approvalSchemes":[]}}`),
		e.expectEntitlementRequest(defaultEntitlementRequest)))
}

func TestAccSourceEntitlementRequestConfig_disappears(t *testing.T) {
	e := newAccEnv(t)
	tc := disappears(e.entitlementRequestConfig(uniqueName(t), twoApprovals), e.deleteSource(), []string{sourceAddr, entitlementRequestAddr})
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceEntitlementRequestConfig_drift(t *testing.T) {
	e := newAccEnv(t)
	tc := e.drift(e.entitlementRequestConfig(uniqueName(t), twoApprovals),
		e.setEntitlementRequest(`{"accessRequestConfig":{"approvalSchemes":[{"approverType":"MANAGER"},{"approverType":"SOURCE_OWNER"}],`+
			`"maxPermittedAccessDuration":{"value":2,"timeUnit":"WEEKS"}},"revocationRequestConfig":{"approvalSchemes":[{"approverType":"ENTITLEMENT_OWNER"}]}}`),
		[]plancheck.PlanCheck{
			expectOnlyChanges(entitlementRequestAddr, "request_comment_required"),
			plancheck.ExpectKnownValue(entitlementRequestAddr, tfjsonpath.New("request_comment_required"), knownvalue.Bool(true)),
		},
		e.requestCount(entitlementRequestRoute, 1))
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}
