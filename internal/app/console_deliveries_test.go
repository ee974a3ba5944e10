package app_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// consoleDesk is a running jobgate with two webhook tenants and an
// operator signed in to the console: acme has a job whose applications
// the ATS refuses for good (closed there) and one it takes; other has one
// it refuses.
type consoleDesk struct {
	s                    *apptest.Server
	ats                  *sim.ATS
	op                   *person
	opID                 string
	acme, other          string
	acmeDead, acmeLive   string
	otherDead            string
	acmeJob, acmeOpenJob string
	otherJob             string
}

// newConsoleDesk starts it. The reconciler's interval is an hour, so a
// replay reaches the ATS only when the console hands it to the queue.
func newConsoleDesk(t *testing.T, m apptest.Mode) *consoleDesk {
	ats, atsURL := atsServer(t)
	cfg := apptest.Config(t, m)
	cfg.ReconcileInterval = time.Hour
	s := apptest.Start(t, cfg, app.Options{})
	d := &consoleDesk{s: s, ats: ats}
	tenant := func(name string) (string, string) {
		id, key := s.VendorTenant(t, "generic", map[string]string{"apply_url": atsURL + "/webhook/" + name})
		ats.SetKey(name, key)
		return id, key
	}
	var acmeKey, otherKey string
	d.acme, acmeKey = tenant("acme")
	d.other, otherKey = tenant("other")
	d.acmeJob, d.acmeOpenJob = putJob(t, s, acmeKey, "ref-closed"), putJob(t, s, acmeKey, "ref-open")
	d.otherJob = putJob(t, s, otherKey, "ref-other")
	ats.CloseJob("webhook", "ref-closed", true)
	ats.CloseJob("webhook", "ref-other", true)
	for _, job := range []string{d.acmeJob, d.acmeOpenJob, d.otherJob} {
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	}
	apptest.Eventually(t, func() bool {
		return applyDelivery(t, s, d.acmeJob).State == store.DeliveryDead && applyDelivery(t, s, d.otherJob).State == store.DeliveryDead &&
			applyDelivery(t, s, d.acmeOpenJob).State == store.DeliveryDelivered
	}, "two applications dead, one delivered")
	d.acmeDead, d.otherDead, d.acmeLive = applyDelivery(t, s, d.acmeJob).ID, applyDelivery(t, s, d.otherJob).ID, applyDelivery(t, s, d.acmeOpenJob).ID
	d.op = newOperator(t, s, "ops@board.example")
	u, err := s.Env.Store.GetUserByEmail(context.Background(), "ops@board.example")
	require.NoError(t, err)
	d.opID = u.ID
	return d
}

// page GETs a console page and requires 200.
func (d *consoleDesk) page(t *testing.T, path string) string {
	t.Helper()
	r := d.op.do(t, http.MethodGet, path, nil)
	require.Equal(t, http.StatusOK, r.Status, path+": "+r.text())
	return r.text()
}

// requireNoCandidate checks a page shows nothing of kari's.
func requireNoCandidate(t *testing.T, path, page string) {
	t.Helper()
	for _, personal := range []string{"Kari", "Nordmann", "kari.nordmann@example.no", "912 34 567", "Jeg vil gjerne", "CV Kari"} {
		require.NotContains(t, page, personal, path+" shows no candidate data")
	}
}

// TestConsoleApplicationsAndAds: the applications page lists applications
// by delivery state and integration with their job, destination, attempts
// and last error, and no candidate data; the ads page lists ads with their
// channel states, filtered; a filter value it does not know is 400.
func TestConsoleApplicationsAndAds(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		d := newConsoleDesk(t, m)
		all := d.page(t, "/ops/applications")
		requireNoCandidate(t, "/ops/applications", all)
		for _, id := range []string{d.acmeDead, d.otherDead, d.acmeLive} {
			require.Contains(t, all, `href="/ops/deliveries/`+id+`"`)
		}
		require.Contains(t, all, "Lagermedarbeider")
		require.Contains(t, all, "410", "the last error is shown")

		dead := d.page(t, "/ops/applications?state=dead")
		require.Contains(t, dead, d.acmeDead)
		require.Contains(t, dead, d.otherDead)
		require.NotContains(t, dead, d.acmeLive)
		acme := d.page(t, "/ops/applications?integration="+d.acme)
		require.Contains(t, acme, d.acmeDead)
		require.Contains(t, acme, d.acmeLive)
		require.NotContains(t, acme, d.otherDead)

		apps, _, err := d.s.Env.Store.ListApplicationStates(t.Context(), store.ApplicationQuery{State: store.DeliveryDead, IntegrationID: d.other})
		require.NoError(t, err)
		require.Len(t, apps, 1)
		one := d.page(t, "/ops/applications/"+apps[0].ID)
		requireNoCandidate(t, "/ops/applications/{id}", one)
		require.Contains(t, one, d.other)
		require.Contains(t, one, "webhook")
		require.Equal(t, http.StatusNotFound, d.op.do(t, http.MethodGet, "/ops/applications/app_missing", nil).Status)

		ads := d.page(t, "/ops/ads")
		requireNoCandidate(t, "/ops/ads", ads)
		for _, job := range []string{d.acmeJob, d.acmeOpenJob, d.otherJob} {
			require.Contains(t, ads, `href="/ops/ads/`+job+`"`)
		}
		require.Contains(t, ads, "<strong>board</strong>: live")
		onlyOther := d.page(t, "/ops/ads?integration="+d.other)
		require.Contains(t, onlyOther, d.otherJob)
		require.NotContains(t, onlyOther, d.acmeJob)
		require.Contains(t, d.page(t, "/ops/ads?channel=board&state=live"), d.acmeJob)
		require.NotContains(t, d.page(t, "/ops/ads?channel=board&state=rejected"), d.acmeJob)
		require.NotContains(t, d.page(t, "/ops/ads?status=withdrawn"), d.acmeJob)
		jobs := []string{d.acmeJob, d.acmeOpenJob, d.otherJob}
		slices.Sort(jobs)
		older := d.page(t, "/ops/ads?cursor="+jobs[2])
		require.NotContains(t, older, `href="/ops/ads/`+jobs[2]+`"`, "a page starts after its cursor (ids sort by creation)")
		require.Contains(t, older, `href="/ops/ads/`+jobs[0]+`"`, "and goes on with the older ads")

		bad := d.op.do(t, http.MethodGet, "/ops/ads?status=bogus", nil)
		require.Equal(t, http.StatusBadRequest, bad.Status)
		require.Equal(t, "bad_filter", bad.Header.Get("X-Error-Code"))
		require.Contains(t, bad.text(), "status")
		require.NotContains(t, bad.text(), "bogus", "the value is not echoed")

		ad := d.page(t, "/ops/ads/"+d.acmeJob)
		requireNoCandidate(t, "/ops/ads/{id}", ad)
		require.Contains(t, ad, "1 revisions stored")
		require.Contains(t, ad, `href="/ops/deliveries/`+d.acmeDead+`"`, "its deliveries, the application's too")
		require.Equal(t, http.StatusNotFound, d.op.do(t, http.MethodGet, "/ops/ads/job_missing", nil).Status)
	})
}

// TestConsoleDeadReplay: the dead deliveries page lists dead ones by
// integration; a replay through the delivery's form (with the CSRF
// token) is audited as the operator and delivered at once (the
// reconciler would wait an hour); replaying a delivery that is not dead is
// 409 not_dead and changes nothing; a form without the token is 403;
// replay-all replays what the filter matches and says how many.
func TestConsoleDeadReplay(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		d := newConsoleDesk(t, m)
		dead := d.page(t, "/ops/dead")
		requireNoCandidate(t, "/ops/dead", dead)
		require.Contains(t, dead, d.acmeDead)
		require.Contains(t, dead, d.otherDead)
		require.NotContains(t, dead, d.acmeLive)
		acme := d.page(t, "/ops/dead?integration="+d.acme+"&kind=apply&channel=webhook")
		require.Contains(t, acme, d.acmeDead)
		require.NotContains(t, acme, d.otherDead)
		require.NotContains(t, d.page(t, "/ops/dead?kind=publish"), d.acmeDead)

		one := d.page(t, "/ops/deliveries/"+d.acmeDead)
		require.Contains(t, one, `action="/ops/deliveries/`+d.acmeDead+`/replay"`)

		noToken := d.op.do(t, http.MethodPost, "/ops/deliveries/"+d.acmeDead+"/replay", url.Values{})
		require.Equal(t, http.StatusForbidden, noToken.Status)
		before, err := d.s.Env.Store.GetDelivery(t.Context(), d.acmeDead)
		require.NoError(t, err)
		require.Equal(t, store.DeliveryDead, before.State, "a form without the token changes nothing")

		live, err := d.s.Env.Store.GetDelivery(t.Context(), d.acmeLive)
		require.NoError(t, err)
		notDead := d.op.post(t, "/ops/deliveries/"+d.acmeLive+"/replay", nil)
		require.Equal(t, http.StatusConflict, notDead.Status)
		require.Equal(t, "not_dead", notDead.Header.Get("X-Error-Code"))
		require.Contains(t, notDead.text(), "only dead deliveries are replayed")
		after, err := d.s.Env.Store.GetDelivery(t.Context(), d.acmeLive)
		require.NoError(t, err)
		require.Equal(t, live, after, "a refused replay changes nothing")
		require.Equal(t, http.StatusNotFound, d.op.post(t, "/ops/deliveries/dlv_missing/replay", nil).Status)

		d.ats.CloseJob("webhook", "ref-closed", false)
		r := d.op.post(t, "/ops/deliveries/"+d.acmeDead+"/replay", nil)
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())
		require.Equal(t, "/ops/deliveries/"+d.acmeDead+"?notice=replayed", r.Header.Get("Location"))
		require.True(t, auditHas(t, d.s, "operator:"+d.opID, "delivery.replay", d.acmeDead), "audited as the operator")
		apptest.Eventually(t, func() bool { return applyDelivery(t, d.s, d.acmeJob).State == store.DeliveryDelivered },
			"the replay is delivered without waiting for the reconciler")
		require.Contains(t, d.page(t, r.Header.Get("Location")), `<dd id="state">delivered</dd>`)
		require.NotContains(t, d.page(t, "/ops/dead"), d.acmeDead)

		d.ats.CloseJob("webhook", "ref-other", false)
		all := d.op.post(t, "/ops/dead/replay", url.Values{"integration": {d.acme}})
		require.Equal(t, http.StatusSeeOther, all.Status)
		require.Contains(t, all.Header.Get("Location"), "replayed=0", "acme has no dead delivery left")
		require.Equal(t, store.DeliveryDead, applyDelivery(t, d.s, d.otherJob).State, "the filter keeps other's")
		all = d.op.post(t, "/ops/dead/replay", url.Values{"integration": {d.other}, "kind": {"apply"}})
		require.Equal(t, http.StatusSeeOther, all.Status)
		loc := all.Header.Get("Location")
		require.True(t, strings.HasPrefix(loc, "/ops/dead?"), loc)
		require.Contains(t, d.page(t, loc), "1 dead deliveries replayed")
		require.True(t, auditHas(t, d.s, "operator:"+d.opID, "delivery.replay", d.otherDead))
		apptest.Eventually(t, func() bool { return applyDelivery(t, d.s, d.otherJob).State == store.DeliveryDelivered }, "replayed all, delivered")
		require.Len(t, d.ats.Received("webhook"), 3, "each application reached the ATS once")
	})
}
