package portal

import "maps"

// init adds the labels of the application's ledger (its hops and their
// outcomes) to both languages' tables, apart from the tables' literals so
// that adding them does not realign their every line.
func init() {
	maps.Copy(labelsNB, map[string]string{
		"hops": "Hendelser", "hop": "Hendelse", "outcome": "Utfall", "detail": "Detaljer", "at": "Tidspunkt",
		"hop_received": "mottatt", "hop_stored": "lagret", "hop_attempt": "leveringsforsøk", "hop_accepted": "tatt imot av ATS-et",
		"hop_replayed": "sendt på nytt av driften", "hop_ats_status": "status i ATS-et",
		"outcome_ok": "ok", "outcome_retry": "prøves igjen", "outcome_dead": "gitt opp", "outcome_needs_attention": "trenger oppfølging",
		"outcome_delivered": "levert", "outcome_new": "ny", "outcome_in_review": "under behandling", "outcome_on_hold": "satt på vent",
		"outcome_rejected": "avslått", "outcome_hired": "ansatt",
	})
	maps.Copy(labelsEN, map[string]string{
		"hops": "Events", "hop": "Event", "outcome": "Outcome", "detail": "Detail", "at": "Time",
		"hop_received": "received", "hop_stored": "stored", "hop_attempt": "delivery attempt", "hop_accepted": "accepted by the ATS",
		"hop_replayed": "replayed by the operators", "hop_ats_status": "status in the ATS",
		"outcome_ok": "ok", "outcome_retry": "will be retried", "outcome_dead": "given up", "outcome_needs_attention": "needs attention",
		"outcome_delivered": "delivered", "outcome_new": "new", "outcome_in_review": "in review", "outcome_on_hold": "on hold",
		"outcome_rejected": "rejected", "outcome_hired": "hired",
	})
}
