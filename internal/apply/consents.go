package apply

import (
	"fmt"
	"html"
)

// consentTexts are the board's own consent wordings, by language, for
// ATSs that document no consents of their own: %s is the employer.
var consentTexts = map[string][2]string{
	"nb": {"Jeg samtykker i at %s lagrer søknaden min og personopplysningene i den for å behandle søknaden.",
		"Jeg samtykker i at %s beholder søknaden min for å kontakte meg om fremtidige stillinger."},
	"sv": {"Jag samtycker till att %s sparar min ansökan och personuppgifterna i den för att behandla ansökan.",
		"Jag samtycker till att %s behåller min ansökan för att kontakta mig om framtida tjänster."},
	"nn": {"Eg samtykkjer i at %s lagrar søknaden min og personopplysningane i han for å handsame søknaden.",
		"Eg samtykkjer i at %s tek vare på søknaden min for å kontakte meg om framtidige stillingar."},
	"da": {"Jeg giver samtykke til, at %s gemmer min ansøgning og personoplysningerne i den for at behandle ansøgningen.",
		"Jeg giver samtykke til, at %s beholder min ansøgning for at kontakte mig om fremtidige stillinger."},
	"fi": {"Hyväksyn, että %s tallentaa hakemukseni ja siinä olevat henkilötietoni hakemuksen käsittelyä varten.",
		"Hyväksyn, että %s säilyttää hakemukseni ottaakseen minuun yhteyttä tulevista työpaikoista."},
	"en": {"I agree that %s stores my application and the personal data in it, to process my application.",
		"I agree that %s keeps my application to contact me about future job opportunities."},
}

// theEmployer is "the employer" in each language of consentTexts.
var theEmployer = map[string]string{"nb": "arbeidsgiveren", "nn": "arbeidsgjevaren", "no": "arbeidsgiveren", "sv": "arbetsgivaren",
	"da": "arbejdsgiveren", "fi": "työnantaja", "en": "the employer"}

// StandardConsents are the consents asked for by an ATS without consents
// of its own (Lever, Jobylon, the apply webhook), worded in the job's
// language (nb, also for no; nn; sv; da; fi; else en): the privacy policy,
// required, and with futureJobs the optional future jobs consent.
// employer names who stores the application ("" for "the employer").
func StandardConsents(language, employer string, futureJobs bool) []Consent {
	texts, ok := consentTexts[language]
	switch {
	case language == "no":
		texts = consentTexts["nb"]
	case !ok:
		texts, language = consentTexts["en"], "en"
	}
	if employer == "" {
		employer = theEmployer[language]
		if employer == "" {
			employer = "the employer"
		}
	}
	employer = html.EscapeString(employer)
	out := []Consent{{Type: ConsentPrivacyPolicy, Required: true, Text: fmt.Sprintf(texts[0], employer)}}
	if futureJobs {
		out = append(out, Consent{Type: ConsentFutureJobs, Text: fmt.Sprintf(texts[1], employer)})
	}
	return out
}
