package httpapi

// degradeLabels are the candidate's texts of degraded apply (see README,
// Degraded apply), by page language: kept in a block of their own so they
// move as one into the job page's message catalogue.
var degradeLabels = map[string]labels{
	"nb": {"err_apply_degraded": "Arbeidsgiverens rekrutteringssystem svarer ikke akkurat nå, så du søker på arbeidsgiverens egen side i stedet. Søknader som allerede er sendt her, blir levert når systemet er tilbake."},
	"sv": {"err_apply_degraded": "Arbetsgivarens rekryteringssystem svarar inte just nu, så du söker på arbetsgivarens egen sida i stället. Ansökningar som redan skickats här levereras när systemet är tillbaka."},
	"da": {"err_apply_degraded": "Arbejdsgiverens rekrutteringssystem svarer ikke lige nu, så du søger på arbejdsgiverens egen side i stedet. Ansøgninger, der allerede er sendt her, bliver leveret, når systemet er tilbage."},
	"fi": {"err_apply_degraded": "Työnantajan rekrytointijärjestelmä ei vastaa juuri nyt, joten haet työnantajan omalla sivulla. Täällä jo lähetetyt hakemukset toimitetaan, kun järjestelmä toimii taas."},
	"en": {"err_apply_degraded": "The employer's recruiting system is not answering right now, so you apply on the employer's own page instead. Applications already sent here will be delivered when it is back."},
}

func init() {
	for lang, ls := range degradeLabels {
		for k, v := range ls {
			pageLanguages[lang][k] = v
		}
	}
}
