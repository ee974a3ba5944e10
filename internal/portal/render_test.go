package portal

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/privacy"
)

// signedInPage is a page for a signed-in user, in lang.
func signedInPage(lang string) page {
	return page{Lang: lang, T: languageText[lang], Title: "x", Nonce: "n0nce", CSRF: "tok-123", CSRFField: "csrf_token",
		Viewer: &Viewer{UserID: "usr_1", AccountID: "acc_1", Email: "kari@eksempel.no", Role: "user"}}
}

// TestPagesRender renders every page in both languages and checks that
// each form that changes something carries the CSRF field, that every
// input has a label, and that no key is left untranslated.
func TestPagesRender(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	item := applicationItem{ID: "app_1", AdID: "job_1", AdReference: "r-1", AdTitle: "Lager", CandidateName: "Kari Nordmann", ReceivedAt: now,
		Delivery: deliveryInfo{State: "delivered"}}
	app := applicationView{applicationItem: item, Candidate: apply.Candidate{FirstName: "Kari", LastName: "Nordmann", Email: "kari.n@example.no"},
		Answers:           []apply.Answer{{QuestionID: "q1", Question: "Førerkort?", Type: "boolean", Values: []string{"yes"}, Document: -1}},
		Consents:          []apply.ConsentGiven{{Type: "privacy_policy", Accepted: true}},
		Documents:         []documentView{{Seq: 0, Kind: "cv", FileName: "cv.pdf", ContentType: "application/pdf", Size: 10, URL: documentURL("app_1", 0)}},
		Ledger:            ledgerView{ID: "dlv_1", Applier: "webhook", State: "delivered", DeliveredAt: &now, ATSID: "ats-1"},
		OtherApplications: []applicationItem{item}}
	ad := adView{ID: "job_1", Reference: "r-1", Title: "Lager", Status: "live", Applications: 1, Channels: []channelView{{Channel: "board", State: "live"}}}
	team := teamView{AdID: "job_1", Members: []memberView{{Email: "kari@eksempel.no", Source: "ats"}, {Email: "ola@eksempel.no", Source: "portal", UserID: "usr_2"}}}
	for _, lang := range []string{"nb", "en"} {
		p := signedInPage(lang)
		signedOut := page{Lang: lang, T: languageText[lang], Nonce: "n0nce", CSRFField: "csrf_token"}
		for name, data := range map[string]any{
			"ads":          adsListPage{page: p, Ads: []adView{ad}, Next: "job_0"},
			"ad":           adDetailPage{page: p, Ad: ad, Team: team, Applications: []applicationItem{item}, Message: "x"},
			"applications": applicationsListPage{page: p, Applications: []applicationItem{item}, Next: "app_0", AdID: "job_1"},
			"application":  applicationDetailPage{page: p, App: app},
			"message":      messagePage{page: p, Message: "m", Alert: true},
			"login":        loginPage{page: signedOut, Email: "kari@eksempel.no", Message: "m"},
			"password":     passwordPage{page: signedOut, Token: "t", Message: "m"},
			"forgot":       signedOut,
			"settings":     settingsSample(p, now, ""),
			"settings ":    settingsSample(p, now, "kari.n@example.no"),
		} {
			var buf bytes.Buffer
			if err := pageTemplates.ExecuteTemplate(&buf, strings.TrimSpace(name), data); err != nil {
				t.Fatalf("%s (%s): %v", name, lang, err)
			}
			html := buf.String()
			checkPage(t, name+" ("+lang+")", html, name != "forgot" && name != "login" && name != "password")
		}
	}
}

var (
	formRe  = regexp.MustCompile(`(?s)<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>(.*?)</form>`)
	inputRe = regexp.MustCompile(`<input id="([^"]+)"`)
)

func checkPage(t *testing.T, name, html string, signedIn bool) {
	t.Helper()
	if !strings.Contains(html, `<html lang="`) || !strings.Contains(html, "<h1>") {
		t.Errorf("%s: no language or no heading", name)
	}
	if strings.Contains(html, "<no value>") {
		t.Errorf("%s: a label is missing", name)
	}
	for _, f := range formRe.FindAllStringSubmatch(html, -1) {
		public := f[1] == "/portal/login" || f[1] == "/portal/forgot" || f[1] == "/portal/password"
		if !public && !strings.Contains(f[2], `name="csrf_token" value="tok-123"`) {
			t.Errorf("%s: the form to %s lacks the CSRF field", name, f[1])
		}
	}
	for _, id := range inputRe.FindAllStringSubmatch(html, -1) {
		if !strings.Contains(html, `<label for="`+id[1]+`">`) {
			t.Errorf("%s: input %s has no label", name, id[1])
		}
	}
	if signedIn && !strings.Contains(html, `action="/portal/logout"`) {
		t.Errorf("%s: no way to sign out", name)
	}
}

// settingsSample is the settings page with everything it shows once (a
// key, a link, a receipt), asking to confirm an erasure of confirm unless
// "".
func settingsSample(p page, now time.Time, confirm string) settingsView {
	p.Viewer = &Viewer{UserID: "usr_1", AccountID: "acc_1", Email: "admin@eksempel.no", Role: "admin"}
	days := 30
	return settingsView{page: p, Account: accountView{ID: "acc_1", Name: "Acme", RetentionDays: 365, RetentionDefault: true, CVDaysAfterDelivery: &days},
		Users: []userView{{ID: "usr_1", Email: "admin@eksempel.no", Role: "admin", PasswordSet: true}, {ID: "usr_2", Email: "kari@eksempel.no", Role: "user"}},
		Integrations: []integrationView{{ID: "int_1", Vendor: "generic", Status: "active", Settings: map[string]string{"channels": "nav"},
			Keys: []keyView{{ID: "key_1", CreatedAt: now, Valid: true}, {ID: "key_0", CreatedAt: now, RevokedAt: &now}}}},
		NewKey: &issuedKey{Key: "jg_key_1.secret", IntegrationID: "int_1", PreviousValidUntil: &now},
		Link:   &linkView{SetPasswordLink: "https://board.example/portal/password?token=t", ExpiresAt: now}, LinkFor: "kari@eksempel.no",
		Message: "m", ConfirmErase: confirm, Receipt: &privacy.Receipt{Summary: "nothing was held"}}
}

// TestSettingsLinkForAdminsOnly: the nav links the account settings for
// an admin, not for a user.
func TestSettingsLinkForAdminsOnly(t *testing.T) {
	user := signedInPage("en")
	admin := settingsSample(user, time.Now(), "")
	for _, tc := range []struct {
		data any
		want bool
	}{{adsListPage{page: user}, false}, {adsListPage{page: admin.page}, true}} {
		var buf bytes.Buffer
		if err := pageTemplates.ExecuteTemplate(&buf, "ads", tc.data); err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(buf.String(), `href="/portal/settings"`); got != tc.want {
			t.Errorf("settings link shown: %v, want %v", got, tc.want)
		}
	}
}
