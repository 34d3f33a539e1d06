# Aggregate the accounts of a source at 05:00, 13:00 and 21:00 every day.
resource "sailpoint_source_schedule" "hr_accounts" {
  source_id       = sailpoint_source.hr.id
  type            = "ACCOUNT_AGGREGATION"
  cron_expression = "0 0 5,13,21 * * ?"
}

# Aggregate its groups at 02:30 on weekdays. Quartz cron: seconds first, days of the week
# 1-7 from SUN (or SUN-SAT), and "?" in one of day-of-month and day-of-week.
resource "sailpoint_source_schedule" "hr_groups" {
  source_id       = sailpoint_source.hr.id
  type            = "GROUP_AGGREGATION"
  cron_expression = "0 30 2 ? * MON-FRI"
}
