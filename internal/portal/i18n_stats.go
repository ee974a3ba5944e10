package portal

import "maps"

// init adds the labels of the ad page's statistics (templates/adstats.html)
// to both languages' tables, apart from their literals.
func init() {
	maps.Copy(labelsNB, map[string]string{
		"stats_heading": "Hvor søkerne kommer fra", "stats_lead": "Visninger av stillingssiden, påbegynte og innsendte søknader og søknader levert til ATS-et, etter hvor kandidaten kom fra. Roboter telles ikke, og ingen personopplysninger lagres.",
		"stats_caption": "Fra %s til %s (UTC)", "stats_source": "Kilde", "stats_views": "Visninger", "stats_starts": "Påbegynt",
		"stats_applications": "Søknader", "stats_delivered": "Levert", "stats_conversion": "Søknader per visning", "stats_total": "Totalt",
		"stats_sites": "Andre nettsteder", "stats_src_board": "Stillingsbasen", "stats_src_nav": "NAV (arbeidsplassen.nav.no)",
		"stats_src_finn": "FINN", "stats_src_other": "Andre nettsteder", "stats_src_direct": "Direkte (ingen henviser)",
		"stats_ch_caption": "Kanalenes egne tall for annonsen siden den ble publisert der, slik de rapporterer dem (NAV: hentet hver time, omtrent 2 timer forsinket)",
		"stats_ch_channel": "Rapportert av", "stats_ch_pageviews": "Visninger", "stats_ch_clicks": "Klikk på søknadslenken", "stats_ch_updated": "Oppdatert",
		"stats_ch_nav": "Fra NAV (arbeidsplassen, NAVs tall)",
	})
	maps.Copy(labelsEN, map[string]string{
		"stats_heading": "Where applicants come from", "stats_lead": "Job page views, started and submitted applications and applications delivered to the ATS, by where the candidate came from. Robots are not counted, and no personal data is kept.",
		"stats_caption": "From %s to %s (UTC)", "stats_source": "Source", "stats_views": "Views", "stats_starts": "Started",
		"stats_applications": "Applications", "stats_delivered": "Delivered", "stats_conversion": "Applications per view", "stats_total": "Total",
		"stats_sites": "Other sites", "stats_src_board": "The board", "stats_src_nav": "NAV (arbeidsplassen.nav.no)",
		"stats_src_finn": "FINN", "stats_src_other": "Other sites", "stats_src_direct": "Direct (no referrer)",
		"stats_ch_caption": "The channels' own figures for the ad since it was published there, as they report them (NAV: fetched hourly, about 2 hours behind)",
		"stats_ch_channel": "Reported by", "stats_ch_pageviews": "Page views", "stats_ch_clicks": "Apply link clicks", "stats_ch_updated": "Updated",
		"stats_ch_nav": "From NAV (arbeidsplassen, NAV's figures)",
	})
}
