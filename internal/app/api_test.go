package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// listed reports whether GET /v1/jobs shows an ad with this title.
func listed(t *testing.T, s *apptest.Server, title string) bool {
	r := s.Do(t, "GET", "/v1/jobs?limit=100", nil)
	return r.Status == 200 && bytes.Contains(r.Body, []byte(`"title":"`+title+`"`))
}

func TestAdLifecycle(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		auth := apptest.Bearer(key)

		r := s.Do(t, "PUT", "/v1/ads/ref-1", apptest.Ad("Lager"), auth...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		require.Equal(t, float64(1), r.JSON["revision"])
		id := r.JSON["id"].(string)

		r = s.Do(t, "PUT", "/v1/ads/ref-1", apptest.Ad("Lager"), auth...)
		require.Equal(t, http.StatusOK, r.Status)
		require.Equal(t, false, r.JSON["changed"], "an unchanged PUT is a no-op")
		require.Equal(t, float64(1), r.JSON["revision"])

		r = s.Do(t, "PUT", "/v1/ads/ref-1", apptest.Ad("Lager og logistikk"), auth...)
		require.Equal(t, http.StatusOK, r.Status)
		require.Equal(t, true, r.JSON["changed"])
		require.Equal(t, float64(2), r.JSON["revision"])

		apptest.Eventually(t, func() bool { return listed(t, s, "Lager og logistikk") }, "the ad reaches the board")
		r = s.Do(t, "GET", "/v1/jobs/"+id, nil)
		require.Equal(t, http.StatusOK, r.Status)
		require.Equal(t, "redirect", r.JSON["apply_mode"])
		require.Equal(t, "https://ats.example/apply/1", r.JSON["apply_url"])
		require.Equal(t, s.URL+"/jobs/"+id, r.JSON["url"])
		page := s.Do(t, "GET", "/jobs/"+id, nil)
		require.Equal(t, http.StatusOK, page.Status)
		require.Contains(t, string(page.Body), `"@type":"JobPosting"`)

		r = s.Do(t, "GET", "/v1/ads/ref-1", nil, auth...)
		require.Equal(t, http.StatusOK, r.Status)
		channels := r.JSON["channels"].([]any)
		require.Len(t, channels, 1)
		require.Equal(t, "board", channels[0].(map[string]any)["channel"])
		require.Equal(t, "live", channels[0].(map[string]any)["state"])

		r = s.Do(t, "DELETE", "/v1/ads/ref-1", nil, auth...)
		require.Equal(t, http.StatusOK, r.Status)
		require.Equal(t, "withdrawn", r.JSON["status"])
		require.False(t, listed(t, s, "Lager og logistikk"), "a deleted ad leaves the board at once")
		require.Equal(t, http.StatusNotFound, s.Do(t, "GET", "/v1/jobs/"+id, nil).Status)
		apptest.Eventually(t, func() bool {
			r := s.Do(t, "GET", "/v1/ads/ref-1", nil, auth...)
			return r.JSON["channels"].([]any)[0].(map[string]any)["state"] == "withdrawn"
		}, "the board publication is withdrawn")
		require.Equal(t, http.StatusNotFound, s.Do(t, "DELETE", "/v1/ads/missing", nil, auth...).Status)
	})
}

func TestAuthentication(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		cfg.KeyGrace = time.Nanosecond // a rotated key is past its grace at once
		s := apptest.Start(t, cfg, app.Options{})
		_, key := s.Tenant(t)
		_, otherKey := s.Tenant(t)
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/mine", apptest.Ad("Mine"), apptest.Bearer(key)...).Status)

		revokedInteg, revoked := s.Tenant(t)
		_, err := s.Env.Store.RevokeKeys(context.Background(), revokedInteg, "")
		require.NoError(t, err)
		rotatedInteg, rotated := s.Tenant(t)
		_, err = s.Env.IssueKey(context.Background(), rotatedInteg, true)
		require.NoError(t, err)

		for i, c := range []struct{ name, header string }{
			{"missing", ""},
			{"not bearer", "Basic " + key},
			{"malformed", "Bearer jg_nonsense"},
			{"unknown", "Bearer " + key[:len(key)-4] + "AAAA"},
			{"revoked", "Bearer " + revoked},
			{"rotated past grace", "Bearer " + rotated},
		} {
			r := s.Do(t, "GET", "/v1/ads/mine", nil, "Authorization", c.header, "X-Forwarded-For", fmt.Sprintf("10.0.0.%d", i+1))
			require.Equal(t, http.StatusUnauthorized, r.Status, c.name)
			require.Equal(t, "unauthorized", r.JSON["error"].(map[string]any)["code"], c.name)
			require.NotContains(t, string(r.Body), key[10:], "the key is never echoed")
		}
		r := s.Do(t, "GET", "/v1/ads/mine", nil, append(apptest.Bearer(otherKey), "X-Forwarded-For", "10.0.1.1")...)
		require.Equal(t, http.StatusNotFound, r.Status, "another account's reference is not found")

		client := "X-Forwarded-For"
		for i := range 10 {
			r := s.Do(t, "GET", "/v1/ads/mine", nil, "Authorization", "Bearer "+key[:len(key)-4]+"AAAA", client, "10.9.9.9")
			require.Equal(t, http.StatusUnauthorized, r.Status, "failure %d", i+1)
		}
		r = s.Do(t, "GET", "/v1/ads/mine", nil, append(apptest.Bearer(key), client, "10.9.9.9")...)
		require.Equal(t, http.StatusTooManyRequests, r.Status, "the eleventh request with this key id is locked out, even with the good secret")
		require.NotEmpty(t, r.Header.Get("Retry-After"))
		require.Equal(t, http.StatusOK, s.Do(t, "GET", "/v1/ads/mine", nil, append(apptest.Bearer(key), client, "10.9.9.10")...).Status,
			"another client is not locked out")
	})
}

func TestRotationGrace(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Modes()[0]), app.Options{})
	integ, old := s.Tenant(t)
	fresh, err := s.Env.IssueKey(context.Background(), integ, true)
	require.NoError(t, err)
	for _, k := range []string{old, fresh} {
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/r-"+k[len(k)-6:], apptest.Ad("Grace"), apptest.Bearer(k)...).Status,
			"both keys work during the grace period")
	}
}

func TestValidationStoresNothing(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		auth := apptest.Bearer(key)
		past := apptest.Ad("Past")
		past["deadline"] = "2001-01-01"
		badEnum := apptest.Ad("Enum")
		badEnum["employment_type"] = "forever"
		noTitle := apptest.Ad("")
		delete(noTitle, "title")
		for _, c := range []struct {
			name   string
			body   any
			status int
			code   string
			fields []string
		}{
			{"malformed JSON", []byte(`{"title":`), 400, "invalid_json", nil},
			{"not an object", []byte(`[1,2]`), 400, "invalid_json", nil},
			{"unknown field", []byte(`{"title":"x","description":"y","employer":{"name":"z"},"salary_text":"much"}`), 400, "unknown_field", []string{"salary_text"}},
			{"wrong types", []byte(`{"title":5,"description":"y","employer":{"name":7},"positions":"two"}`), 422, "validation_failed", []string{"title", "employer.name", "positions"}},
			{"missing title", noTitle, 422, "validation_failed", []string{"title"}},
			{"unknown enum", badEnum, 422, "validation_failed", []string{"employment_type"}},
			{"deadline in the past", past, 422, "validation_failed", []string{"deadline"}},
			{"over 1 MiB", []byte(`{"title":"x","description":"` + strings.Repeat("a", 1<<20) + `","employer":{"name":"z"}}`), 413, "body_too_large", nil},
		} {
			r := s.Do(t, "PUT", "/v1/ads/bad", c.body, auth...)
			require.Equal(t, c.status, r.Status, c.name+": "+string(r.Body))
			e := r.JSON["error"].(map[string]any)
			require.Equal(t, c.code, e["code"], c.name)
			var got []string
			if fs, ok := e["fields"].([]any); ok {
				for _, f := range fs {
					got = append(got, f.(map[string]any)["field"].(string))
				}
			}
			for _, f := range c.fields {
				require.Contains(t, got, f, c.name)
			}
			require.Equal(t, http.StatusNotFound, s.Do(t, "GET", "/v1/ads/bad", nil, auth...).Status, c.name+": nothing is stored")
		}
		r := s.Do(t, "PUT", "/v1/ads/bad", []byte(`title=x`), append(auth, "Content-Type", "text/plain")...)
		require.Equal(t, http.StatusUnsupportedMediaType, r.Status)
	})
}

func TestConcurrentPutsOfOneReference(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.Tenant(t)
		var wg sync.WaitGroup
		statuses := make(chan int, 50)
		for i := range 50 {
			wg.Go(func() {
				statuses <- s.Do(t, "PUT", "/v1/ads/same", apptest.Ad(fmt.Sprintf("Title %d", i)), apptest.Bearer(key)...).Status
			})
		}
		wg.Wait()
		close(statuses)
		created := 0
		for st := range statuses {
			require.Contains(t, []int{200, 201}, st)
			if st == 201 {
				created++
			}
		}
		require.Equal(t, 1, created, "exactly one PUT creates the ad")
		ad, err := s.Env.Store.GetAd(context.Background(), integ, "same")
		require.NoError(t, err)
		revs, err := s.Env.Store.ListRevisions(context.Background(), ad.ID)
		require.NoError(t, err)
		require.Len(t, revs, ad.Revision)
		require.JSONEq(t, string(ad.Content), string(revs[len(revs)-1].Content), "the last revision is the final content")
		apptest.Eventually(t, func() bool {
			d, err := s.Env.Store.ListDeliveries(context.Background(), store.DeliveryFilter{AdID: ad.ID, State: store.DeliveryPending})
			return err == nil && len(d) == 0
		}, "every publish delivery completes")
		got, err := s.Env.Store.GetAdByID(context.Background(), ad.ID)
		require.NoError(t, err)
		require.Equal(t, ad.Revision, got.Publications[0].Revision, "the board holds the final revision")
	})
}

func TestSecretSettingsAreSealed(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Modes()[0]), app.Options{})
	ctx := context.Background()
	acc, err := s.Env.Store.CreateAccount(ctx, "Eksempel AS")
	require.NoError(t, err)
	in, err := s.Env.CreateIntegration(ctx, acc.ID, "generic", map[string]string{"apply_secret": "s3cr3t-value", "privacy_url": "https://employer.example/privacy"})
	require.NoError(t, err)
	got, err := s.Env.Store.GetIntegration(ctx, in.ID)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"privacy_url": "https://employer.example/privacy"}, got.Settings, "a secret setting is not kept in the plain settings")
	require.NotContains(t, string(got.SealedSecrets), "s3cr3t-value", "a secret setting is stored encrypted")
	plain, err := s.Env.Box.Open(got.SealedSecrets, in.ID)
	require.NoError(t, err)
	require.JSONEq(t, `{"apply_secret":"s3cr3t-value"}`, string(plain))
	_, err = s.Env.Box.Open(got.SealedSecrets, "int_other")
	require.Error(t, err, "a sealed value cannot be moved to another integration")
}

// TestWorkbusterRedirects checks that a Workbuster ad, pushed through the
// generic API, always sends candidates to its apply_url: Workbuster has no
// direct apply, whatever the integration's settings say.
func TestWorkbusterRedirects(t *testing.T) {
	s := apptest.Start(t, apptest.Config(t, apptest.Modes()[0]), app.Options{})
	_, key := s.VendorTenant(t, "workbuster", map[string]string{"direct_apply": "true"})
	wb := sim.Workbuster{Jobgate: s.URL, Key: key}
	ad := apptest.Ad("Workbuster-stilling")
	ad["apply_url"] = "https://jobs.workbuster.example/apply/42"
	sent, err := wb.Put(context.Background(), "wb-42", ad, sim.None)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, sent.Status, string(sent.Body))
	require.Equal(t, "redirect", sent.JSON()["apply_mode"])
	id := sent.JSON()["id"].(string)
	apptest.Eventually(t, func() bool { return listed(t, s, "Workbuster-stilling") }, "the ad reaches the board")
	job := s.Do(t, "GET", "/v1/jobs/"+id, nil)
	require.Equal(t, "https://jobs.workbuster.example/apply/42", job.JSON["apply_url"])
	for _, f := range []sim.Fault{sim.WrongKey, sim.Unsigned} {
		r, err := wb.Delete(context.Background(), "wb-42", f)
		require.NoError(t, err)
		require.Equal(t, http.StatusUnauthorized, r.Status, string(f))
	}
	r, err := wb.Delete(context.Background(), "wb-42", sim.None)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status)
	require.False(t, listed(t, s, "Workbuster-stilling"))
}

// TestPontyPush drives the Ponty receiver with the simulated Ponty sender
// over HTTP: an upsert, an edit, an unpublish, and refused credentials,
// each answered as Ponty's reference receiver answers (ponty-tech/connector):
// HTTP 200 with {"success":true,"url":...} or {"success":false,"message":...}.
func TestPontyPush(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "ponty", nil)
		otherInteg, otherKey := s.VendorTenant(t, "ponty", nil)
		ponty := sim.Ponty{Site: sim.PontySite(s.URL, integ), Key: key, Slug: "acme"}
		ctx := context.Background()
		ad := pontyAd(t)

		r, err := ponty.Upsert(ctx, ad, sim.None)
		require.NoError(t, err)
		url := pontySucceeded(t, r, "a created ad")
		require.Contains(t, url, s.URL+"/jobs/job_")
		apptest.Eventually(t, func() bool { return listed(t, s, "Controller") }, "the Ponty ad reaches the board")

		ad["title"] = "Senior controller"
		r, err = ponty.Upsert(ctx, ad, sim.None)
		require.NoError(t, err)
		require.Equal(t, url, pontySucceeded(t, r, "an updated ad"), "the same ad, the same url")
		apptest.Eventually(t, func() bool { return listed(t, s, "Senior controller") }, "the edit reaches the board")
		stored, err := s.Env.Store.GetAd(ctx, integ, "acme:39")
		require.NoError(t, err)
		require.Equal(t, 2, stored.Revision)
		require.Equal(t, "redirect", stored.ApplyMode)
		require.Equal(t, "https://acme.ponty.example/jobs/39/apply", stored.ApplyURL)

		for _, f := range []sim.Fault{sim.Unsigned, sim.WrongKey, sim.Expired, sim.Future, sim.NoExpiry} {
			r, err := ponty.Upsert(ctx, ad, f)
			require.NoError(t, err)
			pontyFailed(t, r, "Not authenticated", string(f))
		}
		other := sim.Ponty{Site: ponty.Site, Key: otherKey, Slug: "acme"}
		r, err = other.Upsert(ctx, ad, sim.None)
		require.NoError(t, err)
		pontyFailed(t, r, "Not authenticated", "another integration's key is refused")
		r, err = sim.Ponty{Site: sim.PontySite(s.URL, "int_unknown"), Key: key, Slug: "acme"}.Upsert(ctx, ad, sim.None)
		require.NoError(t, err)
		pontyFailed(t, r, "Not authenticated", "an unknown integration looks like a bad token")
		r, err = ponty.Upsert(ctx, ad, sim.Malformed)
		require.NoError(t, err)
		pontyFailed(t, r, "JSON", "a body that is not JSON")
		r, err = ponty.Upsert(ctx, map[string]any{"assignment_id": "40", "body": "<p>x</p>", "organization_name": "Acme AB"}, sim.None)
		require.NoError(t, err)
		pontyFailed(t, r, "title", "the message names the Ponty field")

		r, err = ponty.Delete(ctx, "39", sim.None)
		require.NoError(t, err)
		require.Equal(t, url, pontySucceeded(t, r, "a removed ad"))
		require.False(t, listed(t, s, "Senior controller"), "an unpublished ad leaves the board")
		r, err = ponty.Delete(ctx, "404", sim.None)
		require.NoError(t, err)
		pontySucceeded(t, r, "removing an ad jobgate does not have is done, as in the reference")

		// Six refusals so far for this integration from this client (the
		// unknown integration counts for the address only); four more
		// reach its lockout, and then even a good token is refused. Another
		// Ponty integration behind the same address is not locked out.
		for range 4 {
			r, err = ponty.Version(ctx, sim.WrongKey)
			require.NoError(t, err)
			pontyFailed(t, r, "Not authenticated", "a version probe with a bad token")
		}
		r, err = ponty.Version(ctx, sim.None)
		require.NoError(t, err)
		pontyFailed(t, r, "too many", "Ponty's refusals count toward the lockout")
		require.NotEmpty(t, r.Header.Get("Retry-After"))
		r, err = sim.Ponty{Site: sim.PontySite(s.URL, otherInteg), Key: otherKey, Slug: "other"}.Version(ctx, sim.None)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, "another tenant behind Ponty's address still gets in")
		require.Equal(t, map[string]any{"version": "1.0.15"}, r.JSON())
	})
}

// pontySucceeded checks a success answer of the receiver and returns its
// url.
func pontySucceeded(t *testing.T, r sim.Response, what string) string {
	t.Helper()
	require.Equal(t, http.StatusOK, r.Status, "%s: %s", what, r.Body)
	require.Equal(t, true, r.JSON()["success"], "%s: %s", what, r.Body)
	require.NotContains(t, r.JSON(), "message", what)
	url, _ := r.JSON()["url"].(string)
	return url
}

// pontyFailed checks a failure answer of the receiver: HTTP 200, as the
// reference's api_fail, with success false and a message containing want.
func pontyFailed(t *testing.T, r sim.Response, want, what string) {
	t.Helper()
	require.Equal(t, http.StatusOK, r.Status, "%s: %s", what, r.Body)
	require.Equal(t, false, r.JSON()["success"], "%s: %s", what, r.Body)
	require.Contains(t, r.JSON()["message"], want, what)
	require.NotContains(t, r.JSON(), "url", what)
}

func pontyAd(t *testing.T) map[string]any {
	body, err := os.ReadFile("../../testdata/ponty/assignment.json")
	require.NoError(t, err)
	var ad map[string]any
	require.NoError(t, json.Unmarshal(body, &ad))
	return ad
}
