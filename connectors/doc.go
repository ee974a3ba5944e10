// Package connectors holds the contract every vendor package implements: the
// interfaces for sources (Pusher, Poller, and PollChooser for a source polled
// for some integrations only) and channels (Channel), the
// description of an integration handed to a connector, the capabilities a
// connector declares so the hub can decide without knowing the vendor, and the
// classification of errors (retryable, permanent, unauthorised, backpressure)
// that travels from a connector through the outbox to asynq.
//
// A connector package under connectors/ knows one vendor's wire format and
// nothing about the database or the queue. The registry in connectors/registry
// is the one place that names them all.
package connectors
