// Package intake takes candidates' applications on the board: it answers
// a job's application form (from the ATS, cached briefly, or the standard
// form of the vendor), reads a submission (multipart, streamed, with the
// file limits and content checks of internal/apply), validates it against
// the form, and stores it with its files and its delivery in one
// transaction, once. An Idempotency-Key is bound to the content it was
// first used with: the same key and content give back the first
// application's receipt, the same key with other content is refused.
// Without a key, a submission byte for byte the same as one accepted for
// the job within ten minutes is a duplicate, answered without any
// receipt, so that no one can read or pre-empt a candidate's application
// by knowing their e-mail and CV. The outbox delivers it; Status tells
// the candidate, with the token of the status URL, what became of it.
//
// Nothing here logs or returns the candidate's data: errors name fields.
package intake
