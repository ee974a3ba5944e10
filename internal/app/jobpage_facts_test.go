package app_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// richAd is an ad with every field a candidate looks for, in lang, with
// its deadline on 31 January next year.
func richAd(lang string) map[string]any {
	a := apptest.Ad("Lagermedarbeider")
	a["language"] = lang
	a["employer"] = map[string]any{"name": "Eksempel AS", "website": "https://eksempel.no", "logo_url": "https://eksempel.no/logo.png"}
	a["locations"] = []any{map[string]any{"address": "Storgata 1", "postal_code": "0151", "city": "Oslo", "country": "NO"},
		map[string]any{"city": "Bergen", "country": "NO"}}
	a["employment_type"], a["extent"] = "permanent", "full_time"
	a["salary"] = map[string]any{"min": 45000, "max": 55000, "currency": "NOK", "period": "month"}
	a["start_date"] = "2027-03-01"
	a["deadline"] = strconv.Itoa(time.Now().Year()+1) + "-01-31"
	a["positions"] = 3
	a["contact"] = map[string]any{"name": "Ola Nordmann", "title": "Lagersjef", "email": "ola@eksempel.no", "phone": "+47 22 00 00 00"}
	return a
}

// TestJobPageShowsEveryFactInItsLanguage (issue 17 item 4): the page of a
// rich ad shows every fact, labelled and written in the ad's language
// (nb, nn, sv, da, fi, en), in a candidate's order.
func TestJobPageShowsEveryFactInItsLanguage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		year := strconv.Itoa(time.Now().Year() + 1)
		nbsp := "\u00a0"
		// Per language: the labels and values in page order, from the
		// employer to the apply button.
		want := map[string][]string{
			"nb": {"Arbeidssted", "Storgata 1, 0151 Oslo, Norge", "Ansettelse", "Fast, heltid", "Lønn", "45" + nbsp + "000–55" + nbsp + "000 kr per måned",
				"Oppstart", "1. mars 2027", "Søknadsfrist", "31. januar " + year, "Antall stillinger", "3 stillinger", "Kontaktperson", "Om stillingen", "Søk på stillingen"},
			"nn": {"Arbeidsstad", "Storgata 1, 0151 Oslo, Noreg", "Tilsetjing", "Fast, heiltid", "Løn", "45" + nbsp + "000–55" + nbsp + "000 kr per månad",
				"Oppstart", "1. mars 2027", "Søknadsfrist", "31. januar " + year, "Tal på stillingar", "3 stillingar", "Kontaktperson", "Om stillinga", "Søk på stillinga"},
			"sv": {"Arbetsort", "Storgata 1, 0151 Oslo, Norge", "Anställning", "Tillsvidareanställning, heltid", "Lön", "45" + nbsp + "000–55" + nbsp + "000 Nkr per månad",
				"Tillträde", "1 mars 2027", "Sista ansökningsdag", "31 januari " + year, "Antal tjänster", "3 tjänster", "Kontaktperson", "Om tjänsten", "Sök tjänsten"},
			"da": {"Arbejdssted", "Storgata 1, 0151 Oslo, Norge", "Ansættelse", "Fast, fuldtid", "Løn", "45.000–55.000 NOK pr. måned",
				"Tiltrædelse", "1. marts 2027", "Ansøgningsfrist", "31. januar " + year, "Antal stillinger", "3 stillinger", "Kontaktperson", "Om stillingen", "Søg stillingen"},
			"fi": {"Työpaikan sijainti", "Storgata 1, 0151 Oslo, Norja", "Työsuhde", "Vakituinen, kokoaikainen", "Palkka", "45" + nbsp + "000–55" + nbsp + "000 NOK kuukaudessa",
				"Aloitus", "1. maaliskuuta 2027", "Hakuaika päättyy", "31. tammikuuta " + year, "Paikkojen määrä", "3 paikkaa", "Yhteyshenkilö", "Tietoa työpaikasta", "Hae"},
			"en": {"Place of work", "Storgata 1, 0151 Oslo, Norway", "Employment", "Permanent, full-time", "Salary", "NOK 45,000–55,000 per month",
				"Start date", "1 March 2027", "Deadline", "31 January " + year, "Positions", "3 positions", "Contact person", "About the job", "Apply"},
		}
		for lang, texts := range want {
			r := s.Do(t, http.MethodPut, "/v1/ads/rich-"+lang, richAd(lang), apptest.Bearer(key)...)
			require.Contains(t, []int{http.StatusCreated, http.StatusOK}, r.Status, string(r.Body))
			p := jobPage(t, s, r.JSON["id"].(string))
			body := p.body[strings.Index(p.body, "<body>"):]
			require.Contains(t, p.body, `<html lang="`+lang+`">`)
			at := strings.Index(body, `<h1>Lagermedarbeider</h1>`)
			require.Positive(t, at, lang)
			for _, text := range append([]string{`<a href="https://eksempel.no" rel="noopener">Eksempel AS</a>`}, texts...) {
				i := strings.Index(body[at:], text)
				require.True(t, i >= 0, "%s: %q missing or out of order in\n%s", lang, text, body)
				at += i
			}
			for _, link := range []string{`<img class="logo" src="https://eksempel.no/logo.png"`, `<a href="mailto:ola@eksempel.no">ola@eksempel.no</a>`,
				`<a href="tel:&#43;4722000000">&#43;47 22 00 00 00</a>`, `Ola Nordmann, Lagersjef`, "Bergen, "} {
				require.Contains(t, body, link, lang)
			}
		}
	})
}

// TestJobPageOfAnAdWithFewFields: an ad with only its required fields has
// no label without a value.
func TestJobPageOfAnAdWithFewFields(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		a := map[string]any{"title": "Kokk", "description": "<p>Kjøkkenet trenger deg.</p>", "employer": map[string]any{"name": "Kafé AS"},
			"salary": map[string]any{"currency": "NOK"}, "contact": map[string]any{"title": "Daglig leder"}}
		r := s.Do(t, http.MethodPut, "/v1/ads/few", a, apptest.Bearer(key)...)
		require.Contains(t, []int{http.StatusCreated, http.StatusOK}, r.Status, string(r.Body))
		p := jobPage(t, s, r.JSON["id"].(string))
		require.Contains(t, p.body, "<h1>Kokk</h1>")
		require.Contains(t, p.body, `<p class="meta" id="job-employer">Kafé AS</p>`)
		for _, label := range []string{"Arbeidssted", "Ansettelse", "Lønn", "Oppstart", "Søknadsfrist", "Antall stillinger", "Kontaktperson", "Avdeling", "<img", "<dt>"} {
			require.NotContains(t, p.body, label, "a fact the ad does not have")
		}
		require.NotRegexp(t, regexp.MustCompile(`<dd[^>]*>\s*</dd>|<dt>\s*</dt>|<dl class="facts">\s*<dt>\s*</dl>`), p.body)
	})
}

// TestJobPageOfAClosedJob: a withdrawn job answers 410 in its language,
// with links to the employer's other open jobs on the board (its own
// account's, not another tenant's with the same name); an unknown job
// 404 with the same look.
func TestJobPageOfAClosedJob(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		_, otherKey := s.Tenant(t)
		put := func(key, ref, title, employer string) string {
			a := apptest.Ad(title)
			a["language"] = "nn"
			a["employer"] = map[string]any{"name": employer}
			r := s.Do(t, http.MethodPut, "/v1/ads/"+ref, a, apptest.Bearer(key)...)
			require.Contains(t, []int{http.StatusCreated, http.StatusOK}, r.Status, string(r.Body))
			id := r.JSON["id"].(string)
			jobPage(t, s, id)
			return id
		}
		closed := put(key, "closed", "Sjåfør", "Eksempel AS")
		open := put(key, "open", "Truckførar", "Eksempel AS")
		otherEmployer := put(key, "other", "Kokk", "Kafé AS")
		otherTenant := put(otherKey, "tenant", "Reinhaldar", "Eksempel AS")
		require.Equal(t, http.StatusOK, s.Do(t, http.MethodDelete, "/v1/ads/closed", nil, apptest.Bearer(key)...).Status)

		p := getPage(t, s.URL+"/jobs/"+closed)
		require.Equal(t, http.StatusGone, p.status)
		require.Equal(t, "text/html; charset=utf-8", p.header.Get("Content-Type"))
		for _, want := range []string{`<html lang="nn">`, "<h1>Stillinga er ikkje lenger ledig</h1>", "Sjåfør · Eksempel AS",
			"Eksempel AS tek ikkje lenger imot søknader til denne stillinga.", "Andre ledige stillingar hos Eksempel AS",
			`<a href="/jobs/` + open + `">Truckførar</a> · Oslo`, `<meta name="robots" content="noindex">`} {
			require.Contains(t, p.body, want)
		}
		for _, unwanted := range []string{otherEmployer, otherTenant, `href="/jobs/` + closed + `"`, "<form", "Noko gjekk gale"} {
			require.NotContains(t, p.body, unwanted)
		}

		require.Equal(t, http.StatusOK, s.Do(t, http.MethodDelete, "/v1/ads/open", nil, apptest.Bearer(key)...).Status)
		p = getPage(t, s.URL+"/jobs/"+closed)
		require.Equal(t, http.StatusGone, p.status)
		require.Contains(t, p.body, `<p id="no-other-jobs">Eksempel AS har ingen andre ledige stillingar akkurat no.</p>`)

		missing := getPage(t, s.URL+"/jobs/job_missing")
		require.Equal(t, http.StatusNotFound, missing.status)
		require.Contains(t, missing.body, "<h1>Fant ikke siden</h1>")
		require.Contains(t, missing.body, `<p class="notice" id="gone-message">Stillingen finnes ikke, eller er ikke lenger utlyst.</p>`)
	})
}

// TestJobPageReceiptSaysWhatHappened: the receipt is a page that says the
// application was received, then delivered (when), or could not be
// delivered and what to do, in the ad's language.
func TestJobPageReceiptSaysWhatHappened(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		receipt := func(ref, lang string) string {
			a := richAd(lang)
			r := s.Do(t, http.MethodPut, "/v1/ads/"+ref, a, apptest.Bearer(key)...)
			require.Contains(t, []int{http.StatusCreated, http.StatusOK}, r.Status, string(r.Body))
			job := r.JSON["id"].(string)
			sub := apply(t, s, job, kari())
			require.Equal(t, http.StatusAccepted, sub.Status, string(sub.Body))
			u, err := url.Parse(sub.JSON["status_url"].(string))
			require.NoError(t, err)
			return s.URL + "/jobs/" + job + "/applied/" + sub.JSON["id"].(string) + "?token=" + url.QueryEscape(u.Query().Get("token"))
		}

		delivered := receipt("ok", "da")
		apptest.Eventually(t, func() bool { return strings.Contains(getPage(t, delivered).body, `data-status="delivered"`) }, "delivered")
		p := getPage(t, delivered)
		require.Regexp(t, `id="receipt-text">Ansøgningen blev leveret til arbejdsgiveren \d+\. [a-z]+ \d{4} kl\. \d\d\.\d\d\.`, p.body)
		require.Regexp(t, `<dt>Leveret til arbejdsgiveren</dt><dd id="receipt-delivered">\d+\. [a-z]+ \d{4} kl\. \d\d\.\d\d</dd>`, p.body)
		require.Contains(t, p.body, `<dt>Sendt</dt><dd id="receipt-submitted">`)
		require.Contains(t, p.body, `id="erase"`)
		require.NotContains(t, p.body, "/v1/applications/")

		ats.CloseJob("webhook", "shut", true)
		failed := receipt("shut", "fi")
		apptest.Eventually(t, func() bool { return strings.Contains(getPage(t, failed).body, `data-status="failed"`) }, "failed")
		p = getPage(t, failed)
		for _, want := range []string{`id="receipt-text">Hakemusta ei voitu toimittaa työnantajalle.`,
			`id="receipt-reason">Työnantaja oli sulkenut haun ennen kuin hakemus ehti perille.`,
			`id="receipt-what-to-do"><strong>Ota yhteyttä suoraan työnantajaan`, `href="https://ats.example/apply/1"`,
			`<a href="mailto:ola@eksempel.no">ola@eksempel.no</a>`} {
			require.Contains(t, p.body, want)
		}
		require.NotContains(t, p.body, `id="receipt-delivered"`)
		require.NotContains(t, p.body, "Kari", "the receipt shows no personal data of the candidate")
	})
}

// TestJobPageFormErrorsNameTheField: a refused form says, next to each
// field and in the ad's language, which field is wrong and how; the
// summary links each field.
func TestJobPageFormErrorsNameTheField(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		key := webhookTenant(t, s, ats, atsURL, "acme")
		want := map[string][]string{
			"da": {`id="f-first_name-err">Fornavn: Skal udfyldes.</p>`, `id="f-email-err">E-mail: Skriv en gyldig e-mailadresse, for eksempel navn@eksempel.dk.</p>`,
				`id="c-0-err">Privatliv: Du skal sætte kryds her for at sende ansøgningen.</p>`, `<a href="#c-0">Jeg giver samtykke til, at Eksempel AS gemmer`,
				`<a href="#f-email">E-mail</a>: Skriv en gyldig e-mailadresse`, "Ansøgningen blev ikke sendt."},
			"nn": {`id="f-first_name-err">Førenamn: Må fyllast ut.</p>`, `id="f-email-err">E-post: Skriv ei gyldig e-postadresse, til dømes namn@døme.no.</p>`,
				`id="c-0-err">Personvern: Du må krysse av her for å sende søknaden.</p>`, `<a href="#f-first_name">Førenamn</a>: Må fyllast ut.`},
			"fi": {`id="f-first_name-err">Etunimi: Pakollinen tieto.</p>`, `id="f-email-err">Sähköposti: Kirjoita kelvollinen sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.</p>`,
				`id="c-0-err">Tietosuoja: Sinun on valittava tämä, jotta voit lähettää hakemuksen.</p>`, `aria-invalid="true" aria-describedby="c-0-err"`},
		}
		for lang, texts := range want {
			action := formAction(t, jobPage(t, s, putJobIn(t, s, key, "form-"+lang, lang)))
			c := browserKari()
			c.fields["first_name"], c.fields["email"] = "", "not-an-e-mail"
			delete(c.fields, "consents[privacy_policy]")
			r := submitForm(t, s, action, c)
			require.Equal(t, http.StatusUnprocessableEntity, r.status, r.body)
			require.Contains(t, r.body, `<html lang="`+lang+`">`)
			for _, text := range append(texts, `aria-invalid="true" aria-describedby="f-email-err"`, `aria-invalid="true" aria-describedby="f-first_name-err"`) {
				require.Contains(t, r.body, text, lang)
			}
		}
		require.Empty(t, ats.Received(""))
	})
}
