package portal

import (
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// eventView is one hop of an application's ledger, as the employer sees
// it: when, which hop, its outcome and its detail (a source, a file
// count, an error's class and reason, the ATS's id, a replay's generation
// or the vendor's status word; never personal data).
type eventView struct {
	At      time.Time `json:"at"`
	Hop     string    `json:"hop"`
	Outcome string    `json:"outcome"`
	Detail  string    `json:"detail,omitempty"`
}

// eventsOf is the JSON and page form of a ledger, in order.
func eventsOf(events []store.ApplicationEvent) []eventView {
	out := make([]eventView, len(events))
	for i, e := range events {
		out[i] = eventView{At: e.At, Hop: e.Hop, Outcome: e.Outcome, Detail: e.Detail}
	}
	return out
}
