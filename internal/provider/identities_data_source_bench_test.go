package provider

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/emulator"
)

// recordedPages answers the identity lists (GET /identities/v1 or /v2025/identities) from pages the emulator rendered once, keyed by the
// whole query (limit, offset, count, defaultFilter), and hands every other request (the token)
// to the emulator. A benchmark behind it times and counts the provider's side: what the server
// still allocates per page is net/http's handling of one request, not the filtering and JSON
// encoding of 250 identities.
type recordedPages struct {
	next     http.Handler
	mu       sync.Mutex
	pages    map[string]*httptest.ResponseRecorder
	requests atomic.Int64
}

func (p *recordedPages) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, "/identities") && !strings.HasSuffix(r.URL.Path, "/identities") {
		p.next.ServeHTTP(w, r)
		return
	}
	p.requests.Add(1)

	p.mu.Lock()
	rec, ok := p.pages[r.URL.RawQuery]
	if !ok {
		rec = httptest.NewRecorder()
		p.next.ServeHTTP(rec, r)
		p.pages[r.URL.RawQuery] = rec
	}
	p.mu.Unlock()
	for _, k := range []string{"Content-Type", "X-Total-Count"} {
		if v := rec.Header().Get(k); v != "" {
			w.Header().Set(k, v)
		}
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// BenchmarkIdentitiesDataSourceRead reads n identities, all of them (include_uncorrelated,
// max_results n), without a rate limit and without terraform around it, from pages an in-process
// emulator rendered before the timer (see recordedPages): "client" is the client's pages of 250
// alone, decoded as the data source reads them; "Read" is the data source's Read, those pages
// plus the conversion into Terraform state. n=100000 is past max_results' bound of 10000, which
// the framework checks before Read: it shows how Read scales.
func BenchmarkIdentitiesDataSourceRead(b *testing.B) {
	for _, n := range []int{10000, 100000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchmarkIdentitiesRead(b, n) })
	}
}

func benchmarkIdentitiesRead(b *testing.B, n int) {
	pages := &recordedPages{next: emulator.New(emulator.Config{Identities: n}), pages: map[string]*httptest.ResponseRecorder{}}
	srv := httptest.NewServer(pages) // not checked against the contract: the check would be timed too
	b.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL, ClientID: emulator.DefaultClientID, ClientSecret: emulator.DefaultClientSecret,
		RateLimit: -1}) // no window: the emulator has no rate limit here
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	opts := client.IdentityListOptions{ListOptions: client.ListOptions{Max: n, Query: url.Values{"defaultFilter": {"NONE"}}}, IncludeUncorrelated: true}
	// Renders every page and fetches the token before any timer runs.
	if list, _, err := c.ListIdentities(ctx, opts); err != nil || len(list) != n {
		b.Fatalf("read %d identities (%v), want %d", len(list), err, n)
	}
	pagesPerOp := func(b *testing.B) {
		b.ReportMetric(float64(pages.requests.Load())/float64(b.N), "pages/op")
	}

	b.Run("client", func(b *testing.B) {
		pages.requests.Store(0)
		b.ReportAllocs()
		var read int
		for b.Loop() {
			read = 0
			for page, err := range c.IdentityPages(ctx, opts, nil) {
				if err != nil {
					b.Fatal(err)
				}
				read += len(page)
			}
		}
		if read != n {
			b.Fatalf("read %d identities, want %d", read, n)
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
		attrs["max_results"] = tftypes.NewValue(tftypes.Number, n)
		req := datasource.ReadRequest{Config: tfsdk.Config{Schema: sch.Schema, Raw: tftypes.NewValue(typ, attrs)}}
		pages.requests.Store(0)
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
		if len(m.Identities) != n || m.Total.ValueInt64() != int64(n) {
			b.Fatalf("read %d identities of %d, want %d", len(m.Identities), m.Total.ValueInt64(), n)
		}
	})
}
