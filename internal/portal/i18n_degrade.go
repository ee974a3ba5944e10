package portal

import "maps"

// init adds the labels of an ad's apply mode and of a degraded ATS (see
// README, Degraded apply) to both languages' tables, apart from their
// literals so that adding them does not realign their every line.
func init() {
	maps.Copy(labelsNB, map[string]string{
		"apply_mode":                "Søknad",
		"apply_direct":              "direkte her, levert til ATS-et",
		"apply_redirect":            "på ATS-ets egen side",
		"degraded_ats_unavailable":  "midlertidig: ATS-et svarer ikke; søknader som er tatt imot, leveres når det er tilbake",
		"degraded_ats_unauthorised": "midlertidig: ATS-et avviser nøkkelen; oppdater den i integrasjonens innstillinger",
	})
	maps.Copy(labelsEN, map[string]string{
		"apply_mode":                "Applications",
		"apply_direct":              "directly here, delivered to the ATS",
		"apply_redirect":            "on the ATS's own page",
		"degraded_ats_unavailable":  "for now: the ATS is not answering; applications taken are delivered once it is back",
		"degraded_ats_unauthorised": "for now: the ATS refuses the key; update it in the integration's settings",
	})
}
