package app_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestPortalCandidateOtherApplications (issue 14 item 3: "a candidate's
// other applications are shown only where the user may see them too"):
// Kari Nordmann applied to Lager and Sjåfør in account A and to Kokk in
// account B. The admin sees, beside the application to Lager, the one to
// Sjåfør; the team member of Lager alone sees none; Per of account B sees
// none of account A's.
func TestPortalCandidateOtherApplications(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		for name, c := range map[string]struct {
			email, app string
			want       []string
		}{
			"admin":         {w.adminEmail, w.appLager, []string{w.appSjafor}},
			"team member":   {w.kariEmail, w.appLager, []string{}},
			"other account": {w.perEmail, w.appB, []string{}},
		} {
			t.Run(name, func(t *testing.T) {
				p := newPerson(t, w.s).mustLogin(t, c.email, portalPassword)
				got := p.do(t, http.MethodGet, "/v1/portal/applications/"+c.app, nil)
				require.Equal(t, http.StatusOK, got.Status, got.text())
				require.ElementsMatch(t, c.want, got.ids("other_applications"))
			})
		}
	})
}
