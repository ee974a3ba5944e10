package httpapi

import (
	"testing"
	"time"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/intake"
)

// TestReceiptSummaryOfEveryState: the receipt says what happened for each
// state an application can be in, and what to do when it failed.
func TestReceiptSummaryOfEveryState(t *testing.T) {
	sent := time.Date(2027, 1, 10, 8, 30, 0, 0, time.UTC)
	at := sent.Add(90 * time.Minute)
	a := ad.Ad{Language: "sv", ApplyURL: "https://ats.example/apply/9", Contact: &ad.Contact{Email: "hr@exempel.se"},
		Locations: []ad.Location{{City: "Stockholm", Country: "SE"}}}
	t.Run("received", func(t *testing.T) {
		r := summarise(intake.StatusView{Status: intake.StatusReceived, SubmittedAt: sent}, a, labelsFor("sv"))
		if r.Text != labelsFor("sv")["summary_received"] || r.SubmittedAt != "10 januari 2027 kl. 09.30" || r.DeliveredAt != "" || r.WhatToDo != "" || r.ApplyURL != "" {
			t.Errorf("%+v", r)
		}
	})
	t.Run("delivered", func(t *testing.T) {
		r := summarise(intake.StatusView{Status: intake.StatusDelivered, SubmittedAt: sent, DeliveredAt: &at}, a, labelsFor("sv"))
		if want := "Ansökan levererades till arbetsgivaren 10 januari 2027 kl. 11.00. Fortsatt kontakt om tjänsten kommer från arbetsgivaren."; r.Text != want || r.DeliveredAt != "10 januari 2027 kl. 11.00" {
			t.Errorf("%+v", r)
		}
	})
	t.Run("needs attention", func(t *testing.T) {
		r := summarise(intake.StatusView{Status: intake.StatusNeedsAttention, Reason: "incomplete", SubmittedAt: sent}, a, labelsFor("en"))
		if r.Text != labelsFor("en")["summary_needs_attention"] || r.WhatToDo != "" {
			t.Errorf("%+v", r)
		}
	})
	for reason, want := range map[string]string{"job_closed": "failed_job_closed", "rejected": "failed_rejected", "undeliverable": "failed_undeliverable", "": ""} {
		r := summarise(intake.StatusView{Status: intake.StatusFailed, Reason: reason, SubmittedAt: sent}, a, labelsFor("nn"))
		nn := labelsFor("nn")
		if r.Text != nn["summary_failed"] || r.Reason != nn[want] || r.WhatToDo != nn["failed_what_to_do"] ||
			r.ApplyURL != a.ApplyURL || r.Contact == nil || r.Contact.MailTo != "mailto:hr@exempel.se" {
			t.Errorf("failed %q: %+v", reason, r)
		}
	}
}
