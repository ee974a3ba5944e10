package app_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/store"
)

// TestPontyTokenForms sends the token as the reference receiver takes it
// (x-pnty-auth-2 with or without "Bearer ") and in the standard
// Authorization: Bearer header: each is accepted.
func TestPontyTokenForms(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "ponty", nil)
		site := sim.PontySite(s.URL, integ)
		for _, p := range []sim.Ponty{
			{Site: site, Key: key, Slug: "acme"},
			{Site: site, Key: key, Slug: "acme", Bare: true},
			{Site: site, Key: key, Slug: "acme", Header: "Authorization"},
		} {
			r, err := p.Version(context.Background(), sim.None)
			require.NoError(t, err)
			require.Equal(t, http.StatusOK, r.Status, "%+v: %s", p, r.Body)
			require.Equal(t, map[string]any{"version": "1.0.15"}, r.JSON(), "%+v", p)
			r, err = p.Upsert(context.Background(), pontyAd(t), sim.None)
			require.NoError(t, err)
			pontySucceeded(t, r, "header "+p.Header)
		}
	})
}

// TestPontyVersionNeedsToken: the version probe answers only a valid,
// fresh token with an expiry, and refuses others in Ponty's shape.
func TestPontyVersionNeedsToken(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "ponty", nil)
		p := sim.Ponty{Site: sim.PontySite(s.URL, integ), Key: key, Slug: "acme"}
		for _, f := range []sim.Fault{sim.Unsigned, sim.WrongKey, sim.Expired, sim.Future, sim.NoExpiry} {
			r, err := p.Version(context.Background(), f)
			require.NoError(t, err)
			pontyFailed(t, r, "Not authenticated", string(f))
			require.NotContains(t, r.JSON(), "version", string(f))
		}
		r, err := p.Version(context.Background(), sim.None)
		require.NoError(t, err)
		require.Equal(t, map[string]any{"version": "1.0.15"}, r.JSON())
	})
}

// TestPontyRemovalBySlug: two Ponty systems (slugs) push the same
// assignment id to one integration; a removal takes the ad of the slug
// in x-pnty-slug only, and one without a slug is refused.
func TestPontyRemovalBySlug(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "ponty", nil)
		site := sim.PontySite(s.URL, integ)
		ctx := context.Background()
		urls := map[string]string{}
		for _, slug := range []string{"acme", "beta"} {
			ad := pontyAd(t)
			ad["title"] = "Controller " + slug
			r, err := sim.Ponty{Site: site, Key: key, Slug: slug}.Upsert(ctx, ad, sim.None)
			require.NoError(t, err)
			urls[slug] = pontySucceeded(t, r, slug)
		}
		require.NotEqual(t, urls["acme"], urls["beta"], "two ads")
		apptest.Eventually(t, func() bool { return listed(t, s, "Controller acme") && listed(t, s, "Controller beta") }, "both on the board")

		r, err := sim.Ponty{Site: site, Key: key}.Delete(ctx, "39", sim.None)
		require.NoError(t, err)
		pontyFailed(t, r, "slug", "a removal without x-pnty-slug")
		r, err = sim.Ponty{Site: site, Key: key, Slug: "beta"}.Delete(ctx, "39", sim.None)
		require.NoError(t, err)
		require.Equal(t, urls["beta"], pontySucceeded(t, r, "the removal of beta's ad"))
		require.False(t, listed(t, s, "Controller beta"), "beta's ad left the board")
		require.True(t, listed(t, s, "Controller acme"), "acme's ad with the same assignment id stays")
		acme, err := s.Env.Store.GetAd(ctx, integ, "acme:39")
		require.NoError(t, err)
		require.Equal(t, store.AdLive, acme.Status)
	})
}

// TestPontyPublishDate: an ad whose publish_date is still to come is on
// no channel (not on /v1/jobs, no job page, no delivery to any channel)
// until that time, and goes live by itself once it passes, without
// another push. Time is moved by the clock jobgate takes for tests.
func TestPontyPublishDate(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ahead := startMovedClock(t, m)
		integ, key := s.VendorTenant(t, "ponty", map[string]string{"channels": "nav"})
		p := sim.Ponty{Site: sim.PontySite(s.URL, integ), Key: key, Slug: "acme"}
		ctx := context.Background()

		now := pontyAd(t)
		now["assignment_id"], now["title"] = "1", "Controller i dag"
		r, err := p.Upsert(ctx, now, sim.None)
		require.NoError(t, err)
		pontySucceeded(t, r, "an ad published today")
		later := pontyAd(t)
		later["assignment_id"], later["title"] = "2", "Controller i morgen"
		later["publish_date"] = time.Now().UTC().AddDate(0, 0, 1).Format(time.DateOnly)
		r, err = p.Upsert(ctx, later, sim.None)
		require.NoError(t, err)
		jobURL := pontySucceeded(t, r, "a scheduled ad")

		apptest.Eventually(t, func() bool { return listed(t, s, "Controller i dag") }, "the ad of today is on the board")
		require.False(t, listed(t, s, "Controller i morgen"), "the scheduled ad is not on the board before its date")
		page := s.Do(t, "GET", strings.TrimPrefix(jobURL, s.URL), nil)
		require.Equal(t, http.StatusNotFound, page.Status, "nor its job page")
		jobID := jobURL[strings.LastIndex(jobURL, "/")+1:]
		form := s.Do(t, "GET", "/v1/jobs/"+jobID+"/application-form", nil)
		require.Equal(t, http.StatusNotFound, form.Status, "nor its application form: "+string(form.Body))
		held, err := s.Env.Store.GetAd(ctx, integ, "acme:2")
		require.NoError(t, err)
		require.Equal(t, store.AdScheduled, held.Status)
		ds, err := s.Env.Store.ListDeliveries(ctx, store.DeliveryFilter{AdID: held.ID})
		require.NoError(t, err)
		require.Empty(t, ds, "nothing is sent to NAV or any channel before its date")

		ahead.Store(int64(48 * time.Hour))
		apptest.Eventually(t, func() bool { return listed(t, s, "Controller i morgen") }, "on the board once its date has passed, without another push")
		page = s.Do(t, "GET", strings.TrimPrefix(jobURL, s.URL), nil)
		require.Equal(t, http.StatusOK, page.Status, "its job page is up")
		ds, err = s.Env.Store.ListDeliveries(ctx, store.DeliveryFilter{AdID: held.ID})
		require.NoError(t, err)
		channels := map[string]bool{}
		for _, d := range ds {
			channels[d.Channel] = d.Kind == store.KindPublish
		}
		require.Equal(t, map[string]bool{"board": true, "nav": true}, channels, "published to the board and NAV")
	})
}

// TestPontyRedisUnreachable: while Redis cannot be reached to check the
// lockout, a Ponty push is answered in Ponty's shape (200, success false,
// a message to try again) and nothing is stored; accepted once it is back.
func TestPontyRedisUnreachable(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		outage := &redisOutage{}
		s := apptest.Start(t, apptest.Config(t, m), app.Options{Ready: func(qc *queue.Conn) { qc.Redis.AddHook(outage) }})
		t.Cleanup(func() { outage.down.Store(false) })
		integ, key := s.VendorTenant(t, "ponty", nil)
		p := sim.Ponty{Site: sim.PontySite(s.URL, integ), Key: key, Slug: "acme"}
		outage.down.Store(true)
		r, err := p.Upsert(context.Background(), pontyAd(t), sim.None)
		require.NoError(t, err)
		pontyFailed(t, r, "try again later", "Redis unreachable")
		_, err = s.Env.Store.GetAd(context.Background(), integ, "acme:39")
		require.ErrorIs(t, err, store.ErrNotFound, "nothing was stored")
		outage.down.Store(false)
		r, err = p.Upsert(context.Background(), pontyAd(t), sim.None)
		require.NoError(t, err)
		pontySucceeded(t, r, "accepted once Redis is back")
	})
}
