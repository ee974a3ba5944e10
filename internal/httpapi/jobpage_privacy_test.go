package httpapi

import (
	"strings"
	"testing"
)

// TestJobPageLinksPrivacyNotices (issue 14 item 7): every consent links
// the employer's and the board's privacy notices, in the page's language;
// a notice not set draws no link, and never an empty href.
func TestJobPageLinksPrivacyNotices(t *testing.T) {
	form := everyType()
	form.PrivacyURL, form.EmployerPrivacyURL = "https://jobs.example.no/personvern", "https://eksempel.no/personvern"
	html := renderJob(t, form, nil, nil)
	for _, want := range []string{
		`<a href="https://eksempel.no/personvern" rel="noopener" target="_blank">The employer&#39;s privacy notice</a>`,
		`<a href="https://jobs.example.no/personvern" rel="noopener" target="_blank">The board&#39;s privacy notice</a>`,
	} {
		if got := strings.Count(html, want); got != len(form.Consents) {
			t.Errorf("%s appears %d times, want once per consent (%d)", want, got, len(form.Consents))
		}
	}

	for lang, want := range map[string]string{"nb": "Arbeidsgiverens personvernerklæring", "da": "Arbejdsgiverens privatlivspolitik",
		"fi": "Työnantajan tietosuojaseloste"} {
		form.Language = lang
		if html := renderJob(t, form, nil, nil); !strings.Contains(html, ">"+want+"</a>") {
			t.Errorf("%s: the employer's notice is not labelled %q", lang, want)
		}
	}

	form.Language = "sv"
	form.EmployerPrivacyURL = ""
	html = renderJob(t, form, nil, nil)
	if !strings.Contains(html, ">Webbplatsens integritetspolicy</a>") {
		t.Error("the board's notice is not labelled in Swedish")
	}
	if strings.Contains(html, "eksempel.no/personvern") || strings.Contains(html, "Arbetsgivarens integritetspolicy") {
		t.Error("an employer without a notice gets a link")
	}

	form.PrivacyURL, form.EmployerPrivacyURL = "", "javascript:alert(1)"
	html = renderJob(t, form, nil, nil)
	for _, unwanted := range []string{`href=""`, "javascript:", "integritetspolicy"} {
		if strings.Contains(html, unwanted) {
			t.Errorf("without notices (or with one that is no http(s) URL) the page has %s", unwanted)
		}
	}
}
