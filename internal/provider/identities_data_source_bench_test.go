package provider

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// BenchmarkIdentitiesDataSourceRead10000 reads 10 000 identities, all of them
// (include_uncorrelated, max_results 10000), from an in-process emulator without a rate limit,
// without terraform around it: "client" is the client's 40 pages of 250 alone, "Read" is the
// data source's Read, those pages plus the conversion into Terraform state.
func BenchmarkIdentitiesDataSourceRead10000(b *testing.B) {
	const identities = 10000
	emu := emulator.New(emulator.Config{Identities: identities})
	srv := httptest.NewServer(emu) // not checked against the contract: the check would be timed too
	b.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret,
		RateLimit: -1}) // no window: the emulator has no rate limit here
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	if err := c.CheckCredentials(ctx); err != nil { // the token request stays out of the timed loop
		b.Fatal(err)
	}
	pagesPerOp := func(b *testing.B) {
		pages := emu.Stats().ByRoute[apiversion.Default.Route("GET /identities")]
		b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	}

	b.Run("client", func(b *testing.B) {
		opts := client.IdentityListOptions{ListOptions: client.ListOptions{Max: identities}, IncludeUncorrelated: true}
		emu.ClearRequests()
		b.ReportAllocs()
		var list []client.Identity
		for b.Loop() {
			if list, _, err = c.ListIdentities(ctx, opts); err != nil {
				b.Fatal(err)
			}
		}
		if len(list) != identities {
			b.Fatalf("read %d identities, want %d", len(list), identities)
		}
		pagesPerOp(b)
	})

	b.Run("Read", func(b *testing.B) {
		ds := &identitiesDataSource{}
		ds.client = c
		var sch datasource.SchemaResponse
		ds.Schema(ctx, datasource.SchemaRequest{}, &sch)
		typ := sch.Schema.Type().TerraformType(ctx).(tftypes.Object)
		attrs := map[string]tftypes.Value{}
		for name, t := range typ.AttributeTypes {
			attrs[name] = tftypes.NewValue(t, nil)
		}
		attrs["include_uncorrelated"] = tftypes.NewValue(tftypes.Bool, true)
		attrs["max_results"] = tftypes.NewValue(tftypes.Number, identities)
		req := datasource.ReadRequest{Config: tfsdk.Config{Schema: sch.Schema, Raw: tftypes.NewValue(typ, attrs)}}
		emu.ClearRequests()
		b.ReportAllocs()
		var resp datasource.ReadResponse
		for b.Loop() {
			resp = datasource.ReadResponse{State: tfsdk.State{Schema: sch.Schema, Raw: tftypes.NewValue(typ, nil)}}
			ds.Read(ctx, req, &resp)
			if resp.Diagnostics.HasError() {
				b.Fatal(resp.Diagnostics)
			}
		}
		pagesPerOp(b)
		var m identitiesDataSourceModel
		if d := resp.State.Get(ctx, &m); d.HasError() {
			b.Fatal(d)
		}
		if len(m.Identities) != identities || m.Total.ValueInt64() != identities {
			b.Fatalf("read %d identities of %d, want %d", len(m.Identities), m.Total.ValueInt64(), identities)
		}
	})
}
