# The connector of a source, and its correlation template, to start a correlation config from.
data "sailpoint_source_config" "ad" {
  source_id = sailpoint_source.ad.id
}

output "ad_connector" {
  value = "${data.sailpoint_source_config.ad.name} (${data.sailpoint_source_config.ad.status})"
}

output "ad_correlation_template" {
  value = data.sailpoint_source_config.ad.correlation_config_xml
}
