package app_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/identity"
)

// candidateEmail is kari()'s e-mail: she applied to Lager and Sjåfør in
// account A and to Kokk in account B.
const candidateEmail = "kari.nordmann@example.no"

// change sends a change with the person's CSRF token.
func (b *person) change(t testing.TB, method, path string, body any) answer {
	t.Helper()
	return b.do(t, method, path, body, identity.CSRFHeader, b.csrf)
}

// integrationOf returns the id of the account's (only) integration.
func integrationOf(t testing.TB, s *apptest.Server, accountID string) string {
	ins, err := s.Env.Store.ListIntegrations(context.Background())
	require.NoError(t, err)
	for _, in := range ins {
		if in.AccountID == accountID {
			return in.ID
		}
	}
	t.Fatalf("no integration of %s", accountID)
	return ""
}

// pushWith reports the status of an ad pushed with key.
func pushWith(t testing.TB, s *apptest.Server, key string) int {
	return s.Do(t, http.MethodPut, "/v1/ads/settings-probe", apptest.Ad("Probe"), apptest.Bearer(key)...).Status
}

// fieldOf is the field named by a 422's first field error.
func fieldOf(a answer) string {
	fields, _ := a.JSON["error"].(map[string]any)["fields"].([]any)
	if len(fields) == 0 {
		return ""
	}
	return fields[0].(map[string]any)["field"].(string)
}

func codeOf(a answer) string {
	e, _ := a.JSON["error"].(map[string]any)
	c, _ := e["code"].(string)
	return c
}

// TestSettingsRetention (issue 14 items 3 and 4, "Bad input": retention
// of 0 or negative days is refused): an admin reads and changes its
// account's retention; the store has it; 0 and -1 are refused naming the
// field and change nothing.
func TestSettingsRetention(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		admin := newPerson(t, w.s).mustLogin(t, w.adminEmail, portalPassword)
		r := admin.do(t, http.MethodGet, "/v1/portal/account", nil)
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.Equal(t, w.accountA, r.JSON["id"])
		require.Equal(t, true, r.JSON["retention_default"])
		require.EqualValues(t, w.s.Env.Cfg.RetentionDays, r.JSON["retention_days"])
		require.Nil(t, r.JSON["cv_days_after_delivery"])

		for _, body := range []map[string]any{{"retention_days": 0}, {"retention_days": -1}, {"cv_days_after_delivery": 0}} {
			r = admin.change(t, http.MethodPatch, "/v1/portal/account", body)
			require.Equal(t, http.StatusUnprocessableEntity, r.Status, r.text())
			for name := range body {
				require.Equal(t, name, fieldOf(r))
			}
		}
		r = admin.change(t, http.MethodPatch, "/v1/portal/account", map[string]any{"retention_days": 90, "cv_days_after_delivery": 7})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		acc, err := w.s.Env.Store.GetRetention(context.Background(), w.accountA)
		require.NoError(t, err)
		require.Equal(t, 90, *acc.RetentionDays)
		require.Equal(t, 7, *acc.CVDaysAfterDelivery)
		require.True(t, auditHas(t, w.s, "user:"+w.admin, "account.retention", w.accountA))

		r = admin.change(t, http.MethodPatch, "/v1/portal/account", map[string]any{"cv_days_after_delivery": nil})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.EqualValues(t, 90, r.JSON["retention_days"])
		require.Nil(t, r.JSON["cv_days_after_delivery"])
		other, err := w.s.Env.Store.GetRetention(context.Background(), w.accountB)
		require.NoError(t, err)
		require.Nil(t, other.RetentionDays, "another account's retention is untouched")
	})
}

// TestSettingsKeys (issue 14 item 3: integrations with their API keys,
// issue, rotate with grace, revoke, shown once): a key issued in the
// portal authenticates PUT /v1/ads; after a rotation the previous one
// still works in its grace; a revoked key gets 401; no listing holds a
// secret; another account's integration and an unknown key are 404.
func TestSettingsKeys(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		s := w.s
		admin := newPerson(t, s).mustLogin(t, w.adminEmail, portalPassword)
		inA, inB := integrationOf(t, s, w.accountA), integrationOf(t, s, w.accountB)

		r := admin.do(t, http.MethodGet, "/v1/portal/integrations", nil)
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.Equal(t, []string{inA}, r.ids("integrations"))

		r = admin.change(t, http.MethodPost, "/v1/portal/integrations/"+inA+"/keys", map[string]any{"rotate": false})
		require.Equal(t, http.StatusCreated, r.Status, r.text())
		k1 := r.JSON["key"].(string)
		require.Nil(t, r.JSON["previous_valid_until"])
		require.Contains(t, []int{http.StatusCreated, http.StatusOK}, pushWith(t, s, k1))

		r = admin.change(t, http.MethodPost, "/v1/portal/integrations/"+inA+"/keys", map[string]any{"rotate": true})
		require.Equal(t, http.StatusCreated, r.Status, r.text())
		k2 := r.JSON["key"].(string)
		require.NotEmpty(t, r.JSON["previous_valid_until"])
		require.Equal(t, http.StatusOK, pushWith(t, s, k2))
		require.Equal(t, http.StatusOK, pushWith(t, s, k1), "the previous key works in its grace")

		r = admin.do(t, http.MethodGet, "/v1/portal/integrations", nil)
		require.Regexp(t, `^jg_key_[0-9a-z]{26}_[A-Za-z0-9_-]{43}$`, k2)
		secret := k2[len(k2)-43:]
		require.NotContains(t, r.text(), secret, "no secret in the listing")
		require.NotContains(t, r.text(), "hash")
		require.NotContains(t, r.text(), "sealed")
		keys := r.JSON["integrations"].([]any)[0].(map[string]any)["keys"].([]any)
		newest := keys[0].(map[string]any)["id"].(string)
		require.Contains(t, k2, newest, "the newest key is k2")

		r = admin.change(t, http.MethodDelete, "/v1/portal/integrations/"+inA+"/keys/"+newest, nil)
		require.Equal(t, http.StatusNoContent, r.Status, r.text())
		apptest.Eventually(t, func() bool { return pushWith(t, s, k2) == http.StatusUnauthorized }, "the revoked key gets 401")
		require.True(t, auditHas(t, s, "user:"+w.admin, "key.revoke", inA))

		for _, c := range []struct{ method, path string }{
			{http.MethodPost, "/v1/portal/integrations/" + inB + "/keys"},
			{http.MethodDelete, "/v1/portal/integrations/" + inA + "/keys/key_unknown"},
			{http.MethodPost, "/v1/portal/integrations/int_unknown/keys"},
		} {
			r = admin.change(t, c.method, c.path, map[string]any{})
			require.Equal(t, http.StatusNotFound, r.Status, c.path)
		}
		keysB, err := s.Env.Store.ListKeys(context.Background(), inB)
		require.NoError(t, err)
		require.Len(t, keysB, 1, "nothing was issued for another account's integration")
		theirs := keysB[0].ID
		r = admin.change(t, http.MethodDelete, "/v1/portal/integrations/"+inB+"/keys/"+theirs, nil)
		require.Equal(t, http.StatusNotFound, r.Status)
		r = admin.change(t, http.MethodDelete, "/v1/portal/integrations/"+inA+"/keys/"+theirs, nil)
		require.Equal(t, http.StatusNotFound, r.Status, "another integration's key through one's own")
		keysB, err = s.Env.Store.ListKeys(context.Background(), inB)
		require.NoError(t, err)
		require.Nil(t, keysB[0].RevokedAt)
	})
}

// setPassword follows a one-time set-password link as its recipient.
func setPassword(t testing.TB, s *apptest.Server, link string) {
	t.Helper()
	u, err := url.Parse(link)
	require.NoError(t, err)
	r := newPerson(t, s).do(t, http.MethodPost, "/portal/password", url.Values{"token": {u.Query().Get("token")}, "password": {portalPassword}})
	require.Equal(t, http.StatusOK, r.Status, r.text())
}

// TestSettingsUsers (issue 14 items 1 and 3: users and roles managed by
// the account's admin): a user created in the portal signs in after its
// link; roles change; a taken or invalid e-mail is refused; the last
// admin can be neither demoted nor removed; another account's user is
// 404.
func TestSettingsUsers(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		s := w.s
		admin := newPerson(t, s).mustLogin(t, w.adminEmail, portalPassword)

		r := admin.change(t, http.MethodPost, "/v1/portal/users", map[string]any{"email": "Nina@A.example", "role": "user"})
		require.Equal(t, http.StatusCreated, r.Status, r.text())
		nina, link := r.JSON["id"].(string), r.JSON["set_password_link"].(string)
		require.Equal(t, "nina@a.example", r.JSON["email"])
		setPassword(t, s, link)
		newPerson(t, s).mustLogin(t, "nina@a.example", portalPassword)

		for _, c := range []struct {
			body   map[string]any
			status int
			code   string
		}{
			{map[string]any{"email": "nina@a.example", "role": "user"}, http.StatusConflict, "email_taken"},
			{map[string]any{"email": w.perEmail, "role": "admin"}, http.StatusConflict, "email_taken"},
			{map[string]any{"email": "not an address", "role": "user"}, http.StatusUnprocessableEntity, "validation_failed"},
			{map[string]any{"email": "x@a.example", "role": "operator"}, http.StatusUnprocessableEntity, "validation_failed"},
		} {
			r = admin.change(t, http.MethodPost, "/v1/portal/users", c.body)
			require.Equal(t, c.status, r.Status, r.text())
			require.Equal(t, c.code, codeOf(r))
		}

		r = admin.change(t, http.MethodPatch, "/v1/portal/users/"+w.admin, map[string]any{"role": "user"})
		require.Equal(t, http.StatusConflict, r.Status, r.text())
		require.Equal(t, "last_admin", codeOf(r))
		r = admin.change(t, http.MethodDelete, "/v1/portal/users/"+w.admin, nil)
		require.Equal(t, http.StatusConflict, r.Status, r.text())

		for _, c := range []struct {
			method, path string
			body         any
		}{
			{http.MethodPatch, "/v1/portal/users/" + w.per, map[string]any{"role": "admin"}},
			{http.MethodDelete, "/v1/portal/users/" + w.per, nil},
			{http.MethodPost, "/v1/portal/users/" + w.per + "/reset-link", nil},
			{http.MethodDelete, "/v1/portal/users/usr_unknown", nil},
		} {
			r = admin.change(t, c.method, c.path, c.body)
			require.Equal(t, http.StatusNotFound, r.Status, c.method+" "+c.path)
		}
		per, err := s.Env.Identity.GetUser(context.Background(), w.per)
		require.NoError(t, err)
		require.Equal(t, "user", per.Role, "another account's user is untouched")

		r = admin.change(t, http.MethodPatch, "/v1/portal/users/"+nina, map[string]any{"email": "other@a.example", "role": "user"})
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, "an e-mail is not changed")
		require.Equal(t, "email", fieldOf(r))
		r = admin.change(t, http.MethodPatch, "/v1/portal/users/"+nina, map[string]any{"role": "admin"})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.Equal(t, "admin", r.JSON["role"])
		r = admin.change(t, http.MethodPost, "/v1/portal/users/"+nina+"/reset-link", nil)
		require.Equal(t, http.StatusCreated, r.Status, r.text())
		require.NotEmpty(t, r.JSON["set_password_link"])
		r = admin.change(t, http.MethodPatch, "/v1/portal/users/"+w.admin, map[string]any{"role": "user"})
		require.Equal(t, http.StatusOK, r.Status, "with Nina admin, the first admin may step down")

		r = newPerson(t, s).mustLogin(t, "nina@a.example", portalPassword).change(t, http.MethodDelete, "/v1/portal/users/"+w.ola, nil)
		require.Equal(t, http.StatusNoContent, r.Status, r.text())
		r = admin.do(t, http.MethodGet, "/v1/portal/users", nil)
		require.Equal(t, http.StatusUnauthorized, r.Status, "the demoted admin's session ended")
		r = admin.mustLogin(t, w.adminEmail, portalPassword).do(t, http.MethodGet, "/v1/portal/users", nil)
		require.Equal(t, http.StatusNotFound, r.Status, "signed in again as a user, the settings are not there")
		nina2 := newPerson(t, s).mustLogin(t, "nina@a.example", portalPassword)
		r = nina2.do(t, http.MethodGet, "/v1/portal/users", nil)
		require.ElementsMatch(t, []string{w.admin, w.kari, nina}, r.ids("users"))
		require.True(t, auditHas(t, s, "user:"+nina, "user.remove", w.ola))
	})
}

// exportedIDs are the application ids of an export.
func exportedIDs(a answer) []string { return a.ids("applications") }

// TestSettingsCandidates (issue 14 item 5, "for account admins within
// their account"): the admin's export of a candidate is complete and
// holds only its account's applications; the erasure erases those and
// leaves another account's; both are audited as the admin.
func TestSettingsCandidates(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		s := w.s
		admin := newPerson(t, s).mustLogin(t, w.adminEmail, portalPassword)
		r := admin.do(t, http.MethodGet, "/v1/portal/candidates/export?email="+url.QueryEscape(candidateEmail), nil)
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.ElementsMatch(t, []string{w.appLager, w.appSjafor}, exportedIDs(r))
		require.Contains(t, r.text(), "CV Kari.pdf")
		require.Contains(t, r.text(), `"deliveries"`)
		require.True(t, auditHas(t, s, "user:"+w.admin, "candidate.export", w.accountA))

		r = admin.do(t, http.MethodGet, "/v1/portal/candidates/export?email=nobody", nil)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status)
		require.Equal(t, "email", fieldOf(r))

		r = admin.change(t, http.MethodPost, "/v1/portal/candidates/erase", map[string]any{"email": candidateEmail})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.EqualValues(t, 2, r.JSON["applications"])
		require.Equal(t, w.accountA, r.JSON["account_id"])
		require.True(t, auditHas(t, s, "user:"+w.admin, "candidate.erase", r.JSON["id"].(string)))

		r = admin.do(t, http.MethodGet, "/v1/portal/candidates/export?email="+url.QueryEscape(candidateEmail), nil)
		require.Empty(t, exportedIDs(r))
		all, err := s.Env.PrivacyService(nil).Export(context.Background(), candidateEmail, "")
		require.NoError(t, err)
		require.Len(t, all.Applications, 1)
		require.Equal(t, w.appB, all.Applications[0].ID, "another account's application stays")

		r = admin.change(t, http.MethodPost, "/v1/portal/candidates/erase", map[string]any{"email": candidateEmail})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.EqualValues(t, 0, r.JSON["applications"], "nothing held: a receipt saying so")
	})
}

// settingsRoutes is every settings route with a body it accepts.
func settingsRoutes(w *portalWorld, inA string) []struct {
	method, path string
	body         any
} {
	return []struct {
		method, path string
		body         any
	}{
		{http.MethodGet, "/v1/portal/account", nil},
		{http.MethodPatch, "/v1/portal/account", map[string]any{"retention_days": 30}},
		{http.MethodGet, "/v1/portal/users", nil},
		{http.MethodPost, "/v1/portal/users", map[string]any{"email": "z@a.example", "role": "admin"}},
		{http.MethodPatch, "/v1/portal/users/" + w.kari, map[string]any{"role": "admin"}},
		{http.MethodDelete, "/v1/portal/users/" + w.admin, nil},
		{http.MethodPost, "/v1/portal/users/" + w.kari + "/reset-link", nil},
		{http.MethodGet, "/v1/portal/integrations", nil},
		{http.MethodPost, "/v1/portal/integrations/" + inA + "/keys", map[string]any{"rotate": true}},
		{http.MethodDelete, "/v1/portal/integrations/" + inA + "/keys/key_x", nil},
		{http.MethodGet, "/v1/portal/candidates/export?email=" + url.QueryEscape(candidateEmail), nil},
		{http.MethodPost, "/v1/portal/candidates/erase", map[string]any{"email": candidateEmail}},
		{http.MethodGet, "/portal/settings", nil},
		{http.MethodPost, "/portal/settings/retention", url.Values{"retention_days": {"30"}}},
		{http.MethodPost, "/portal/settings/users", url.Values{"email": {"z@a.example"}, "role": {"admin"}}},
		{http.MethodPost, "/portal/settings/users/" + w.kari + "/role", url.Values{"role": {"admin"}}},
		{http.MethodPost, "/portal/settings/users/" + w.admin + "/remove", url.Values{}},
		{http.MethodPost, "/portal/settings/users/" + w.kari + "/reset-link", url.Values{}},
		{http.MethodPost, "/portal/settings/integrations/" + inA + "/keys", url.Values{"rotate": {"true"}}},
		{http.MethodPost, "/portal/settings/integrations/" + inA + "/keys/key_x/revoke", url.Values{}},
		{http.MethodPost, "/portal/settings/export", url.Values{"email": {candidateEmail}}},
		{http.MethodPost, "/portal/settings/erase", url.Values{"email": {candidateEmail}, "confirm": {"yes"}}},
	}
}

// unchanged checks that account A is as newPortalWorld made it.
func unchanged(t *testing.T, w *portalWorld, inA string) {
	t.Helper()
	ctx := context.Background()
	acc, err := w.s.Env.Store.GetRetention(ctx, w.accountA)
	require.NoError(t, err)
	require.Nil(t, acc.RetentionDays)
	users, err := w.s.Env.Identity.ListUsers(ctx, w.accountA)
	require.NoError(t, err)
	require.Len(t, users, 3)
	for _, u := range users {
		require.Equal(t, u.ID == w.admin, u.Role == "admin", u.Email)
	}
	keys, err := w.s.Env.Store.ListKeys(ctx, inA)
	require.NoError(t, err)
	require.Len(t, keys, 1)
	x, err := w.s.Env.PrivacyService(nil).Export(ctx, candidateEmail, w.accountA)
	require.NoError(t, err)
	require.Len(t, x.Applications, 2)
}

// TestSettingsRefused (issue 14 item 3: admin only; CSRF on changes): a
// user gets, for every settings route, the very answer of a route that
// does not exist, and the nav does not link them; an admin's change
// without the CSRF token is 403; neither changes anything.
func TestSettingsRefused(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		s := w.s
		inA := integrationOf(t, s, w.accountA)
		kari := newPerson(t, s).mustLogin(t, w.kariEmail, portalPassword)
		missing := kari.do(t, http.MethodGet, "/v1/portal/no-such-route", nil)
		require.Equal(t, http.StatusNotFound, missing.Status)
		for _, c := range settingsRoutes(w, inA) {
			headers := []string{identity.CSRFHeader, kari.csrf}
			r := kari.do(t, c.method, c.path, c.body, headers...)
			require.Equal(t, http.StatusNotFound, r.Status, c.method+" "+c.path)
			require.JSONEq(t, missing.text(), r.text(), c.method+" "+c.path)
			r = kari.do(t, c.method, c.path, c.body)
			require.Equal(t, http.StatusNotFound, r.Status, "without CSRF too: "+c.method+" "+c.path)
		}
		require.NotContains(t, kari.do(t, http.MethodGet, "/portal/", nil).text(), `href="/portal/settings"`)

		admin := newPerson(t, s).mustLogin(t, w.adminEmail, portalPassword)
		require.Contains(t, admin.do(t, http.MethodGet, "/portal/", nil).text(), `href="/portal/settings"`)
		for _, c := range settingsRoutes(w, inA) {
			if c.method == http.MethodGet {
				continue
			}
			r := admin.do(t, c.method, c.path, c.body)
			require.Equal(t, http.StatusForbidden, r.Status, c.method+" "+c.path)
		}
		unchanged(t, w, inA)
	})
}

// form sends a settings form with the person's CSRF field.
func (b *person) form(t testing.TB, path string, v url.Values, headers ...string) answer {
	t.Helper()
	v.Set(identity.CSRFField, b.csrf)
	return b.do(t, http.MethodPost, path, v, headers...)
}

// keyOnPage is the key the page shows once.
var keyOnPage = regexp.MustCompile(`<pre><code>([^<]+)</code></pre>`)

// TestSettingsPage (issue 14 item 3, the page): the admin's settings
// page shows the account's users and integration; its forms change the
// retention (0 refused), add a user with its link shown once, issue a key
// shown once that then authenticates, revoke it, download the export and
// erase after a confirmation step.
func TestSettingsPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		w := newPortalWorld(t, m)
		s := w.s
		inA := integrationOf(t, s, w.accountA)
		admin := newPerson(t, s).mustLogin(t, w.adminEmail, portalPassword)
		r := admin.do(t, http.MethodGet, "/portal/settings", nil, "Accept-Language", "en")
		require.Equal(t, http.StatusOK, r.Status, r.text())
		for _, want := range []string{w.kariEmail, w.olaEmail, inA, `action="/portal/settings/retention"`} {
			require.Contains(t, r.text(), want)
		}
		require.NotContains(t, r.text(), w.perEmail)

		r = admin.form(t, "/portal/settings/retention", url.Values{"retention_days": {"0"}})
		require.Equal(t, http.StatusUnprocessableEntity, r.Status)
		r = admin.form(t, "/portal/settings/retention", url.Values{"retention_days": {"120"}, "cv_days_after_delivery": {""}})
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())
		acc, err := s.Env.Store.GetRetention(context.Background(), w.accountA)
		require.NoError(t, err)
		require.Equal(t, 120, *acc.RetentionDays)

		r = admin.form(t, "/portal/settings/users", url.Values{"email": {"siri@a.example"}, "role": {"user"}})
		require.Equal(t, http.StatusCreated, r.Status, r.text())
		link := keyOnPage.FindStringSubmatch(r.text())
		require.NotNil(t, link, "the link is on the page")
		setPassword(t, s, html.UnescapeString(link[1]))
		newPerson(t, s).mustLogin(t, "siri@a.example", portalPassword)

		r = admin.form(t, "/portal/settings/integrations/"+inA+"/keys", url.Values{}, "Accept-Language", "en")
		require.Equal(t, http.StatusCreated, r.Status, r.text())
		require.Contains(t, r.text(), "it will not be shown again")
		key := keyOnPage.FindStringSubmatch(r.text())[1]
		require.Contains(t, []int{http.StatusCreated, http.StatusOK}, pushWith(t, s, key))
		require.NotContains(t, admin.do(t, http.MethodGet, "/portal/settings", nil).text(), key, "shown once")
		keys, err := s.Env.Store.ListKeys(context.Background(), inA)
		require.NoError(t, err)
		r = admin.form(t, "/portal/settings/integrations/"+inA+"/keys/"+keys[0].ID+"/revoke", url.Values{})
		require.Equal(t, http.StatusSeeOther, r.Status, r.text())
		apptest.Eventually(t, func() bool { return pushWith(t, s, key) == http.StatusUnauthorized }, "the revoked key gets 401")

		r = admin.form(t, "/portal/settings/export", url.Values{"email": {candidateEmail}})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.Contains(t, r.Header.Get("Content-Disposition"), "attachment")
		require.ElementsMatch(t, []string{w.appLager, w.appSjafor}, exportedIDs(r))

		r = admin.form(t, "/portal/settings/erase", url.Values{"email": {candidateEmail}})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		require.Contains(t, r.text(), `name="confirm" value="yes"`)
		x, err := s.Env.PrivacyService(nil).Export(context.Background(), candidateEmail, w.accountA)
		require.NoError(t, err)
		require.Len(t, x.Applications, 2, "nothing erased before the confirmation")
		r = admin.form(t, "/portal/settings/erase", url.Values{"email": {candidateEmail}, "confirm": {"yes"}})
		require.Equal(t, http.StatusOK, r.Status, r.text())
		x, err = s.Env.PrivacyService(nil).Export(context.Background(), candidateEmail, "")
		require.NoError(t, err)
		require.Len(t, x.Applications, 1, "account B's application stays")
	})
}
