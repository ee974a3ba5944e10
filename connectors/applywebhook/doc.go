// Package applywebhook is jobgate's own delivery format for ATSs without a
// documented intake API (Ponty, the generic API, and any integration with
// the setting apply_url): the application is POSTed as JSON, files in
// base64, to the integration's apply_url, the model being Indeed Apply
// (research/ats-vendors.md §7.1). Headers:
//
//	Content-Type: application/json
//	Jobgate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">
//	Idempotency-Key: <application id>
//
// The HMAC key is the integration's current API key: the whole key string
// the ATS was given (after a rotation, the new key). A receiver checks the
// signature over the raw body, refuses a t more than five minutes off, and
// treats a repeated Idempotency-Key as the same application.
//
// Answers: 2xx is delivered (a JSON "id" in the answer is kept as the
// ATS's id); 409 and 410 mean the job is closed; 400 and 422 a refused
// application, with the ATS's message; 401 and 403 refused credentials
// (deliveries of the integration stop, and operators are alerted); 429,
// 5xx and network failures are retried with backoff. The body is
// documented in README ("The signed apply webhook") and in the OpenAPI
// file (components.schemas.ApplyWebhook).
package applywebhook
