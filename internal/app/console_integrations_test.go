package app_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/store"
)

// TestConsoleOverview (issue 16, item 1): after an ad push and an
// application, the overview counts one of each in the last hour, shows
// the outbox queues' backlog, and links the dead deliveries; a feed whose
// poll failed (synced from the console) is listed among failing polls,
// linked to its integration.
func TestConsoleOverview(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "r1")
		require.Equal(t, http.StatusAccepted, apply(t, s, job, kari()).Status)
		fs, base := feedServer(t)
		fs.Lever("acme").Fault(sim.Fault5xx, 1)
		lever, _ := s.VendorTenant(t, "lever", map[string]string{"site": "acme", "base_url": base})

		op := newOperator(t, s, "ops@board.example")
		r := op.post(t, "/ops/integrations/"+lever+"/sync", nil)
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())
		require.Equal(t, "/ops/integrations/"+lever+"?notice=sync_failed", r.Header.Get("Location"))
		var home string
		apptest.Eventually(t, func() bool {
			home = op.do(t, http.MethodGet, "/ops/", nil).text()
			return strings.Contains(home, "<td>"+outbox.Queue+"</td>")
		}, "the outbox queue's backlog, once the dispatcher enqueued the ad's delivery")
		require.Equal(t, "1", tile(t, home, "ads-in"))
		require.Equal(t, "1", tile(t, home, "applications-in"))
		require.Contains(t, home, `href="/ops/dead"`)
		require.Contains(t, home, "Open breakers")
		require.Contains(t, home, `<a href="/ops/integrations/`+lever+`">`+lever+`</a>`, "the failing poll, linked")
		require.NotContains(t, home, "No poll is failing.")
	})
}

// tile reads the number of the overview's tile id.
func tile(t *testing.T, page, id string) string {
	m := regexp.MustCompile(`id="` + id + `">(\d+)<`).FindStringSubmatch(page)
	require.NotNil(t, m, id)
	return m[1]
}

// TestConsoleIntegrations (issue 16, item 1): the list links each
// integration by its id with its vendor, account, state and last push,
// and filters
// by vendor and state; the detail shows settings with the secret masked
// and keys by id, never a secret; an unknown id is 404.
func TestConsoleIntegrations(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "generic", map[string]string{"apply_secret": "s3cr3t-value", "channels": "nav"})
		ponty, _ := s.VendorTenant(t, "ponty", nil)
		job := putJob(t, s, key, "r1")
		op := newOperator(t, s, "ops@board.example")

		list := op.do(t, http.MethodGet, "/ops/integrations", nil)
		require.Equal(t, http.StatusOK, list.Status, list.text())
		for _, id := range []string{integ, ponty} {
			require.Contains(t, list.text(), `<a href="/ops/integrations/`+id+`">`+id+`</a>`)
		}
		require.Contains(t, list.text(), "Eksempel AS")
		require.Contains(t, list.text(), ": "+job+" live</td>", "the last push and its outcome")
		require.Contains(t, list.text(), "push: no ads yet", "Ponty has pushed nothing")
		only := op.do(t, http.MethodGet, "/ops/integrations?vendor=ponty", nil).text()
		require.Contains(t, only, ponty)
		require.NotContains(t, only, integ+"</a>")
		require.Contains(t, op.do(t, http.MethodGet, "/ops/integrations?state=disabled", nil).text(), "No integration matches.")

		detail := op.do(t, http.MethodGet, "/ops/integrations/"+integ, nil)
		require.Equal(t, http.StatusOK, detail.Status, detail.text())
		keys, err := s.Env.Store.ListKeys(context.Background(), integ)
		require.NoError(t, err)
		for _, want := range []string{"<td>apply_secret</td><td><code>***</code>", "<td>channels</td><td><code>nav</code>", keys[0].ID, "/disable", "/rotate-key"} {
			require.Contains(t, detail.text(), want)
		}
		require.NotContains(t, detail.text(), "s3cr3t-value")
		require.NotContains(t, detail.text(), key[strings.LastIndex(key, "_")+1:], "no key's secret")
		require.NotContains(t, detail.text(), "/sync", "a pushed integration has nothing to sync")
		require.Equal(t, http.StatusNotFound, op.do(t, http.MethodGet, "/ops/integrations/int_missing", nil).Status)
	})
}

// TestConsoleDisableEnable (issue 16, item 1; bad input): disabling from
// the console (with its CSRF token; without it 403 and nothing changes)
// makes the integration's pushes 403 integration_disabled on the generic
// API and on a vendor's receiver, at once, while its published ad stays
// and an application to it is still taken and delivered; enabling
// restores pushes. Each action is audited as the operator.
func TestConsoleDisableEnable(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "r1")
		integ := integrationOfJob(t, s, job)
		apptest.Eventually(t, func() bool { return s.Do(t, http.MethodGet, "/v1/jobs/"+job, nil).Status == http.StatusOK }, "the ad is published")
		op := newOperator(t, s, "ops@board.example")

		forged := op.do(t, http.MethodPost, "/ops/integrations/"+integ+"/disable", url.Values{})
		require.Equal(t, http.StatusForbidden, forged.Status)
		require.Equal(t, "csrf_invalid", forged.Header.Get("X-Error-Code"))
		require.Equal(t, store.IntegrationActive, statusOfIntegration(t, s, integ), "a form without the token changes nothing")

		r := op.post(t, "/ops/integrations/"+integ+"/disable", nil)
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())
		require.Equal(t, "/ops/integrations/"+integ+"?notice=integration_disabled", r.Header.Get("Location"))
		require.True(t, strings.HasPrefix(auditActor(t, s, "integration.disable", integ), "operator:usr_"))
		page := op.do(t, http.MethodGet, r.Header.Get("Location"), nil).text()
		require.Contains(t, page, "The integration is disabled")
		require.Contains(t, page, "/enable")

		refused := s.Do(t, http.MethodPut, "/v1/ads/r2", apptest.Ad("Sjåfør"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusForbidden, refused.Status, string(refused.Body))
		require.Equal(t, "integration_disabled", refused.JSON["error"].(map[string]any)["code"])
		gone := s.Do(t, http.MethodDelete, "/v1/ads/r1", nil, apptest.Bearer(key)...)
		require.Equal(t, http.StatusForbidden, gone.Status, "a withdrawal is a push too")
		_, err := s.Env.Store.GetAd(context.Background(), integ, "r2")
		require.ErrorIs(t, err, store.ErrNotFound, "the refused push stored nothing")
		require.Equal(t, http.StatusOK, s.Do(t, http.MethodGet, "/v1/jobs/"+job, nil).Status, "the published ad stays")
		require.Equal(t, http.StatusAccepted, apply(t, s, job, kari()).Status, "applications are still taken")
		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 1 }, "and delivered")

		r = op.post(t, "/ops/integrations/"+integ+"/enable", nil)
		require.Equal(t, "/ops/integrations/"+integ+"?notice=integration_enabled", r.Header.Get("Location"))
		require.True(t, strings.HasPrefix(auditActor(t, s, "integration.enable", integ), "operator:usr_"))
		require.Equal(t, http.StatusCreated, s.Do(t, http.MethodPut, "/v1/ads/r2", apptest.Ad("Sjåfør"), apptest.Bearer(key)...).Status)
		again := op.post(t, "/ops/integrations/"+integ+"/enable", nil)
		require.Equal(t, "/ops/integrations/"+integ+"?notice=integration_unchanged", again.Header.Get("Location"))
	})
}

// TestConsoleDisabledVendorPush: a Ponty or Teamtailor push to a
// disabled integration is refused with 403 and the code in the vendor's
// shape, and stores nothing; enabled, it is taken again.
func TestConsoleDisabledVendorPush(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "ponty", nil)
		op := newOperator(t, s, "ops@board.example")
		require.Equal(t, http.StatusSeeOther, op.post(t, "/ops/integrations/"+integ+"/disable", nil).Status)
		p := sim.Ponty{Site: sim.PontySite(s.URL, integ), Key: key, Slug: "acme"}
		r, err := p.Upsert(context.Background(), pontyAd(t), sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
		require.Equal(t, false, r.JSON()["success"])
		require.Equal(t, "integration_disabled", r.JSON()["code"])
		states, err := s.Env.Store.ListAdStates(context.Background(), integ)
		require.NoError(t, err)
		require.Empty(t, states)
		require.Equal(t, http.StatusSeeOther, op.post(t, "/ops/integrations/"+integ+"/enable", nil).Status)
		r, err = p.Upsert(context.Background(), pontyAd(t), sim.None)
		require.NoError(t, err)
		pontySucceeded(t, r, "enabled")

		tinteg, _, tt := teamtailorTenant(t, s)
		require.Equal(t, http.StatusSeeOther, op.post(t, "/ops/integrations/"+tinteg+"/disable", nil).Status)
		r, err = tt.Post(context.Background(), teamtailorEvent(t), sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusForbidden, r.Status, string(r.Body))
		require.Equal(t, "integration_disabled", r.JSON()["code"])
		require.Contains(t, r.JSON()["errors"], "this integration is disabled on the job board: no ads are taken or changed until an operator enables it (ads already published stay as they are)")
		_, err = s.Env.Store.GetAd(context.Background(), tinteg, "1")
		require.ErrorIs(t, err, store.ErrNotFound)
	})
}

// TestConsoleSyncAndRotate (issue 16, item 1): "sync now" polls a feed
// (audited integration.sync) and is refused with 409
// integration_disabled while the integration is disabled, as the API's
// sync is; "rotate key" shows the new key once, keeps the old one valid
// for the grace, and is audited key.rotate as the operator.
func TestConsoleSyncAndRotate(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		fs, base := feedServer(t)
		fs.Lever("acme").Generate(2)
		lever, key := s.VendorTenant(t, "lever", map[string]string{"site": "acme", "base_url": base})
		op := newOperator(t, s, "ops@board.example")

		r := op.post(t, "/ops/integrations/"+lever+"/sync", nil)
		require.Equal(t, "/ops/integrations/"+lever+"?notice=synced", r.Header.Get("Location"), r.text())
		require.Equal(t, 2, liveAds(t, s, lever))
		require.True(t, strings.HasPrefix(auditActor(t, s, "integration.sync", lever), "operator:usr_"))

		require.Equal(t, http.StatusSeeOther, op.post(t, "/ops/integrations/"+lever+"/disable", nil).Status)
		refused := op.post(t, "/ops/integrations/"+lever+"/sync", nil)
		require.Equal(t, http.StatusConflict, refused.Status)
		require.Equal(t, "integration_disabled", refused.Header.Get("X-Error-Code"))
		api := s.Do(t, http.MethodPost, "/v1/integrations/"+lever+"/sync", nil, apptest.Bearer(apptest.OperatorToken)...)
		require.Equal(t, http.StatusConflict, api.Status)
		require.Equal(t, "integration_disabled", api.JSON["error"].(map[string]any)["code"])

		rotated := op.post(t, "/ops/integrations/"+lever+"/rotate-key", nil)
		require.Equal(t, http.StatusCreated, rotated.Status, rotated.text())
		shown := regexp.MustCompile(`<pre id="new-key">([^<]+)</pre>`).FindStringSubmatch(rotated.text())
		require.NotNil(t, shown, "the new key is shown")
		require.NotEqual(t, key, shown[1])
		require.True(t, strings.HasPrefix(auditActor(t, s, "key.rotate", lever), "operator:usr_"))
		keys, err := s.Env.Store.ListKeys(context.Background(), lever)
		require.NoError(t, err)
		require.Len(t, keys, 2)
		require.NotNil(t, keys[1].ExpiresAt, "the old key is kept for the grace")
		require.True(t, keys[1].ValidAt(keys[0].CreatedAt))
		require.NotContains(t, op.do(t, http.MethodGet, "/ops/integrations/"+lever, nil).text(), shown[1], "shown once")
	})
}

// integrationOfJob is the integration of the job.
func integrationOfJob(t *testing.T, s *apptest.Server, job string) string {
	rec, err := s.Env.Store.GetAdByID(context.Background(), job)
	require.NoError(t, err)
	return rec.IntegrationID
}

func statusOfIntegration(t *testing.T, s *apptest.Server, id string) string {
	in, err := s.Env.Store.GetIntegration(context.Background(), id)
	require.NoError(t, err)
	return in.Status
}

// auditActor is who did the newest action on subject ("" for nobody).
func auditActor(t *testing.T, s *apptest.Server, action, subject string) string {
	entries, err := s.Env.Store.ListAudit(context.Background(), 500)
	require.NoError(t, err)
	for _, e := range entries {
		if e.Action == action && e.Subject == subject {
			return e.Actor
		}
	}
	return ""
}
