// Package outbound is jobgate's one HTTP client for calls to the outside
// world: every request to an ATS (applications, application forms), to a
// polled feed, and to NAV and FINN goes through a Client, built on resty
// (github.com/go-resty/resty/v2). It owns the rules every such call must
// keep, so no connector has to remember them:
//
//   - Redirects are never followed. A 3xx answer (other than 304 Not
//     Modified) is an outcome of its own, a permanent *RedirectError naming
//     the status and the Location (redacted): a followed 302 would turn a
//     POSTed application into an empty GET reported as delivered, and a
//     307 would re-send a CV to whatever host the Location names.
//   - Addresses are checked at dial time, after DNS resolution, so a name
//     that resolves (or is re-bound) to an internal address is caught:
//     loopback, link-local, private, carrier-grade NAT, unspecified,
//     multicast, broadcast, reserved and cloud metadata addresses, also
//     inside IPv4-mapped and NAT64/6to4 IPv6 forms, are refused
//     (*RefusedError, permanent) unless inside the allow-list
//     (JOBGATE_OUTBOUND_ALLOW). No proxy is taken from the environment: it
//     would dial for us, past the guard. CheckURL applies the same table to
//     a URL setting when an integration is created.
//   - Time and size are bounded per kind of request (Kind): a body over
//     the limit is an error, never a cut body handed on to be parsed.
//   - Secrets never reach a record: every error this package returns, and
//     every excerpt callers take of an answer (Response.Excerpt), has the
//     request's secrets (its credential headers, its URL's secret query
//     values and password, and the caller's Request.Secrets) replaced by
//     Mask, and an excerpt is at most MaxExcerpt bytes.
//
// What an answer's status means (delivered, refused, retry later) stays
// with the callers and connectors.StatusError / ApplyStatusError.
package outbound
