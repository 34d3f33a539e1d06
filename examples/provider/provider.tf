# These arguments can come from the environment instead:
#   SAIL_BASE_URL         the tenant's API URL, e.g. https://acme.api.identitynow.com (no version)
#   SAIL_CLIENT_ID        the client ID of a personal access token (PAT)
#   SAIL_CLIENT_SECRET    the PAT's secret; keep it out of configuration files
#   SAIL_REQUEST_TIMEOUT  how long one request attempt may take, e.g. 30s (default 60s)
#   SAIL_API_VERSION      the API paths: v1 (/sources/v1/{id}, the default) or v2025
provider "sailpoint" {
  base_url  = "https://acme.api.identitynow.com"
  client_id = "2c9180835d2e5168015d32f890ca1581"
  # client_secret is read from SAIL_CLIENT_SECRET.
}
