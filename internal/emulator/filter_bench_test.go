package emulator

import (
	"strings"
	"testing"
)

// BenchmarkIdentityFilter times one identity list filter, parsed, compiled and evaluated over
// 10 000 generated identities: what GET /identities?filters=... costs before sorting and paging.
func BenchmarkIdentityFilter(b *testing.B) {
	identities := generateIdentities(10000)
	ids := make([]string, 50)
	for i := range ids {
		ids[i] = `"` + identities[i*200].ID + `"`
	}
	for _, bc := range []struct{ name, filter string }{
		{"name sw and email eq", `name sw "a" and email eq "aaron.andersen@example.com"`},
		{"id in 50", `id in (` + strings.Join(ids, ",") + `)`},
		{"or of sw", `firstname sw "Ma" or lastname sw "Ko" or alias sw "zoe."`},
		{"not and bool", `not cloudStatus eq "ACTIVE" and correlated eq true and protected eq false`},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			matched := 0
			for b.Loop() {
				ast, err := parseFilter(bc.filter)
				if err != nil {
					b.Fatal(err)
				}
				keep, err := identityList.filters.compile(ast)
				if err != nil {
					b.Fatal(err)
				}
				matched = 0
				for _, id := range identities {
					if keep(id) {
						matched++
					}
				}
			}
			if matched == 0 {
				b.Fatalf("%s matched no identity", bc.filter)
			}
			b.ReportMetric(float64(matched), "matches")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(identities)), "ns/identity")
		})
	}
}
