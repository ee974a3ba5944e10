// Package degrade lets an integration's direct apply degrade to redirect
// by itself while its ATS keeps failing, and return when it works again.
//
// The worker, which sees every call to an ATS, keeps the state (Tracker):
// an integration degrades when its ATS's delivery breaker has stayed
// tripped (open, or half-open without a success) for longer than
// JOBGATE_APPLY_DEGRADE_AFTER, or at once when the ATS refuses its
// credentials; it is restored by the first delivery the ATS answers, by a
// change of the integration's settings or keys (refused credentials only),
// or, when no pending application is left to try the ATS with, after
// JOBGATE_APPLY_DEGRADE_AFTER (the next application then tries it). The
// state is in the database (store.DegradeStore), so the API processes,
// which render the forms, read it too, through a Watch that keeps it a
// couple of seconds: the job page pays no query for it.
package degrade
