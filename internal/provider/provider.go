// Package provider is the Terraform side of the SailPoint ISC provider: schemas, plan-time
// rules, and CRUD that calls internal/client.
package provider

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// Environment variables read when the provider block leaves a setting out; SailPoint's own
// tools use the same names.
const (
	envBaseURL      = "SAIL_BASE_URL"
	envClientID     = "SAIL_CLIENT_ID"
	envClientSecret = "SAIL_CLIENT_SECRET"
	// envRequestTimeout is this provider's own: the per-attempt limit of a request.
	envRequestTimeout = "SAIL_REQUEST_TIMEOUT"
	// envAPIVersion is this provider's own too: the path scheme of the API (api_version).
	envAPIVersion = "SAIL_API_VERSION"
)

var _ provider.ProviderWithActions = (*sailpointProvider)(nil)
var _ provider.ProviderWithListResources = (*sailpointProvider)(nil)

type sailpointProvider struct {
	version string
}

// New returns the provider factory for providerserver.
func New(version string) func() provider.Provider {
	return func() provider.Provider { return &sailpointProvider{version: version} }
}

type providerModel struct {
	BaseURL           types.String  `tfsdk:"base_url"`
	ClientID          types.String  `tfsdk:"client_id"`
	ClientSecret      types.String  `tfsdk:"client_secret"`
	RequestsPerSecond types.Float64 `tfsdk:"requests_per_second"`
	MaxRetries        types.Int64   `tfsdk:"max_retries"`
	RequestTimeout    types.String  `tfsdk:"request_timeout"`
	APIVersion        types.String  `tfsdk:"api_version"`
}

// providerTypeName is the provider's name, the prefix of its types' names.
const providerTypeName = "sailpoint"

func (p *sailpointProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = providerTypeName
	resp.Version = p.version
}

func (p *sailpointProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages SailPoint Identity Security Cloud (ISC) configuration through the ISC REST API.",
		Attributes: map[string]schema.Attribute{
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The tenant's API URL, such as `https://acme.api.identitynow.com`, without the API version. Defaults to the `" + envBaseURL + "` environment variable.",
				Optional:            true,
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "Client ID of a personal access token (or API client). Defaults to the `" + envClientID + "` environment variable.",
				Optional:            true,
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "Client secret of the personal access token. Defaults to the `" + envClientSecret + "` environment variable; prefer the variable, so the secret stays out of configuration files.",
				Optional:            true,
				Sensitive:           true,
			},
			"requests_per_second": schema.Float64Attribute{
				MarkdownDescription: fmt.Sprintf("A hard cap on the provider's request rate, in requests per second, spacing its requests evenly: for a client ID that other teams or tools use at the same time. "+
					"ISC allows %d requests per %g seconds per client ID and API version. Without this argument, the provider paces its requests as ISC counts them: "+
					"it sends up to %[1]d at once, then as fast as requests leave ISC's window, counting the requests of every provider configuration with the same client ID, and of the provider processes before it on the machine (Terraform starts one for a plan and another for the apply). "+
					"When ISC answers 429 because another process uses the same client, the provider pauses all its requests until ISC's `Retry-After`, then uses half the allowance for a while, and repeats the refused requests.",
					client.DefaultRateLimit, client.RateWindow.Seconds()),
				Optional:   true,
				Validators: []validator.Float64{float64validator.Between(0.1, 100)},
			},
			"max_retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How often one API call is retried after a 502/503/504, a network error or no answer within `request_timeout`; it also bounds how often an access token that expires between these retries is renewed. Default %d. A rate-limit answer (429) is retried apart from this count, after the `Retry-After` ISC asks, for up to %g minutes of such waits per call.", client.DefaultMaxRetries, client.RateLimitPatience.Minutes()),
				Optional:            true,
				Validators:          []validator.Int64{int64validator.Between(1, 50)},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long one attempt of an API request, or of the access token request, may take before the provider gives up on it: "+
					"connecting, sending and reading the whole answer. A duration such as `\"30s\"` or `\"2m\"`, %s. Defaults to the `%s` environment variable, else `\"%gs\"`. "+
					"A read (or a `PUT` or `DELETE`) that times out is retried like a `503`, up to `max_retries` times; a create or an update that times out may have been carried out, "+
					"so it is not sent blindly again: a create looks for the object it may have made before trying again, an update fails with an error that says so. An interrupt, or a delete's `timeouts`, still ends the whole operation at once, retries included.",
					requestTimeoutRange, envRequestTimeout, client.DefaultRequestTimeout.Seconds()),
				Optional:   true,
				Validators: []validator.String{requestTimeoutValidator{}},
			},
			"api_version": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The ISC API paths the provider calls: `%[1]s`, SailPoint's per-resource paths such as `/sources/v1/{id}`, "+
					"or `%[2]s`, the year-versioned paths such as `/v2025/sources/{id}`. Defaults to the `%[3]s` environment variable, else `%[4]s`: "+
					"SailPoint froze its year-versioned API specifications in June 2026 in favour of the per-resource paths, which its current SDKs use, "+
					"and every operation of this provider has the same contract on both. Choose `%[2]s` only for a tenant or a proxy that does not serve the per-resource paths.",
					apiversion.V1, apiversion.V2025, envAPIVersion, apiversion.Default),
				Optional:   true,
				Validators: []validator.String{stringvalidator.OneOf(apiVersionNames()...)},
			},
		},
	}
}

// apiVersionNames are the values api_version takes.
func apiVersionNames() []string {
	var out []string
	for _, v := range apiversion.All() {
		out = append(out, string(v))
	}
	return out
}

// apiVersion resolves the api_version setting: the attribute's value, else SAIL_API_VERSION,
// else the default.
func apiVersion(attr string) (apiversion.Version, error) {
	if attr != "" {
		return apiversion.Parse(attr)
	}
	env := os.Getenv(envAPIVersion)
	if env == "" {
		return apiversion.Default, nil
	}
	v, err := apiversion.Parse(env)
	if err != nil {
		return "", fmt.Errorf("%s: %w", envAPIVersion, err)
	}
	return v, nil
}

func (p *sailpointProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var cfg providerModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	settings := []struct {
		attr, env string
		value     types.String
		out       *string
	}{
		{"base_url", envBaseURL, cfg.BaseURL, new(string)},
		{"client_id", envClientID, cfg.ClientID, new(string)},
		{"client_secret", envClientSecret, cfg.ClientSecret, new(string)},
	}
	for _, s := range settings {
		if s.value.IsUnknown() {
			resp.Diagnostics.AddAttributeError(path.Root(s.attr), "Unknown SailPoint provider setting",
				fmt.Sprintf("%s depends on a value known only after apply; the provider needs it to plan. Use a value known at plan time, or set %s.", s.attr, s.env))
			continue
		}
		*s.out = s.value.ValueString()
		if *s.out == "" {
			*s.out = os.Getenv(s.env)
		}
		if *s.out == "" {
			resp.Diagnostics.AddAttributeError(path.Root(s.attr), "Missing SailPoint provider setting",
				fmt.Sprintf("The provider needs %s: set it in the provider block or in the %s environment variable.", s.attr, s.env))
		}
	}
	requestTimeout, source := cfg.RequestTimeout.ValueString(), "request_timeout"
	if requestTimeout == "" {
		requestTimeout, source = os.Getenv(envRequestTimeout), envRequestTimeout
	}
	var timeout time.Duration
	if requestTimeout != "" {
		var err error
		if timeout, err = parseRequestTimeout(source, requestTimeout); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("request_timeout"), "Invalid request timeout", err.Error())
		}
	}
	version, err := apiVersion(cfg.APIVersion.ValueString())
	switch {
	case cfg.APIVersion.IsUnknown():
		resp.Diagnostics.AddAttributeError(path.Root("api_version"), "Unknown SailPoint provider setting",
			fmt.Sprintf("api_version depends on a value known only after apply; the provider needs it to plan. Use a value known at plan time, or set %s.", envAPIVersion))
	case err != nil:
		resp.Diagnostics.AddAttributeError(path.Root("api_version"), "Invalid SailPoint API version", err.Error())
	}
	if resp.Diagnostics.HasError() {
		return
	}
	c, err := client.New(client.Config{
		BaseURL:           *settings[0].out,
		ClientID:          *settings[1].out,
		ClientSecret:      *settings[2].out,
		APIVersion:        version,
		RequestsPerSecond: cfg.RequestsPerSecond.ValueFloat64(),
		MaxRetries:        int(cfg.MaxRetries.ValueInt64()),
		RequestTimeout:    timeout,
		UserAgent:         fmt.Sprintf("terraform-provider-sailpoint/%s (+https://registry.terraform.io/providers/isc-terraform/sailpoint; Terraform %s)", p.version, req.TerraformVersion),
	})
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("base_url"), "Invalid SailPoint provider configuration", err.Error())
		return
	}
	if err := c.CheckCredentials(ctx); err != nil {
		var urlErr *client.BaseURLError
		if errors.As(err, &urlErr) {
			resp.Diagnostics.AddAttributeError(path.Root("base_url"), "SailPoint base_url is not an ISC API", err.Error())
			return
		}
		resp.Diagnostics.AddError("Cannot authenticate to SailPoint ISC", err.Error())
		return
	}
	data := &providerData{client: c, run: &runState{}}
	resp.ResourceData = data
	resp.DataSourceData = data
	resp.ActionData = data
	resp.ListResourceData = data
}

func (p *sailpointProvider) Resources(context.Context) []func() resource.Resource {
	out := make([]func() resource.Resource, len(objectTypes))
	for i, t := range objectTypes {
		out[i] = t.resource
	}
	return out
}

func (p *sailpointProvider) ListResources(context.Context) []func() list.ListResource {
	var out []func() list.ListResource
	for _, t := range objectTypes {
		if t.list != nil {
			out = append(out, t.list)
		}
	}
	return out
}

func (p *sailpointProvider) DataSources(context.Context) []func() datasource.DataSource {
	out := append([]func() datasource.DataSource(nil), otherDataSources...)
	for _, t := range objectTypes {
		if t.dataSource != nil {
			out = append(out, t.dataSource)
		}
	}
	return out
}

func (p *sailpointProvider) Actions(context.Context) []func() action.Action {
	out := make([]func() action.Action, len(actionTypes))
	for i, t := range actionTypes {
		out[i] = t.action
	}
	return out
}
