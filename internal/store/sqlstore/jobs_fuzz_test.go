package sqlstore

import (
	"errors"
	"testing"

	"github.com/jobgate/jobgate/internal/store"
)

// FuzzDeadlineCursor: a cursor from outside (a query parameter) is either
// refused with ErrInvalidCursor or read into a cursor that writes back
// the same and is read again the same.
func FuzzDeadlineCursor(f *testing.F) {
	for _, s := range []string{"n.job_1", "d1893456000000000.job_01m8", "d-5.job_x", "d.job", "x.job_1", "n.", ".", "", "d12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseDeadlineCursor(s)
		if err != nil {
			if !errors.Is(err, store.ErrInvalidCursor) {
				t.Fatalf("%q: %v is not ErrInvalidCursor", s, err)
			}
			return
		}
		if c.id == "" {
			t.Fatalf("%q read with no id", s)
		}
		again, err := parseDeadlineCursor(c.String())
		if err != nil || again.id != c.id || (again.end == nil) != (c.end == nil) || (c.end != nil && *again.end != *c.end) {
			t.Fatalf("%q → %q → %+v, %v", s, c.String(), again, err)
		}
	})
}
