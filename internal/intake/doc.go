// Package intake takes candidates' applications on the board: it answers
// a job's application form (from the ATS, cached briefly, or the standard
// form of the vendor), reads a submission (multipart, streamed, with the
// file limits and content checks of internal/apply), validates it against
// the form, and stores it with its files and its delivery in one
// transaction, once: a repeated submission (the same Idempotency-Key, or
// the same job, e-mail and CV within ten minutes) gives back the first
// application. The outbox delivers it; Status tells the candidate, with
// the token of the status URL, what became of it.
//
// Nothing here logs or returns the candidate's data: errors name fields.
package intake
