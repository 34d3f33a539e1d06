package quartz

import (
	"strings"
	"testing"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/quartz/quartztest"
)

func TestCheckAccepts(t *testing.T) {
	for _, expr := range quartztest.Accepted {
		if err := Check(expr); err != nil {
			t.Errorf("%q: %v", expr, err)
		}
	}
}

func TestCheckRejects(t *testing.T) {
	for _, tc := range quartztest.Rejected {
		err := Check(tc.Expr)
		if err == nil {
			t.Errorf("%q: accepted, want an error containing %q", tc.Expr, tc.Want)
			continue
		}
		if !strings.Contains(err.Error(), tc.Want) {
			t.Errorf("%q:\n got %s\nwant it to contain %s", tc.Expr, err, tc.Want)
		}
	}
}

// Whatever the input, the check does not panic, and what it accepts has the shape ISC needs.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"0 0 5,13,21 * * ?", "0 15 10 ? * 6#3", "0 15 10 L-3W * ? 2030/2", "0 0 0 ? * FRI-MON", "*/5 * * * *"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		if Check(expr) != nil {
			return
		}
		fields := strings.Fields(expr)
		if len(fields) < 6 || len(fields) > 7 || (fields[dayOfMonth] == "?") == (fields[dayOfWeek] == "?") {
			t.Fatalf("accepted %q", expr)
		}
		if err := Check(strings.ToLower(expr)); err != nil {
			t.Fatalf("accepted %q but not its lower-case form: %v", expr, err)
		}
	})
}

func TestSame(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"0 30 2 ? * MON-FRI", "0  30 2 ? *  mon-fri ", true},
		{"0 0 5 L * ?", "0 0 5 l * ?", true},
		{"0 0 5 * * ?", "0 0 6 * * ?", false},
		{"0 0 5 * * ?", "0 0 5 * * ? *", false},
	} {
		if got := Same(tc.a, tc.b); got != tc.same {
			t.Errorf("Same(%q, %q) = %v", tc.a, tc.b, got)
		}
	}
}
