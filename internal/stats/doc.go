// Package stats counts, per ad, per UTC day and per source, how many
// viewed the job page, started the apply form, submitted an application
// and had it delivered to the ATS.
//
// The source is where the candidate came from before the job page: a
// bounded class (board, nav, finn, other, direct) taken from utm_source
// when present and the Referer's site otherwise; for "other" the site
// itself (sanitised, at most 64 characters) is the stored key. Classes
// are the only metric labels; sites never are. Obvious bots (by User-Agent)
// are not counted, and nothing about the visitor (address, cookie) is kept.
//
// Counting never costs the request a database round trip: a Recorder adds
// to an in-memory aggregate that a flusher writes every few seconds, and on
// shutdown, as increments (store.StatsStore).
package stats
