// Package outbox turns outbox rows into delivered work. Every outbound job
// (publish an ad, withdraw it) is first a row in the database, written in
// the same transaction as the change that caused it. After commit, the
// Dispatcher enqueues an asynq task whose id is "<row id>:<generation>"; a
// task id conflict means it is already queued. The Reconciler re-enqueues
// pending rows whose task is missing (Redis flushed, a crash between commit
// and enqueue), at start-up and periodically. The Worker runs a task: it
// calls the channel, records the outcome in the row, and decides retries
// from the row, so the database, not asynq, is the truth about what was
// delivered and what is dead.
package outbox
