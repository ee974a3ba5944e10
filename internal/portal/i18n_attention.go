package portal

// init adds the label of the needs_attention delivery state (an
// application Lever refused for a field its account requires, kept to be
// mended and replayed) to both languages' tables; it sits apart from the
// tables' literals so that adding it does not realign their every line.
func init() {
	labelsNB["delivery_needs_attention"] = "trenger oppfølging: ATS-et krever mer enn skjemaet spurte om"
	labelsEN["delivery_needs_attention"] = "needs attention: the ATS requires more than the form asked"
}
