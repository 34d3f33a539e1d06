package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

func TestCreateOrTakeOver(t *testing.T) {
	refused := &client.Error{StatusCode: 400, Messages: []string{"already has one"}}
	missing := &client.Error{StatusCode: 404, Messages: []string{"none"}}
	broken := &client.Error{StatusCode: 500, Messages: []string{"boom"}}
	obj := func(s string) *string { return &s }
	cases := map[string]struct {
		likelyExists bool
		withFind     bool
		found        *string
		findErr      error
		createErr    error
		takeOverErr  error
		want         string // the result, or the error text expected
		calls        string
	}{
		"new object, create first":         {want: "created", calls: "create"},
		"refused create, taken over":       {createErr: refused, want: "taken over", calls: "create takeOver"},
		"refused create, nothing to take":  {createErr: refused, takeOverErr: missing, want: "already has one", calls: "create takeOver"},
		"failed create is not taken over":  {createErr: broken, want: "boom", calls: "create"},
		"refused create, found and taken":  {withFind: true, found: obj("x"), createErr: refused, want: "taken over", calls: "create find takeOver"},
		"refused create, none found":       {withFind: true, createErr: refused, want: "already has one", calls: "create find"},
		"refused create, lookup fails":     {withFind: true, findErr: broken, createErr: refused, want: "already has one; taking over an existing one failed too: looking for it", calls: "create find"},
		"likely existing, taken over":      {likelyExists: true, want: "taken over", calls: "takeOver"},
		"likely existing, none, created":   {likelyExists: true, takeOverErr: missing, want: "created", calls: "takeOver create"},
		"likely existing, found by lookup": {likelyExists: true, withFind: true, found: obj("x"), want: "taken over", calls: "find takeOver"},
		"likely existing, none found":      {likelyExists: true, withFind: true, want: "created", calls: "find create"},
		"likely existing, takeover fails":  {likelyExists: true, takeOverErr: broken, want: "taking over the existing", calls: "takeOver"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			var calls []string
			o := createOrTakeOver[string]{
				thing:        "thing",
				likelyExists: tc.likelyExists,
				create: func(context.Context) (*string, error) {
					calls = append(calls, "create")
					return obj("created"), tc.createErr
				},
				takeOver: func(_ context.Context, existing *string) (*string, error) {
					calls = append(calls, "takeOver")
					if tc.withFind && existing == nil {
						t.Error("takeOver without the object found")
					}
					return obj("taken over"), tc.takeOverErr
				},
			}
			if tc.withFind {
				o.find = func(context.Context) (*string, error) {
					calls = append(calls, "find")
					return tc.found, tc.findErr
				}
			}
			var diags diag.Diagnostics
			got := o.run(context.Background(), &diags)
			if strings.Join(calls, " ") != tc.calls {
				t.Errorf("calls = %v, want %s", calls, tc.calls)
			}
			switch {
			case got != nil && !diags.HasError():
				if *got != tc.want {
					t.Errorf("result %q, want %q", *got, tc.want)
				}
			case got == nil && diags.HasError():
				text := diags[0].Summary() + ": " + diags[0].Detail()
				if !strings.Contains(text, tc.want) {
					t.Errorf("error %q, want it to contain %q", text, tc.want)
				}
			default:
				t.Errorf("result %v with diagnostics %v", got, diags)
			}
		})
	}
}
