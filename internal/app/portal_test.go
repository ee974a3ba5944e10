package app_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

const portalPassword = "correct horse battery"

// portalWorld is two accounts of one installation: in account A an admin,
// Kari (a user the ATS names as a recruiter of the ad "Lager", so on its
// team) and Ola (a user on no team), ads Lager and Sjåfør with an application each; in account B a
// user Per on the team of its ad Kokk, with an application, and whose
// e-mail is also (by a stray entry) on Lager's team: another account's
// team entry must open nothing.
type portalWorld struct {
	s                         *apptest.Server
	lager, sjafor, kokk       string // ad ids
	appLager, appSjafor, appB string
	admin, kari, ola, per     string // user ids
	adminEmail, kariEmail     string
	olaEmail, perEmail        string
	accountA, accountB        string
}

func newPortalWorld(t *testing.T, m apptest.Mode) *portalWorld {
	s := apptest.Start(t, apptest.Config(t, m), app.Options{})
	ats, atsURL := atsServer(t)
	w := &portalWorld{s: s, adminEmail: "admin@a.example", kariEmail: "kari@a.example", olaEmail: "ola@a.example", perEmail: "per@b.example"}
	keyA := webhookTenant(t, s, ats, atsURL, "a")
	keyB := webhookTenant(t, s, ats, atsURL, "b")
	w.lager = putTitled(t, s, keyA, "lager-1", "Lager", w.kariEmail, w.perEmail)
	w.sjafor = putTitled(t, s, keyA, "sjafor-1", "Sjåfør")
	w.kokk = putTitled(t, s, keyB, "kokk-1", "Kokk", w.perEmail)
	w.accountA, w.accountB = accountOfAd(t, s, w.lager), accountOfAd(t, s, w.kokk)
	w.admin = createUser(t, s, w.accountA, w.adminEmail, "admin")
	w.kari = createUser(t, s, w.accountA, w.kariEmail, "user")
	w.ola = createUser(t, s, w.accountA, w.olaEmail, "user")
	w.per = createUser(t, s, w.accountB, w.perEmail, "user")

	r := apply(t, s, w.lager, kari())
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	w.appLager = r.JSON["id"].(string)
	statusLager := r.JSON["status_url"].(string)
	r = apply(t, s, w.sjafor, kari())
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	w.appSjafor = r.JSON["id"].(string)
	r = apply(t, s, w.kokk, kari())
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	w.appB = r.JSON["id"].(string)
	apptest.Eventually(t, func() bool { return statusOf(t, s, statusLager)["status"] == "delivered" }, "the application to Lager is delivered")
	return w
}

func accountOfAd(t testing.TB, s *apptest.Server, adID string) string {
	a, err := s.Env.Store.GetAdByID(context.Background(), adID)
	require.NoError(t, err)
	return a.AccountID
}

// TestPortalWhoSeesWhat (issue 14 item 3 and "Bad input": another
// account's or another team's ad or application by id is 404): each
// person's session shows exactly their ads and applications, through the
// JSON and the pages.
func TestPortalWhoSeesWhat(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		s := w.s
		admin := newPerson(t, s).mustLogin(t, w.adminEmail, portalPassword)
		kari := newPerson(t, s).mustLogin(t, w.kariEmail, portalPassword)
		ola := newPerson(t, s).mustLogin(t, strings.ToUpper(w.olaEmail), portalPassword)
		per := newPerson(t, s).mustLogin(t, w.perEmail, portalPassword)

		for name, c := range map[string]struct {
			b         *person
			ads, apps []string
			hidden    []string
		}{
			"admin":         {admin, []string{w.sjafor, w.lager}, []string{w.appSjafor, w.appLager}, []string{w.appB}},
			"team member":   {kari, []string{w.lager}, []string{w.appLager}, []string{w.appSjafor, w.appB}},
			"outside team":  {ola, []string{}, []string{}, []string{w.appLager, w.appSjafor, w.appB}},
			"other account": {per, []string{w.kokk}, []string{w.appB}, []string{w.appLager, w.appSjafor}},
		} {
			t.Run(name, func(t *testing.T) {
				ads := c.b.do(t, http.MethodGet, "/v1/portal/ads", nil)
				require.Equal(t, http.StatusOK, ads.Status, ads.text())
				require.ElementsMatch(t, c.ads, ads.ids("ads"))
				apps := c.b.do(t, http.MethodGet, "/v1/portal/applications", nil)
				require.Equal(t, http.StatusOK, apps.Status, apps.text())
				require.ElementsMatch(t, c.apps, apps.ids("applications"))
				missing := c.b.do(t, http.MethodGet, "/v1/portal/applications/app_01missing0000000000000000", nil)
				require.Equal(t, http.StatusNotFound, missing.Status)
				for _, id := range c.hidden {
					for _, path := range []string{"/v1/portal/applications/" + id, "/v1/portal/applications/" + id + "/documents/0"} {
						got := c.b.do(t, http.MethodGet, path, nil)
						require.Equal(t, http.StatusNotFound, got.Status, path)
						require.Equal(t, "not_found", got.JSON["error"].(map[string]any)["code"])
					}
					got := c.b.do(t, http.MethodGet, "/v1/portal/applications/"+id, nil)
					require.Equal(t, missing.text(), got.text(), "a hidden application answers as a missing one")
					html := c.b.do(t, http.MethodGet, "/portal/applications/"+id, nil)
					require.Equal(t, http.StatusNotFound, html.Status)
					require.NotContains(t, html.text(), "kari.nordmann@example.no")
				}
				for _, ad := range []string{w.lager, w.sjafor, w.kokk} {
					visible := contains(c.ads, ad)
					team := c.b.do(t, http.MethodGet, "/v1/portal/ads/"+ad+"/team", nil)
					require.Equal(t, visible, team.Status == http.StatusOK, "team of %s: %d", ad, team.Status)
					byAd := c.b.do(t, http.MethodGet, "/v1/portal/applications?ad="+ad, nil)
					require.Equal(t, visible, len(byAd.ids("applications")) == 1, "applications of %s", ad)
					page := c.b.do(t, http.MethodGet, "/portal/ads/"+ad, nil)
					require.Equal(t, visible, page.Status == http.StatusOK, "page of %s: %d", ad, page.Status)
				}
			})
		}
	})
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// TestPortalApplicationDetail: the team member reads the whole
// application (answers, consents, ledger), downloads the CV byte for byte
// as an attachment, and both are audited without personal data; lists
// show the candidate's name only.
func TestPortalApplicationDetail(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		kari := newPerson(t, w.s).mustLogin(t, w.kariEmail, portalPassword)

		got := kari.do(t, http.MethodGet, "/v1/portal/applications/"+w.appLager, nil)
		require.Equal(t, http.StatusOK, got.Status, got.text())
		cand := got.JSON["candidate"].(map[string]any)
		require.Equal(t, "kari.nordmann@example.no", cand["email"])
		require.Equal(t, "Kari Nordmann", got.JSON["candidate_name"])
		consents := got.JSON["consents"].([]any)
		require.Equal(t, map[string]any{"type": "privacy_policy", "accepted": true}, consents[0])
		ledger := got.JSON["delivery_ledger"].(map[string]any)
		require.Equal(t, "delivered", ledger["state"])
		require.Equal(t, "webhook", ledger["applier"])
		require.NotEmpty(t, ledger["ats_id"])
		require.NotEmpty(t, ledger["delivered_at"])
		docs := got.JSON["documents"].([]any)
		require.Len(t, docs, 1)
		doc := docs[0].(map[string]any)
		sum := sha256.Sum256(testPDF)
		require.Equal(t, hex.EncodeToString(sum[:]), doc["sha256"])
		require.Equal(t, "cv", doc["kind"])

		file := kari.do(t, http.MethodGet, doc["url"].(string), nil)
		require.Equal(t, http.StatusOK, file.Status)
		require.Equal(t, testPDF, file.Body)
		require.Equal(t, "application/pdf", file.Header.Get("Content-Type"))
		require.True(t, strings.HasPrefix(file.Header.Get("Content-Disposition"), "attachment;"), file.Header.Get("Content-Disposition"))
		require.Equal(t, http.StatusNotFound, kari.do(t, http.MethodGet, "/v1/portal/applications/"+w.appLager+"/documents/1", nil).Status)
		require.Equal(t, http.StatusNotFound, kari.do(t, http.MethodGet, "/v1/portal/applications/"+w.appLager+"/documents/x", nil).Status)

		actor := "user:" + w.kari
		require.True(t, auditHas(t, w.s, actor, "application.view", w.appLager), "the view is audited as Kari")
		require.True(t, auditHas(t, w.s, actor, "application.document.download", w.appLager), "the download is audited as Kari")
		entries, err := w.s.Env.Store.ListAudit(context.Background(), 500)
		require.NoError(t, err)
		for _, e := range entries {
			line := e.Actor + e.Action + e.Subject + e.Detail
			require.NotContains(t, line, "kari.nordmann", "no e-mail in the audit")
			require.NotContains(t, line, "CV Kari", "no file name in the audit")
			require.NotContains(t, line, w.kariEmail, "not even the user's e-mail")
		}

		page := kari.do(t, http.MethodGet, "/portal/applications/"+w.appLager, nil)
		require.Equal(t, http.StatusOK, page.Status)
		for _, want := range []string{"kari.nordmann@example.no", "Jeg vil gjerne jobbe hos dere.", "/v1/portal/applications/" + w.appLager + "/documents/0"} {
			require.Contains(t, page.text(), want)
		}
		for _, list := range []string{"/portal/applications", "/portal/ads/" + w.lager, "/v1/portal/applications"} {
			l := kari.do(t, http.MethodGet, list, nil)
			require.Equal(t, http.StatusOK, l.Status)
			require.Contains(t, l.text(), "Kari Nordmann", list)
			require.NotContains(t, l.text(), "kari.nordmann@example.no", "%s shows the name only", list)
			require.NotContains(t, l.text(), "912 34 567", list)
		}
	})
}

// TestPortalSessionsAndCSRF: signed out is 401 (JSON) or the sign-in
// page; a change without the session's CSRF token is 403 csrf_invalid and
// changes nothing; with it the team is the portal's set and the ATS's
// recruiter stays; logout ends the session.
func TestPortalSessionsAndCSRF(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		anon := newPerson(t, w.s)
		r := anon.do(t, http.MethodGet, "/v1/portal/ads", nil)
		require.Equal(t, http.StatusUnauthorized, r.Status)
		require.Equal(t, "unauthorized", r.JSON["error"].(map[string]any)["code"])
		r = anon.do(t, http.MethodGet, "/portal/applications", nil)
		require.Equal(t, http.StatusUnauthorized, r.Status)
		require.Contains(t, r.text(), `action="/portal/login"`)
		r = anon.do(t, http.MethodGet, "/portal/", nil)
		require.Equal(t, http.StatusOK, r.Status)
		require.Contains(t, r.text(), `action="/portal/login"`)

		kari := newPerson(t, w.s).mustLogin(t, w.kariEmail, portalPassword)
		team := "/v1/portal/ads/" + w.lager + "/team"
		body := map[string]any{"members": []string{"Ny@A.example", "ny@a.example"}}
		for _, headers := range [][]string{nil, {"X-CSRF-Token", "not-the-token"}} {
			r = kari.do(t, http.MethodPut, team, body, headers...)
			require.Equal(t, http.StatusForbidden, r.Status)
			require.Equal(t, "csrf_invalid", r.JSON["error"].(map[string]any)["code"])
		}
		r = kari.do(t, http.MethodPost, "/portal/ads/"+w.lager+"/team", url.Values{"email": {"html@a.example"}})
		require.Equal(t, http.StatusForbidden, r.Status, "a form without the token")
		r = kari.do(t, http.MethodGet, team, nil)
		require.Len(t, r.JSON["members"], 2, "refused changes change nothing: %s", r.text())

		r = kari.do(t, http.MethodPut, team, map[string]any{"members": []string{"ny@a.example", "not an address"}}, "X-CSRF-Token", kari.csrf)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status)
		require.NotContains(t, r.text(), "not an address", "the error names the field, not the value")
		require.Contains(t, r.text(), "members[1]")
		r = kari.do(t, http.MethodPut, team, body, "X-CSRF-Token", kari.csrf)
		require.Equal(t, http.StatusOK, r.Status, r.text())
		sources := map[string]string{}
		for _, mm := range r.JSON["members"].([]any) {
			member := mm.(map[string]any)
			sources[member["email"].(string)] = member["source"].(string)
		}
		require.Equal(t, map[string]string{w.kariEmail: "ats", w.perEmail: "ats", "ny@a.example": "portal"}, sources)
		r = kari.do(t, http.MethodPost, "/portal/ads/"+w.lager+"/team", url.Values{"email": {"html@a.example"}, "csrf_token": {kari.csrf}})
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())

		// Ola, once on the team, sees the ad.
		ola := newPerson(t, w.s).mustLogin(t, w.olaEmail, portalPassword)
		require.Empty(t, ola.do(t, http.MethodGet, "/v1/portal/ads", nil).ids("ads"))
		r = kari.do(t, http.MethodPost, "/portal/ads/"+w.lager+"/team", url.Values{"email": {w.olaEmail}, "csrf_token": {kari.csrf}})
		require.Equal(t, http.StatusSeeOther, r.Status)
		require.Equal(t, []string{w.lager}, ola.do(t, http.MethodGet, "/v1/portal/ads", nil).ids("ads"))

		r = kari.do(t, http.MethodPost, "/portal/logout", url.Values{})
		require.Equal(t, http.StatusForbidden, r.Status, "logout needs the token too")
		r = kari.do(t, http.MethodPost, "/portal/logout", url.Values{"csrf_token": {kari.csrf}})
		require.Equal(t, http.StatusSeeOther, r.Status)
		require.Equal(t, http.StatusUnauthorized, kari.do(t, http.MethodGet, "/v1/portal/session", nil).Status)
	})
}

// TestPortalSignInRefusals (issue 14 "Bad input": wrong passwords block
// after the threshold): a wrong password is 401 with the sign-in form; an
// operator's role does not sign in here; after five wrong ones even the
// right password is 429 with Retry-After.
func TestPortalSignInRefusals(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		b := newPerson(t, w.s)
		r := b.login(t, "nobody@a.example", portalPassword)
		require.Equal(t, http.StatusUnauthorized, r.Status)
		require.Contains(t, r.text(), `action="/portal/login"`)
		for range 5 {
			r = b.login(t, w.olaEmail, "wrong password!")
			require.Contains(t, []int{http.StatusUnauthorized, http.StatusTooManyRequests}, r.Status)
		}
		r = b.login(t, w.olaEmail, portalPassword)
		require.Equal(t, http.StatusTooManyRequests, r.Status, r.text())
		require.NotEmpty(t, r.Header.Get("Retry-After"))
		require.Equal(t, http.StatusUnauthorized, b.do(t, http.MethodGet, "/v1/portal/session", nil).Status)
	})
}

// TestPortalLoginFromAnotherSite: a sign-in posted from another site's
// page (login CSRF) is refused with 403 and signs nobody in, even with the
// right password; the same form from the board's own origin works.
func TestPortalLoginFromAnotherSite(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		b := newPerson(t, w.s)
		form := url.Values{"email": {w.olaEmail}, "password": {portalPassword}}
		r := b.do(t, http.MethodPost, "/portal/login", form, "Origin", "https://evil.example")
		require.Equal(t, http.StatusForbidden, r.Status, r.text())
		require.Empty(t, r.Header.Values("Set-Cookie"))
		r = b.do(t, http.MethodPost, "/portal/login", form, "Sec-Fetch-Site", "cross-site")
		require.Equal(t, http.StatusForbidden, r.Status, r.text())
		require.Equal(t, http.StatusUnauthorized, b.do(t, http.MethodGet, "/v1/portal/session", nil).Status)
		r = b.do(t, http.MethodPost, "/portal/login", form, "Sec-Fetch-Site", "same-origin")
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())
	})
}

// TestPortalPasswordLinks: an invitation's one-time link sets a password
// through the portal's form (a short one refused, the link then used up)
// and the user signs in with it; the forgot-password form answers the
// same whether or not the e-mail is a user's.
func TestPortalPasswordLinks(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		_, invite, err := w.s.Env.Identity.CreateUser(context.Background(), w.accountA, "ny@a.example", "user")
		require.NoError(t, err)
		require.True(t, strings.HasPrefix(invite.Link, w.s.URL+"/portal/password?token="), invite.Link)
		token := strings.TrimPrefix(invite.Link, w.s.URL+"/portal/password?token=")
		b := newPerson(t, w.s)
		form := b.do(t, http.MethodGet, "/portal/password?token="+token, nil)
		require.Equal(t, http.StatusOK, form.Status)
		require.Contains(t, form.text(), `name="token" value="`+token+`"`)
		require.Equal(t, "no-referrer", form.Header.Get("Referrer-Policy"), "the token must not leave in a Referer")

		r := b.do(t, http.MethodPost, "/portal/password", url.Values{"token": {token}, "password": {"short"}})
		require.Equal(t, http.StatusUnprocessableEntity, r.Status)
		r = b.do(t, http.MethodPost, "/portal/password", url.Values{"token": {token}, "password": {portalPassword}})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		r = b.do(t, http.MethodPost, "/portal/password", url.Values{"token": {token}, "password": {"another good password"}})
		require.Equal(t, http.StatusBadRequest, r.Status, "a link works once")
		b.mustLogin(t, "ny@a.example", portalPassword)

		known := b.do(t, http.MethodPost, "/portal/forgot", url.Values{"email": {w.kariEmail}})
		unknown := b.do(t, http.MethodPost, "/portal/forgot", url.Values{"email": {"nobody@a.example"}})
		require.Equal(t, http.StatusOK, known.Status)
		require.Equal(t, known.Status, unknown.Status)
		nonce := regexp.MustCompile(`nonce="[^"]*"|'nonce-[^']*'`)
		require.Equal(t, nonce.ReplaceAllString(known.text(), ""), nonce.ReplaceAllString(unknown.text(), ""), "the answer tells no one who is a user")
	})
}
