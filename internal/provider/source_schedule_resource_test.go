package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

const (
	scheduleAddr        = "sailpoint_source_schedule.test"
	scheduleCreateRoute = "POST /sources/{sourceId}/schedules"
	schedulePatchRoute  = "PATCH /sources/{sourceId}/schedules/{scheduleType}"
)

// scheduleConfig is a source with a schedule of the given type and cron expression.
func (e *accEnv) scheduleConfig(name, typ, cron string) string {
	return e.sourceConfig(name, "") + fmt.Sprintf(`
resource "sailpoint_source_schedule" "test" {
  source_id       = sailpoint_source.test.id
  type            = %q
  cron_expression = %q
}
`, typ, cron)
}

// scheduleOf reads, behind Terraform's back, the schedule the state holds.
func (e *accEnv) scheduleOf(s *terraform.State) (sourceID, typ string, got *client.Schedule, err error) {
	attrs := s.RootModule().Resources[scheduleAddr].Primary.Attributes
	sourceID, typ = attrs["source_id"], attrs["type"]
	got, err = e.client.GetSchedule(background, sourceID, typ)
	return sourceID, typ, got, err
}

// setCron changes the cron expression of the schedule in state behind Terraform's back.
func (e *accEnv) setCron(cron string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		sourceID, typ, _, err := e.scheduleOf(s)
		if err != nil {
			return err
		}
		value, _ := json.Marshal(cron)
		_, err = e.client.PatchSchedule(background, sourceID, typ, client.Patch{{Op: "replace", Path: "/cronExpression", Value: value}})
		return err
	}
}

func TestAccSourceSchedule_basic(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.scheduleConfig(name, "ACCOUNT_AGGREGATION", "0 0 5,13,21 * * ?"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+/ACCOUNT_AGGREGATION$`))),
					statecheck.CompareValuePairs(scheduleAddr, tfjsonpath.New("source_id"), sourceAddr, tfjsonpath.New("id"), compare.ValuesSame()),
				},
				Check: func(s *terraform.State) error {
					sourceID, _, got, err := e.scheduleOf(s)
					if err != nil {
						return err
					}
					if id := s.RootModule().Resources[scheduleAddr].Primary.ID; id != sourceID+"/ACCOUNT_AGGREGATION" {
						return fmt.Errorf("id = %q, want SOURCE_ID/ACCOUNT_AGGREGATION", id)
					}
					if got.CronExpression != "0 0 5,13,21 * * ?" {
						return fmt.Errorf("ISC has cron %q", got.CronExpression)
					}
					return nil
				},
			},
			{
				ResourceName:      scheduleAddr,
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				PreConfig: e.clearLog,
				Config:    e.scheduleConfig(name, "ACCOUNT_AGGREGATION", "0 30 2 ? * MON-FRI"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						expectOnlyChanges(scheduleAddr, "cron_expression"),
						plancheck.ExpectResourceAction(sourceAddr, plancheck.ResourceActionNoop),
					},
				},
				Check: e.expectPatch(t, schedulePatchRoute, `[{"op":"replace","path":"/cronExpression","value":"0 30 2 ? * MON-FRI"}]`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("cron_expression"), knownvalue.StringExact("0 30 2 ? * MON-FRI")),
				},
			},
			{
				Config:           e.scheduleConfig(name, "ACCOUNT_AGGREGATION", "0 30 2 ? * MON-FRI"),
				ConfigPlanChecks: resource.ConfigPlanChecks{PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
		},
	})
}

func TestAccSourceSchedule_replace(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{Config: e.scheduleConfig(name, "ACCOUNT_AGGREGATION", "0 0 5 * * ?")},
			{
				Config: e.scheduleConfig(name, "GROUP_AGGREGATION", "0 0 5 * * ?"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(scheduleAddr, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(s *terraform.State) error {
					sourceID, _, _, err := e.scheduleOf(s)
					if err != nil {
						return err
					}
					if _, err := e.client.GetSchedule(background, sourceID, "ACCOUNT_AGGREGATION"); !errors.Is(err, client.ErrNotFound) {
						return fmt.Errorf("the replaced ACCOUNT_AGGREGATION schedule is still there: %w", err)
					}
					return nil
				},
			},
		},
	})
}

func TestAccSourceSchedule_disappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.scheduleConfig(uniqueName(t), "ACCOUNT_AGGREGATION", "0 0 5 * * ?")
	tc := disappears(config, func(s *terraform.State) error {
		sourceID, typ, _, err := e.scheduleOf(s)
		if err != nil {
			return err
		}
		return e.client.DeleteSchedule(background, sourceID, typ)
	}, []string{scheduleAddr}, sourceAddr)
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceSchedule_sourceDisappears(t *testing.T) {
	e := newAccEnv(t)
	config := e.scheduleConfig(uniqueName(t), "ACCOUNT_AGGREGATION", "0 0 5 * * ?")
	tc := disappears(config, e.deleteSource(), []string{sourceAddr, scheduleAddr})
	tc.Steps[1].Check = func(s *terraform.State) error {
		_, _, got, err := e.scheduleOf(s)
		if err == nil && got.CronExpression != "0 0 5 * * ?" {
			err = fmt.Errorf("ISC has cron %q", got.CronExpression)
		}
		return err
	}
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

func TestAccSourceSchedule_drift(t *testing.T) {
	e := newAccEnv(t)
	config := e.scheduleConfig(uniqueName(t), "ACCOUNT_AGGREGATION", "0 30 2 ? * MON-FRI")
	// A different schedule set behind Terraform's back is a change the plan reverts.
	tc := e.drift(config, e.setCron("0 0 1 ? * SUN"),
		[]plancheck.PlanCheck{
			plancheck.ExpectResourceAction(scheduleAddr, plancheck.ResourceActionUpdate),
			plancheck.ExpectKnownValue(scheduleAddr, tfjsonpath.New("cron_expression"), knownvalue.StringExact("0 30 2 ? * MON-FRI")),
		},
		e.expectPatch(t, schedulePatchRoute, `[{"op":"replace","path":"/cronExpression","value":"0 30 2 ? * MON-FRI"}]`))
	// The same schedule in other letter case and spacing is none: the plan after this step is empty.
	tc.Steps = append([]resource.TestStep{{Config: config, Check: e.setCron("0  30 2 ? * mon-fri")}}, tc.Steps...)
	tc.CheckDestroy = e.checkDestroy
	resource.ParallelTest(t, tc)
}

// A schedule of the configured type that the source already has is taken over, not created.
func TestAccSourceSchedule_takeover(t *testing.T) {
	e := newAccEnv(t)
	name := uniqueName(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProviders,
		CheckDestroy:             e.checkDestroy,
		Steps: []resource.TestStep{
			{
				Config: e.sourceConfig(name, ""),
				Check: func(s *terraform.State) error {
					_, err := e.client.CreateSchedule(background, s.RootModule().Resources[sourceAddr].Primary.ID,
						&client.Schedule{Type: "ACCOUNT_AGGREGATION", CronExpression: "0 0 1 * * ?"})
					return err
				},
			},
			{
				PreConfig: e.clearLog,
				Config:    e.scheduleConfig(name, "ACCOUNT_AGGREGATION", "0 0 5,13,21 * * ?"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(scheduleAddr, plancheck.ResourceActionCreate)},
				},
				// ISC refuses the create; the listed schedule is patched to the configuration.
				Check: resource.ComposeTestCheckFunc(
					e.requestCount(scheduleCreateRoute, 1),
					e.requestCount("GET /sources/{sourceId}/schedules", 1),
					e.expectPatch(t, schedulePatchRoute, `[{"op":"replace","path":"/cronExpression","value":"0 0 5,13,21 * * ?"}]`),
					func(s *terraform.State) error {
						_, _, got, err := e.scheduleOf(s)
						if err == nil && got.CronExpression != "0 0 5,13,21 * * ?" {
							err = fmt.Errorf("ISC has cron %q", got.CronExpression)
						}
						return err
					},
				),
			},
		},
	})
}

func TestAccSourceSchedule_planTimeRules(t *testing.T) {
	e := newAccEnv(t)
	cases := map[string]struct {
		typ, cron string
		want      *regexp.Regexp
	}{
		"cron field out of range": {"ACCOUNT_AGGREGATION", "0 0 24 * * ?", errorText(
			`cron_expression "0 0 24 * * ?" is not a valid Quartz cron expression: the hours field "24" is invalid: 24 is out of range; expected 0-23.`)},
		"cron without ?": {"ACCOUNT_AGGREGATION", "0 0 5 * * MON", errorText(
			`day-of-month "*" and day-of-week "MON" are both set; Quartz needs "?" in one of them: write "0 0 5 ? * MON"`)},
		"cron example": {"ACCOUNT_AGGREGATION", "0 5 * * *", errorText(
			`For example, "0 0 5,13,21 * * ?" runs at 05:00, 13:00 and 21:00 every day.`)},
		"type": {"ROLE_AGGREGATION", "0 0 5 * * ?", errorText(`value must be one of: ["ACCOUNT_AGGREGATION" "GROUP_AGGREGATION"], got: "ROLE_AGGREGATION"`)},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy:             e.checkDestroy,
				Steps: []resource.TestStep{{
					Config:      e.scheduleConfig("never-created", tc.typ, tc.cron),
					PlanOnly:    true,
					ExpectError: tc.want,
				}},
			})
		})
	}
}

func TestAccSourceSchedule_importIDMalformed(t *testing.T) {
	e := newAccEnv(t)
	config := e.scheduleConfig(uniqueName(t), "ACCOUNT_AGGREGATION", "0 0 5 * * ?")
	for id, want := range map[string]string{
		"x":                       `expected SOURCE_ID/TYPE, got "x"`,
		"s1/ACCOUNT_AGGREGATION/": `expected SOURCE_ID/TYPE, got "s1/ACCOUNT_AGGREGATION/"`,
		"s1/ROLE_AGGREGATION":     `expected SOURCE_ID/TYPE, got "s1/ROLE_AGGREGATION": TYPE must be one of ACCOUNT_AGGREGATION, GROUP_AGGREGATION`,
	} {
		t.Run(id, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: testAccProviders,
				CheckDestroy:             e.checkDestroy,
				Steps: []resource.TestStep{{
					Config:        config,
					ResourceName:  scheduleAddr,
					ImportState:   true,
					ImportStateId: id,
					ExpectError:   errorText(want),
				}},
			})
		})
	}
}
