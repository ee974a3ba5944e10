package outbound

import "time"

// Kind is what a request is for; it sets the request's time and answer
// size limits unless the Request sets its own.
type Kind struct {
	// Name is the kind's name in errors.
	Name string
	// Timeout bounds the whole request, answer included.
	Timeout time.Duration
	// MaxBytes bounds the answer's body; a longer one is ErrTooLarge.
	MaxBytes int64
}

// The kinds of outbound request, with jobgate's limits.
var (
	// Delivery sends an application to an ATS. Files of up to 25 MiB go
	// up in one request, so it has longer than a feed; an intake answers
	// with an id or an error, never more than 64 KiB.
	Delivery = Kind{Name: "delivery", Timeout: 60 * time.Second, MaxBytes: 64 << 10}
	// Form reads an ATS's application form (Teamtailor's /inquiry): a
	// few KiB of questions and consent texts.
	Form = Kind{Name: "form", Timeout: 60 * time.Second, MaxBytes: 1 << 20}
	// Feed fetches a polled feed. The largest documented feeds (a Lever
	// site's whole posting list) are a few MiB.
	Feed = Kind{Name: "feed", Timeout: 30 * time.Second, MaxBytes: 8 << 20}
	// Channel publishes to NAV or FINN, whose answers are receipts of a
	// few hundred bytes.
	Channel = Kind{Name: "channel", Timeout: 30 * time.Second, MaxBytes: 1 << 20}
)
