package app_test

import (
	"bytes"
	"html"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// browser is a client that, like a test of a browser's requests, shows
// redirects instead of following them.
var browser = &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

type page struct {
	status int
	header http.Header
	body   string
}

func fetch(t *testing.T, req *http.Request) page {
	t.Helper()
	resp, err := browser.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return page{resp.StatusCode, resp.Header, string(b)}
}

func getPage(t *testing.T, url string) page {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	return fetch(t, req)
}

// jobPage waits for the job to reach the board and returns its page.
func jobPage(t *testing.T, s *apptest.Server, jobID string) page {
	t.Helper()
	var p page
	apptest.Eventually(t, func() bool { p = getPage(t, s.URL+"/jobs/"+jobID); return p.status == http.StatusOK }, "the job page is served")
	return p
}

// putJobIn pushes an ad in the language and returns its job id.
func putJobIn(t *testing.T, s *apptest.Server, key, ref, lang string) string {
	t.Helper()
	a := apptest.Ad("Lagermedarbeider")
	a["language"] = lang
	r := s.Do(t, http.MethodPut, "/v1/ads/"+ref, a, apptest.Bearer(key)...)
	require.Contains(t, []int{http.StatusCreated, http.StatusOK}, r.Status, string(r.Body))
	return r.JSON["id"].(string)
}

var reAction = regexp.MustCompile(`<form class="apply" method="post" action="([^"]+)"`)

// formAction is where the page's form posts.
func formAction(t *testing.T, p page) string {
	t.Helper()
	m := reAction.FindStringSubmatch(p.body)
	require.NotNil(t, m, "the page has the apply form")
	return html.UnescapeString(m[1])
}

// submitForm posts the candidate as a browser sends the form (multipart,
// each file input a part, an empty one with filename="").
func submitForm(t *testing.T, s *apptest.Server, action string, c candidate) page {
	t.Helper()
	body, ctype := c.body(t)
	req, err := http.NewRequest(http.MethodPost, s.URL+action, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", ctype)
	req.Header.Set("Accept", "text/html")
	return fetch(t, req)
}

// browserKari is kari as the page's form sends her: the consent checkbox's
// value, and the CV input left empty.
func browserKari() candidate {
	c := kari()
	c.fields["consents[privacy_policy]"] = "true"
	c.files = []upload{{"cv", "", nil}}
	return c
}

func TestJobPageShowsTheApplyForm(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		for lang, labels := range map[string][]string{
			"sv": {`lang="sv"`, "Förnamn", "Efternamn", "Skicka ansökan", "obligatoriskt"},
			"en": {`lang="en"`, "First name", "Last name", "Send application", "required"},
			"nb": {`lang="nb"`, "Fornavn", "Etternavn", "Send søknad", "påkrevd"},
		} {
			p := jobPage(t, s, putJobIn(t, s, key, "ref-"+lang, lang))
			require.Equal(t, "no-store", p.header.Get("Cache-Control"))
			for _, want := range append(labels, `enctype="multipart/form-data"`, `name="first_name"`, `autocomplete="given-name"`,
				`name="email" type="email"`, `name="cv" type="file" accept=".pdf,.doc,.docx,.odt,.rtf,.txt"`,
				`name="consents[privacy_policy]" type="checkbox"`, `"@type":"JobPosting"`, `"directApply":true`) {
				require.Contains(t, p.body, want, lang)
			}
			require.Regexp(t, `action="/jobs/job_[^"]+/apply\?k=[A-Za-z0-9_-]{20,}&amp;src=direct"`, p.body)
		}
	})
}

func TestJobPageOfARedirectJobLinksToTheATS(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		p := jobPage(t, s, putJob(t, s, key, "ref-1"))
		require.Contains(t, p.body, `href="https://ats.example/apply/1" rel="nofollow noopener"`)
		require.NotContains(t, p.body, "<form")
		require.Contains(t, p.body, `"@type":"JobPosting"`)
		require.Equal(t, http.StatusNotFound, getPage(t, s.URL+"/jobs/job_missing").status)
	})
}

func TestJobPageFormPostRedirectsToTheReceipt(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		jobID := putJob(t, s, webhookTenant(t, s, ats, atsURL, "acme"), "ref-1")
		action := formAction(t, jobPage(t, s, jobID))

		r := submitForm(t, s, action, browserKari())
		require.Equal(t, http.StatusSeeOther, r.status, r.body)
		loc := r.header.Get("Location")
		require.Regexp(t, `^/jobs/`+jobID+`/applied/app_[^/?]+\?token=.+`, loc)
		appID := strings.TrimPrefix(strings.Split(loc, "?")[0], "/jobs/"+jobID+"/applied/")

		receipt := getPage(t, s.URL+loc)
		require.Equal(t, http.StatusOK, receipt.status, receipt.body)
		require.Contains(t, receipt.body, `<dd id="application-id">`+appID+`</dd>`)
		require.Contains(t, receipt.body, "Lagermedarbeider")
		require.NotContains(t, receipt.body, `href="/v1/applications/`, "the receipt is a page, not a link to JSON")
		require.Contains(t, receipt.body, `id="receipt-text">Søknaden er mottatt og blir nå sendt til arbeidsgiveren.`)
		require.Equal(t, "no-store", receipt.header.Get("Cache-Control"))
		require.Equal(t, "no-referrer", receipt.header.Get("Referrer-Policy"))
		require.NotContains(t, receipt.body, "Kari", "the receipt shows no personal data")

		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 1 }, "the ATS receives the application")
		got := ats.Received("webhook")[0]
		require.Equal(t, appID, got.IdempotencyKey)
		require.Equal(t, []string{"Kari"}, got.Fields["candidate.first_name"])
		require.Empty(t, got.Files, "the empty file input is no document")
		apptest.Eventually(t, func() bool {
			return strings.Contains(getPage(t, s.URL+loc).body, `data-status="delivered"`)
		}, "the receipt shows the delivery")

		wrong := getPage(t, s.URL+"/jobs/"+jobID+"/applied/"+appID+"?token=nope")
		require.Equal(t, http.StatusNotFound, wrong.status)
	})
}

func TestJobPageRefusedSubmissionRedrawsTheForm(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		jobID := putJob(t, s, webhookTenant(t, s, ats, atsURL, "acme"), "ref-1")
		action := formAction(t, jobPage(t, s, jobID))

		c := browserKari()
		c.fields["email"] = "not-an-e-mail"
		r := submitForm(t, s, action, c)
		require.Equal(t, http.StatusUnprocessableEntity, r.status)
		require.Contains(t, r.body, `value="Kari"`, "the first name is kept")
		require.Contains(t, r.body, `value="Nordmann"`)
		require.Contains(t, r.body, `aria-describedby="f-email-err"`)
		require.Contains(t, r.body, `id="f-email-err">E-post: Skriv en gyldig e-postadresse, for eksempel navn@eksempel.no.</p>`)
		require.Contains(t, r.body, `Jeg vil gjerne jobbe hos dere.</textarea>`)
		require.Equal(t, action, formAction(t, page{body: r.body}), "the form keeps its key")

		c = browserKari()
		c.files = []upload{{"cv", "cv.exe", []byte("MZ\x90\x00 not a document")}}
		r = submitForm(t, s, action, c)
		require.Equal(t, http.StatusUnsupportedMediaType, r.status)
		require.Contains(t, r.body, `id="f-cv-err">CV: Filtypen støttes ikke.`)
		require.Contains(t, r.body, `value="Kari"`)

		r = submitForm(t, s, "/jobs/job_missing/apply?k=abcdefghijklmnopqrst", browserKari())
		require.Equal(t, http.StatusNotFound, r.status)
		require.Contains(t, r.body, "<!doctype html>")
		require.Empty(t, ats.Received(""))
	})
}

// TestJobPageSameKeyIsTheSameApplication: the page's form sent again as it
// was (a double click, a reload) is the same application and shows the
// same receipt. Sent again with other content under the same key (back,
// edit, send), it is drawn again with the problem and a new key, and
// shows no receipt; sending that form is a second application (break 2
// of issue 13).
func TestJobPageSameKeyIsTheSameApplication(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		jobID := putJob(t, s, webhookTenant(t, s, ats, atsURL, "acme"), "ref-1")
		action := formAction(t, jobPage(t, s, jobID))

		first := submitForm(t, s, action, kari())
		require.Equal(t, http.StatusSeeOther, first.status, first.body)
		receipt := first.header.Get("Location")
		second := submitForm(t, s, action, kari())
		require.Equal(t, http.StatusSeeOther, second.status, second.body)
		require.Equal(t, receipt, second.header.Get("Location"), "the same form sent twice is one application")

		changed := kari()
		changed.fields["email"] = "kari@example.no"
		redrawn := submitForm(t, s, action, changed)
		require.Equal(t, http.StatusUnprocessableEntity, redrawn.status, redrawn.body)
		require.Contains(t, redrawn.body, "Dette skjemaet er allerede sendt, med andre opplysninger")
		require.Contains(t, redrawn.body, `value="kari@example.no"`, "the changed values are kept")
		appID := strings.TrimPrefix(strings.Split(receipt, "?")[0], "/jobs/"+jobID+"/applied/")
		require.NotContains(t, redrawn.body, appID, "no receipt for a changed form")
		require.NotContains(t, redrawn.body, "/applied/")
		newAction := formAction(t, page{body: redrawn.body})
		require.NotEqual(t, action, newAction, "the redrawn form has a new key")

		other := submitForm(t, s, newAction, changed)
		require.Equal(t, http.StatusSeeOther, other.status, other.body)
		require.NotEqual(t, receipt, other.header.Get("Location"), "sent again, it is a second application")

		// Two applications, not three: once both are recorded delivered the
		// ATS has had all it will get.
		apptest.Eventually(t, func() bool { return deliveredApplications(t, s, jobID) == 2 }, "both applications are delivered")
		require.Len(t, ats.Received("webhook"), 2)
		emails := map[string]bool{}
		for _, got := range ats.Received("webhook") {
			emails[got.Fields["candidate.email"][0]] = true
			require.Len(t, got.Files, 1)
			require.Equal(t, testPDF, got.Files[0].Data)
		}
		require.Equal(t, map[string]bool{"kari.nordmann@example.no": true, "kari@example.no": true}, emails)
		require.Equal(t, 2, storedApplications(t, s, jobID))
	})
}

// TestJobPageDuplicateWithoutKeyShowsNoReceipt: a form posted without the
// page's key, byte for byte an application accepted a moment ago, says it
// was received already and shows no receipt (break 2 of issue 13).
func TestJobPageDuplicateWithoutKeyShowsNoReceipt(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		jobID := putJob(t, s, webhookTenant(t, s, ats, atsURL, "acme"), "ref-1")
		jobPage(t, s, jobID)

		first := submitForm(t, s, "/jobs/"+jobID+"/apply", kari())
		require.Equal(t, http.StatusSeeOther, first.status, first.body)
		appID := strings.TrimPrefix(strings.Split(first.header.Get("Location"), "?")[0], "/jobs/"+jobID+"/applied/")

		dup := submitForm(t, s, "/jobs/"+jobID+"/apply", kari())
		require.Equal(t, http.StatusOK, dup.status, dup.body)
		require.Empty(t, dup.header.Get("Location"))
		require.Contains(t, dup.body, "Søknaden er allerede mottatt")
		require.NotContains(t, dup.body, appID)
		require.NotContains(t, dup.body, "token=")
		require.NotContains(t, dup.body, "/applied/")
		require.Equal(t, 1, storedApplications(t, s, jobID), "a duplicate stores nothing")
	})
}

func TestJobPageOfAWithdrawnJobSaysItIsClosed(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		jobID := putJobIn(t, s, key, "ref-1", "sv")
		action := formAction(t, jobPage(t, s, jobID))
		require.Equal(t, http.StatusOK, s.Do(t, http.MethodDelete, "/v1/ads/ref-1", nil, apptest.Bearer(key)...).Status)

		p := getPage(t, s.URL+"/jobs/"+jobID)
		require.Equal(t, http.StatusGone, p.status)
		require.Contains(t, p.body, "Tjänsten är inte längre ledig")
		require.NotContains(t, p.body, "<form")

		r := submitForm(t, s, action, browserKari())
		require.Equal(t, http.StatusGone, r.status)
		require.Contains(t, r.body, "Tjänsten tar inte emot fler ansökningar.")
		require.Empty(t, ats.Received(""))
	})
}
