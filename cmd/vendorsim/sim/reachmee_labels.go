package sim

// rmLabels are the texts ReachMee shows per export language (UK, SE, NO,
// DK) for the workingHours and employmentLevel elements and the channel
// title. The texts follow third-party samples ("Heltid", "Tillsvidare",
// "Fast ansettelse", "Full time", "Permanent"); the full lists are [U].
var rmLabels = map[string][4]string{
	"vacancies":      {"Available vacancies", "Lediga tjänster", "Ledige stillinger", "Ledige stillinger"},
	"full_time":      {"Full time", "Heltid", "Heltid", "Fuldtid"},
	"part_time":      {"Part time", "Deltid", "Deltid", "Deltid"},
	"permanent":      {"Permanent", "Tillsvidare", "Fast ansettelse", "Fastansættelse"},
	"temporary":      {"Fixed-term position", "Visstidsanställning", "Midlertidig ansettelse", "Tidsbegrænset ansættelse"},
	"contract":       {"Contract", "Konsultuppdrag", "Oppdrag", "Kontrakt"},
	"seasonal":       {"Seasonal", "Säsongsanställning", "Sesongarbeid", "Sæsonarbejde"},
	"internship":     {"Internship", "Praktik", "Praksisplass", "Praktik"},
	"apprenticeship": {"Apprenticeship", "Lärling", "Lærling", "Lærling"},
	"volunteer":      {"Volunteer", "Volontär", "Frivillig", "Frivillig"},
	"other":          {"Other", "Annat", "Annet", "Andet"},
}

// rmLangs orders the export languages as rmLabels' columns.
var rmLangs = map[string]int{"UK": 0, "SE": 1, "NO": 2, "DK": 3}

// rmLabel is the label of a canonical value in the export language; ""
// for no value.
func rmLabel(value, lang string) string {
	if value == "" {
		return ""
	}
	labels, ok := rmLabels[value]
	if !ok {
		return value
	}
	return labels[rmLangs[lang]]
}

// rmCountries are country names per export language.
var rmCountries = map[string][4]string{
	"NO": {"Norway", "Norge", "Norge", "Norge"},
	"SE": {"Sweden", "Sverige", "Sverige", "Sverige"},
	"DK": {"Denmark", "Danmark", "Danmark", "Danmark"},
	"FI": {"Finland", "Finland", "Finland", "Finland"},
}

// rmCountry is the country element's text for an ISO code.
func rmCountry(code, lang string) string {
	names, ok := rmCountries[code]
	if !ok {
		return code
	}
	return names[rmLangs[lang]]
}
