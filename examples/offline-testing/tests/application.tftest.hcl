# Runs with `terraform test` against the ISC emulator holding examples/tenant-snapshot: the
# owner alias below is an identity of that snapshot. Start the emulator and point the provider at
# it as the guide "Test your configuration offline" shows.

variables {
  name        = "Payroll"
  owner_alias = "dev.patel"
  jdbc_url    = "jdbc:postgresql://payroll-db.acme.example.com:5432/payroll"
  db_password = "not-a-real-password"
}

# A plan alone: what the module would create, checked before anything exists.
run "plan" {
  command = plan

  assert {
    condition     = sailpoint_source.app.connector == "jdbc" && sailpoint_source.app.name == "Payroll"
    error_message = "The source is not the Payroll JDBC source."
  }

  assert {
    condition     = sailpoint_source_schedule.accounts.cron_expression == "0 0 2 * * ?"
    error_message = "Accounts are not aggregated daily at 02:00 by default."
  }
}

# Apply against the emulator, then check what ISC answered.
run "apply" {
  assert {
    condition     = output.owner_name == "Dev Patel"
    error_message = "The source is not owned by the identity with alias ${var.owner_alias}."
  }

  assert {
    condition     = sailpoint_source.app.healthy && sailpoint_source.app.connector_name == "JDBC"
    error_message = "ISC does not report a healthy JDBC source."
  }

  assert {
    condition     = output.entitlements == ["role"]
    error_message = "The account schema does not mark role as the entitlement attribute."
  }

  assert {
    condition     = [for f in sailpoint_source_provisioning_policy.create.fields : f.is_required] == [true, false]
    error_message = "ISC does not require login, and only login, on new accounts."
  }
}

# A cron expression in the wrong shape is refused before anything is planned.
run "bad_cron" {
  command = plan

  variables {
    aggregation_cron = "every night"
  }

  expect_failures = [var.aggregation_cron]
}
