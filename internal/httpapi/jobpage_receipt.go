package httpapi

import (
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/intake"
)

// receiptSummary is what the receipt page tells the candidate happened to
// the application, from its stored state (intake.StatusView, read from
// the application's record): received and on its way, delivered to the
// employer (when), needing the employer's attention, or not delivered
// (why, and what to do now).
type receiptSummary struct {
	// State is the application's status (intake's Status constants).
	State string
	// Text says what happened; Reason why a failed one failed, WhatToDo
	// what the candidate can do about it.
	Text, Reason, WhatToDo string
	// SubmittedAt and DeliveredAt are written in the ad's language and
	// time zone ("" when not delivered).
	SubmittedAt, DeliveredAt string
	// ApplyURL is the employer's own page for the job, and Contact the
	// ad's contact person, for a candidate whose application failed.
	ApplyURL string
	Contact  *contactView
}

// summarise writes the summary of an application to the job a.
func summarise(v intake.StatusView, a ad.Ad, t labels) receiptSummary {
	zone := ad.Zone(a)
	r := receiptSummary{State: v.Status, SubmittedAt: t.formatDateTime(v.SubmittedAt, zone)}
	if v.DeliveredAt != nil {
		r.DeliveredAt = t.formatDateTime(*v.DeliveredAt, zone)
	}
	switch v.Status {
	case intake.StatusDelivered:
		r.Text = t.format("summary_delivered", map[string]any{"When": r.DeliveredAt})
	case intake.StatusNeedsAttention:
		r.Text = t["summary_needs_attention"]
	case intake.StatusFailed:
		r.Text, r.WhatToDo = t["summary_failed"], t["failed_what_to_do"]
		if reason, ok := t["failed_"+v.Reason]; ok {
			r.Reason = reason
		}
		r.ApplyURL, r.Contact = safeURL(a.ApplyURL), contactOf(a.Contact)
	default:
		r.Text = t["summary_received"]
	}
	return r
}
