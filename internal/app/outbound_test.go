package app_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// target is a server that must not be reached: it counts every request
// and keeps the bodies it was sent.
type target struct {
	*httptest.Server
	hits   atomic.Int32
	mu     sync.Mutex
	bodies [][]byte
}

func newTarget(t *testing.T) *target {
	tg := &target{}
	tg.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		tg.mu.Lock()
		tg.bodies = append(tg.bodies, b)
		tg.mu.Unlock()
		tg.hits.Add(1)
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(tg.Close)
	return tg
}

// redirector answers every request with status and Location: location.
func redirector(t *testing.T, status int, location string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Location", location)
		w.WriteHeader(status)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestApplyRedirectIsNotDelivered: an apply webhook answering 302 or 307
// (issue 13, break 3) fails the delivery for good, with the status and
// the Location in its reason; the candidate's status says failed, never
// delivered; and the Location's server receives nothing: no empty GET, no
// CV re-sent.
func TestApplyRedirectIsNotDelivered(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		for _, status := range []int{http.StatusFound, http.StatusTemporaryRedirect} {
			elsewhere := newTarget(t)
			ats := redirector(t, status, elsewhere.URL+"/collect")
			_, key := s.VendorTenant(t, "generic", map[string]string{"apply_url": ats + "/hook"})
			job := putJob(t, s, key, "ref-"+strconv.Itoa(status))

			r := apply(t, s, job, kari())
			require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
			statusURL := r.JSON["status_url"].(string)
			apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "failed" }, "a redirect fails the application")
			d := applyDelivery(t, s, job)
			require.Equal(t, store.DeliveryDead, d.State, "permanent: not retried")
			require.Equal(t, 1, d.Attempts)
			require.Contains(t, d.LastError, "permanent: ")
			require.Contains(t, d.LastError, "answered "+strconv.Itoa(status))
			require.Contains(t, d.LastError, elsewhere.URL+"/collect", "the reason names the Location")
			require.NotEqual(t, "delivered", statusOf(t, s, statusURL)["status"])
			require.Zero(t, elsewhere.hits.Load(), "%d: the Location is never called", status)
		}
	})
}

// TestPollRedirectToInternalAddress: a feed answering 302 to an internal
// address (issue 13, break 3) is a failed poll whose reason is in the
// sync view; the address is never contacted.
func TestPollRedirectToInternalAddress(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		internal := newTarget(t)
		feed := redirector(t, http.StatusFound, internal.URL+"/latest/meta-data/")
		integ, key := s.VendorTenant(t, "reachmee", map[string]string{"feed_url": feed + "/rssfeed/external.ashx?id=1"})

		r := syncNow(t, s, integ)
		require.Equal(t, "failed", r.JSON["outcome"], string(r.Body))
		view := s.Do(t, http.MethodGet, "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(key)...)
		require.Equal(t, "failed", view.JSON["outcome"])
		reason := view.JSON["error"].(string)
		require.Contains(t, reason, "answered 302")
		require.Contains(t, reason, "redirects are not followed")
		require.Contains(t, reason, internal.URL+"/latest/meta-data/")
		require.Zero(t, internal.hits.Load(), "the internal address is never contacted")
	})
}

// TestURLSettingsAtRefusedAddresses: with an empty allow-list (the
// default), a feed URL, an apply_url or another URL setting at loopback,
// the metadata address or a private address is refused when the
// integration is created, naming the setting and not quoting the URL,
// and nothing is stored (issue 13, break 4).
func TestURLSettingsAtRefusedAddresses(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, local := strictServer(t, m)
		ctx := store.WithActor(context.Background(), "test")
		acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
		require.NoError(t, err)
		before, err := s.Env.Store.ListIntegrations(ctx)
		require.NoError(t, err)
		for _, c := range []struct{ vendor, setting, url, reason string }{
			{"generic", "apply_url", local.URL + "/hook?token=tok-1", "loopback"},
			{"generic", "apply_url", "http://169.254.169.254/latest/meta-data/", "cloud metadata"},
			{"reachmee", "feed_url", local.URL + "/feed?id=tok-1", "loopback"},
			{"reachmee", "feed_url", "http://169.254.169.254/feed", "cloud metadata"},
			{"jobylon", "feed_url", "http://localhost:" + local.URL[len("http://127.0.0.1:"):] + "/feeds/tok-1/", "loopback"},
			{"lever", "base_url", "http://10.0.0.5", "private"},
			{"teamtailor", "apply_base_url", "http://[::1]:9/production", "loopback"},
		} {
			settings := map[string]string{c.setting: c.url}
			if c.vendor == "lever" {
				settings["site"] = "acme"
			}
			_, err := s.Env.CreateIntegration(ctx, acc.ID, c.vendor, settings)
			require.Error(t, err, c.url)
			require.Contains(t, err.Error(), "setting "+c.setting+": address ", c.url)
			require.Contains(t, err.Error(), "is not allowed for outbound calls ("+c.reason+"); see JOBGATE_OUTBOUND_ALLOW", c.url)
			require.NotContains(t, err.Error(), "tok-1", "the URL is not quoted")
		}
		after, err := s.Env.Store.ListIntegrations(ctx)
		require.NoError(t, err)
		require.Len(t, after, len(before), "nothing stored")
		require.Zero(t, local.hits.Load())
	})
}

// TestRefusedAtDial: URL settings that bypass the create check (stored
// directly) are refused at every dial, before a byte is sent: a poll of a
// feed at localhost (a name resolving to loopback) or at the metadata
// address fails with the guard's reason, and an application to an
// apply_url on loopback fails; the listener counts no request (issue 13,
// break 4).
func TestRefusedAtDial(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, local := strictServer(t, m)
		port := local.URL[len("http://127.0.0.1:"):]
		for url, reason := range map[string]string{
			"http://localhost:" + port + "/feed": "(loopback)",
			"http://169.254.169.254/latest/feed": "(cloud metadata)",
		} {
			integ, key := storedTenant(t, s, "reachmee", map[string]string{"feed_url": url})
			r := syncNow(t, s, integ)
			require.Equal(t, "failed", r.JSON["outcome"], string(r.Body))
			view := s.Do(t, http.MethodGet, "/v1/integrations/"+integ+"/sync", nil, apptest.Bearer(key)...)
			require.Contains(t, view.JSON["error"], "is not allowed for outbound calls "+reason, url)
		}

		_, key := storedTenant(t, s, "generic", map[string]string{"apply_url": local.URL + "/hook"})
		job := putJob(t, s, key, "ref-1")
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "failed" }, "refused at dial")
		d := applyDelivery(t, s, job)
		require.Equal(t, store.DeliveryDead, d.State)
		require.Contains(t, d.LastError, "address 127.0.0.1 is not allowed for outbound calls (loopback); see JOBGATE_OUTBOUND_ALLOW")
		require.Zero(t, local.hits.Load(), "nothing fetched, nothing sent")
	})
}

// strictServer runs jobgate with the default, empty allow-list, and a
// server on loopback it must not reach.
func strictServer(t *testing.T, m apptest.Mode) (*apptest.Server, *target) {
	cfg := apptest.Config(t, m)
	cfg.OutboundAllow = nil
	return apptest.Start(t, cfg, app.Options{}), newTarget(t)
}

// storedTenant stores an integration directly, past CreateIntegration's
// checks (as a row written before them, or by hand, would be), and issues
// it a key.
func storedTenant(t *testing.T, s *apptest.Server, vendor string, settings map[string]string) (string, string) {
	t.Helper()
	ctx := store.WithActor(context.Background(), "test")
	acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
	require.NoError(t, err)
	in, err := s.Env.Store.CreateIntegration(ctx, store.Integration{AccountID: acc.ID, Vendor: vendor, Settings: settings})
	require.NoError(t, err)
	key, err := s.Env.IssueKey(ctx, in.ID, false)
	require.NoError(t, err)
	return in.ID, key
}

// TestEchoedSecretsAreMasked: an ATS whose error answer echoes the
// integration's API key and the request's signature header (issue 13,
// break 7) leaves *** in the delivery's stored reason (what `jobgate
// deliveries list` prints), in the log and in the status API, never the
// key.
func TestEchoedSecretsAreMasked(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		logs := &apptest.Logs{}
		s := apptest.StartLogged(t, apptest.Config(t, m), app.Options{}, slog.New(slog.NewJSONHandler(logs, nil)))
		var key atomic.Value
		key.Store("")
		var signature atomic.Value
		ats := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
			signature.Store(r.Header.Get("Jobgate-Signature"))
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `{"error":"invalid key `+key.Load().(string)+` (signature `+r.Header.Get("Jobgate-Signature")+`)"}`)
		}))
		t.Cleanup(ats.Close)
		_, k := s.VendorTenant(t, "generic", map[string]string{"apply_url": ats.URL + "/hook"})
		key.Store(k)
		job := putJob(t, s, k, "ref-1")

		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "failed" }, "the ATS refused it")
		sig := signature.Load().(string)
		require.NotEmpty(t, sig)

		d := applyDelivery(t, s, job)
		require.Contains(t, d.LastError, "invalid key *** (signature ***)")
		require.NotContains(t, d.LastError, k)
		require.NotContains(t, d.LastError, sig)
		apptest.Eventually(t, func() bool { return strings.Contains(logs.String(), "outbox: delivery failed") }, "the failure is logged")
		require.Contains(t, logs.String(), "invalid key ***")
		require.NotContains(t, logs.String(), k)
		require.NotContains(t, logs.String(), sig)
		view := s.Do(t, http.MethodGet, statusURL[len(s.URL):], nil)
		require.NotContains(t, string(view.Body), k)
	})
}
