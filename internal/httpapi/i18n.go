package httpapi

import "strings"

// labels are the texts of the hosted job page in one language, by key.
// Keys are identifiers, so the templates read them as {{.T.key}}; the
// messages of problem codes are under "err_<code>".
type labels map[string]string

// pageLanguages are the languages the job page speaks: Norwegian (also for
// nn and no), Swedish, Danish, Finnish and English, the fallback for
// anything else.
var pageLanguages = map[string]labels{"nb": labelsNB, "sv": labelsSV, "da": labelsDA, "fi": labelsFI, "en": labelsEN}

// pageLanguage picks the labels' language for an ad's language. An ad with
// no language is Norwegian, as the board is.
func pageLanguage(lang string) string {
	switch strings.ToLower(strings.TrimSpace(lang)) {
	case "", "nb", "nn", "no":
		return "nb"
	case "sv", "da", "fi":
		return strings.ToLower(strings.TrimSpace(lang))
	}
	return "en"
}

// labelsFor returns the labels for an ad's language.
func labelsFor(lang string) labels { return pageLanguages[pageLanguage(lang)] }

// problemText is the candidate-facing message of a problem or error code:
// the language's own, else the English one, else the code itself.
func (l labels) problemText(code string) string {
	if s, ok := l["err_"+code]; ok {
		return s
	}
	if s, ok := labelsEN["err_"+code]; ok {
		return s
	}
	return code
}

var labelsNB = labels{
	"apply_heading":             "Søk på stillingen",
	"first_name":                "Fornavn",
	"last_name":                 "Etternavn",
	"email":                     "E-post",
	"phone":                     "Telefon",
	"cover_letter":              "Søknadstekst",
	"cv":                        "CV",
	"cv_hint":                   "PDF, Word, OpenDocument, RTF eller tekst, høyst 10 MB.",
	"send":                      "Send søknad",
	"required":                  "påkrevd",
	"optional":                  "valgfritt",
	"privacy":                   "Personvern",
	"privacy_board":             "Nettstedets personvernerklæring",
	"privacy_employer":          "Arbeidsgiverens personvernerklæring",
	"only_if":                   "Bare hvis du svarte «%s» på «%s».",
	"choose":                    "Velg …",
	"consents":                  "Samtykker",
	"deadline":                  "Søknadsfrist",
	"apply_external":            "Søk på stillingen",
	"apply_external_note":       "Du søker på arbeidsgiverens egen side.",
	"problems_heading":          "Søknaden ble ikke sendt. Rett opp dette:",
	"files_again":               "Av sikkerhetshensyn må filer velges på nytt.",
	"applied_title":             "Søknaden er mottatt",
	"applied_lead":              "Takk! Vi har tatt imot søknaden din.",
	"application_id":            "Søknads-ID",
	"status":                    "Status",
	"job":                       "Stilling",
	"status_link":               "Se status (JSON)",
	"back_to_job":               "Tilbake til stillingen",
	"keep_id":                   "Ta vare på søknads-ID-en og lenken hvis du vil sjekke statusen senere.",
	"erase_button":              "Slett søknaden min",
	"erase_title":               "Slette søknaden?",
	"erase_lead":                "Søknaden, svarene, samtykkene og filene dine slettes her for godt. Har den allerede nådd arbeidsgiveren, må du be arbeidsgiveren om å slette den der også.",
	"erase_confirm":             "Ja, slett søknaden",
	"erased_title":              "Søknaden er slettet",
	"erased_lead":               "Søknaden din og alt vi hadde om den er slettet.",
	"erasure_receipt":           "Slettekvittering",
	"erased_hint":               "Ta vare på kvitteringsnummeret hvis du vil vise til slettingen senere.",
	"status_received":           "Mottatt – sendes til arbeidsgiveren",
	"status_delivered":          "Levert til arbeidsgiveren",
	"status_failed":             "Kunne ikke leveres",
	"status_needs_attention":    "Mottatt – arbeidsgiveren må fullføre den før den leveres",
	"error_title":               "Noe gikk galt",
	"not_found_title":           "Fant ikke siden",
	"err_required":              "Må fylles ut.",
	"err_invalid":               "Ugyldig verdi.",
	"err_too_long":              "For langt.",
	"err_not_an_option":         "Velg et av alternativene.",
	"err_not_asked":             "Dette spørsmålet gjelder ikke for svarene dine; la det stå tomt.",
	"err_unknown_question":      "Ukjent spørsmål.",
	"err_unknown_consent":       "Ukjent samtykke.",
	"err_file_too_large":        "Filen er for stor (høyst 10 MB per fil, 25 MB til sammen).",
	"err_unsupported_file_type": "Filtypen støttes ikke. Bruk PDF, Word (doc, docx), OpenDocument (odt), RTF eller tekst.",
	"err_job_closed":            "Stillingen tar ikke imot flere søknader.",
	"err_redirect":              "Du søker på denne stillingen hos arbeidsgiveren.",
	"err_form_unavailable":      "Søknadsskjemaet er ikke tilgjengelig akkurat nå. Prøv igjen om litt.",
	"err_apply_unavailable":     "Søknader til denne stillingen kan ikke tas imot akkurat nå. Prøv igjen om litt.",
	"err_invalid_multipart":     "Skjemaet kunne ikke leses. Prøv igjen.",
	"err_too_many_parts":        "Skjemaet har for mange felt eller filer.",
	"err_field_too_large":       "Et felt er for langt.",
	"err_not_found":             "Stillingen finnes ikke, eller er ikke lenger utlyst.",
	"err_no_application":        "Fant ikke søknaden, eller lenken er feil.",
	"err_internal":              "En feil oppstod hos oss. Prøv igjen om litt.",
	"duplicate_title":           "Søknaden er allerede mottatt",
	"err_duplicate":             "Vi har nettopp tatt imot en helt lik søknad til denne stillingen, så denne ble ikke sendt en gang til.",
	"err_form_already_sent":     "Dette skjemaet er allerede sendt, med andre opplysninger, og den søknaden er mottatt. Vil du sende en ny søknad med opplysningene under, sender du skjemaet på nytt.",

	// A form that takes fewer file types than jobgate allows (the ATS
	// takes fewer: Teamtailor).
	"cv_hint_only":               "Bare %s (arbeidsgiverens rekrutteringssystem tar ikke andre filtyper), høyst 10 MB.",
	"err_file_type_not_accepted": "Arbeidsgiverens rekrutteringssystem tar ikke denne filtypen. Bruk en av filtypene som står under feltet.",
}

var labelsSV = labels{
	"apply_heading":             "Sök tjänsten",
	"first_name":                "Förnamn",
	"last_name":                 "Efternamn",
	"email":                     "E-post",
	"phone":                     "Telefon",
	"cover_letter":              "Personligt brev",
	"cv":                        "CV",
	"cv_hint":                   "PDF, Word, OpenDocument, RTF eller text, högst 10 MB.",
	"send":                      "Skicka ansökan",
	"required":                  "obligatoriskt",
	"optional":                  "valfritt",
	"privacy":                   "Integritet",
	"privacy_board":             "Webbplatsens integritetspolicy",
	"privacy_employer":          "Arbetsgivarens integritetspolicy",
	"only_if":                   "Bara om du svarade ”%s” på ”%s”.",
	"choose":                    "Välj …",
	"consents":                  "Samtycken",
	"deadline":                  "Sista ansökningsdag",
	"apply_external":            "Sök tjänsten",
	"apply_external_note":       "Du söker på arbetsgivarens egen sida.",
	"problems_heading":          "Ansökan skickades inte. Rätta till följande:",
	"files_again":               "Av säkerhetsskäl måste filer väljas igen.",
	"applied_title":             "Ansökan är mottagen",
	"applied_lead":              "Tack! Vi har tagit emot din ansökan.",
	"application_id":            "Ansöknings-ID",
	"status":                    "Status",
	"job":                       "Tjänst",
	"status_link":               "Se status (JSON)",
	"back_to_job":               "Tillbaka till tjänsten",
	"keep_id":                   "Spara ansöknings-ID:t och länken om du vill kontrollera statusen senare.",
	"erase_button":              "Radera min ansökan",
	"erase_title":               "Radera ansökan?",
	"erase_lead":                "Din ansökan, dina svar, samtycken och filer raderas här för gott. Har den redan nått arbetsgivaren måste du be arbetsgivaren att radera den där också.",
	"erase_confirm":             "Ja, radera ansökan",
	"erased_title":              "Ansökan är raderad",
	"erased_lead":               "Din ansökan och allt vi hade om den är raderat.",
	"erasure_receipt":           "Raderingskvitto",
	"erased_hint":               "Spara kvittonumret om du vill hänvisa till raderingen senare.",
	"status_received":           "Mottagen – skickas till arbetsgivaren",
	"status_delivered":          "Levererad till arbetsgivaren",
	"status_failed":             "Kunde inte levereras",
	"status_needs_attention":    "Mottagen – arbetsgivaren måste komplettera den innan den levereras",
	"error_title":               "Något gick fel",
	"not_found_title":           "Sidan hittades inte",
	"err_required":              "Måste fyllas i.",
	"err_invalid":               "Ogiltigt värde.",
	"err_too_long":              "För långt.",
	"err_not_an_option":         "Välj ett av alternativen.",
	"err_not_asked":             "Frågan gäller inte för dina svar; lämna den tom.",
	"err_unknown_question":      "Okänd fråga.",
	"err_unknown_consent":       "Okänt samtycke.",
	"err_file_too_large":        "Filen är för stor (högst 10 MB per fil, 25 MB totalt).",
	"err_unsupported_file_type": "Filtypen stöds inte. Använd PDF, Word (doc, docx), OpenDocument (odt), RTF eller text.",
	"err_job_closed":            "Tjänsten tar inte emot fler ansökningar.",
	"err_redirect":              "Du söker den här tjänsten hos arbetsgivaren.",
	"err_form_unavailable":      "Ansökningsformuläret är inte tillgängligt just nu. Försök igen om en stund.",
	"err_apply_unavailable":     "Ansökningar till tjänsten kan inte tas emot just nu. Försök igen om en stund.",
	"err_invalid_multipart":     "Formuläret kunde inte läsas. Försök igen.",
	"err_too_many_parts":        "Formuläret har för många fält eller filer.",
	"err_field_too_large":       "Ett fält är för långt.",
	"err_not_found":             "Tjänsten finns inte, eller är inte längre utannonserad.",
	"err_no_application":        "Ansökan hittades inte, eller så är länken fel.",
	"err_internal":              "Ett fel uppstod hos oss. Försök igen om en stund.",
	"duplicate_title":           "Ansökan är redan mottagen",
	"err_duplicate":             "Vi har nyss tagit emot en exakt likadan ansökan till den här tjänsten, så den här skickades inte en gång till.",
	"err_form_already_sent":     "Formuläret har redan skickats, med andra uppgifter, och den ansökan är mottagen. Vill du skicka en ny ansökan med uppgifterna nedan skickar du formuläret igen.",

	// A form that takes fewer file types than jobgate allows (the ATS
	// takes fewer: Teamtailor).
	"cv_hint_only":               "Endast %s (arbetsgivarens rekryteringssystem tar inte andra filtyper), högst 10 MB.",
	"err_file_type_not_accepted": "Arbetsgivarens rekryteringssystem tar inte den här filtypen. Använd en av filtyperna som står under fältet.",
}

var labelsEN = labels{
	"apply_heading":             "Apply for this job",
	"first_name":                "First name",
	"last_name":                 "Last name",
	"email":                     "E-mail",
	"phone":                     "Phone",
	"cover_letter":              "Cover letter",
	"cv":                        "CV",
	"cv_hint":                   "PDF, Word, OpenDocument, RTF or text, at most 10 MB.",
	"send":                      "Send application",
	"required":                  "required",
	"optional":                  "optional",
	"privacy":                   "Privacy",
	"privacy_board":             "The board's privacy notice",
	"privacy_employer":          "The employer's privacy notice",
	"only_if":                   "Only if you answered “%s” to “%s”.",
	"choose":                    "Choose …",
	"consents":                  "Consents",
	"deadline":                  "Deadline",
	"apply_external":            "Apply",
	"apply_external_note":       "You apply on the employer's own page.",
	"problems_heading":          "Your application was not sent. Please correct the following:",
	"files_again":               "For your security, files must be chosen again.",
	"applied_title":             "Application received",
	"applied_lead":              "Thank you! We have received your application.",
	"application_id":            "Application ID",
	"status":                    "Status",
	"job":                       "Job",
	"status_link":               "View status (JSON)",
	"back_to_job":               "Back to the job",
	"keep_id":                   "Keep the application ID and the link if you want to check the status later.",
	"erase_button":              "Delete my application",
	"erase_title":               "Delete the application?",
	"erase_lead":                "Your application, answers, consents and files are deleted here for good. If it has already reached the employer, ask the employer to delete it there too.",
	"erase_confirm":             "Yes, delete the application",
	"erased_title":              "Application deleted",
	"erased_lead":               "Your application and everything we held about it is deleted.",
	"erasure_receipt":           "Erasure receipt",
	"erased_hint":               "Keep the receipt number if you want to refer to the deletion later.",
	"status_received":           "Received – being sent to the employer",
	"status_delivered":          "Delivered to the employer",
	"status_failed":             "Could not be delivered",
	"status_needs_attention":    "Received – the employer must complete it before it is delivered",
	"error_title":               "Something went wrong",
	"not_found_title":           "Page not found",
	"err_required":              "This is required.",
	"err_invalid":               "This value is not valid.",
	"err_too_long":              "This is too long.",
	"err_not_an_option":         "Choose one of the options.",
	"err_not_asked":             "This question does not apply to your answers; leave it empty.",
	"err_unknown_question":      "Unknown question.",
	"err_unknown_consent":       "Unknown consent.",
	"err_file_too_large":        "The file is too large (at most 10 MB a file, 25 MB in all).",
	"err_unsupported_file_type": "This file type is not supported. Use PDF, Word (doc, docx), OpenDocument (odt), RTF or text.",
	"err_job_closed":            "This job takes no more applications.",
	"err_redirect":              "You apply for this job with the employer.",
	"err_form_unavailable":      "The application form is not available right now. Please try again shortly.",
	"err_apply_unavailable":     "Applications to this job cannot be taken right now. Please try again shortly.",
	"err_invalid_multipart":     "The form could not be read. Please try again.",
	"err_too_many_parts":        "The form has too many fields or files.",
	"err_field_too_large":       "A field is too long.",
	"err_not_found":             "The job does not exist, or is no longer advertised.",
	"err_no_application":        "The application was not found, or the link is wrong.",
	"err_internal":              "Something went wrong on our side. Please try again shortly.",
	"duplicate_title":           "Application already received",
	"err_duplicate":             "We have just received an identical application to this job, so this one was not sent again.",
	"err_form_already_sent":     "This form has already been sent, with other details, and that application was received. To send a new application with the details below, send the form again.",

	// A form that takes fewer file types than jobgate allows (the ATS
	// takes fewer: Teamtailor).
	"cv_hint_only":               "Only %s (the employer's recruitment system takes no other file types), at most 10 MB.",
	"err_file_type_not_accepted": "The employer's recruitment system does not take this file type. Use one of the types listed under the field.",
}
