package intake

import (
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// Candidate-level states of the ledger summary (Summary.State).
const (
	// SummaryReceived: the board has the application and is taking it to
	// the employer (possibly after failed attempts it will retry).
	SummaryReceived = "received"
	// SummaryDelivered: the employer's system has it.
	SummaryDelivered = "delivered"
	// SummaryNotDelivered: it could not be delivered, and will not be
	// unless the board's operators replay it.
	SummaryNotDelivered = "not_delivered"
)

// What the candidate can do (Summary.Advice).
const (
	// AdviceNone: nothing; the employer replies as they do.
	AdviceNone = "none"
	// AdviceWait: the board keeps trying; nothing to do yet.
	AdviceWait = "wait"
	// AdviceJobClosed: the employer closed the job; nothing can be done.
	AdviceJobClosed = "job_closed"
	// AdviceContactEmployer: apply on the employer's own site or contact
	// them; the board's operators were told.
	AdviceContactEmployer = "contact_employer"
)

// Summary is the candidate's view of an application's ledger: where it is,
// what to do, and when each hop the candidate cares about happened. It
// carries no error text and nothing of the ATS's later statuses (the
// employer tells the candidate those). The receipt page shows it: it is
// StatusView.Summary, and Summarize makes it from a record and its ledger.
type Summary struct {
	// State is SummaryReceived, SummaryDelivered or SummaryNotDelivered.
	State string `json:"state"`
	// Advice is one of the Advice values: a key for the page's
	// message catalogue.
	Advice string `json:"advice"`
	// Message says State and Advice in English, for API clients.
	Message string `json:"message"`
	// Hops are the times of received, stored, delivered and (when so)
	// not_delivered, in order.
	Hops []SummaryHop `json:"hops"`
}

// SummaryHop is one hop of the candidate's summary.
type SummaryHop struct {
	Hop string    `json:"hop"`
	At  time.Time `json:"at"`
}

// messages are Summary.Message by advice.
var messages = map[string]string{
	AdviceNone:            "Your application was delivered to the employer.",
	AdviceWait:            "Your application was received and is being delivered to the employer; there is nothing you need to do.",
	AdviceJobClosed:       "Your application could not be delivered: the employer has closed the job.",
	AdviceContactEmployer: "Your application could not be delivered to the employer. Please apply on the employer's own site or contact them; the board has been told.",
}

// Summarize makes the candidate's summary of rec from its ledger (events
// as store.LedgerStore.ApplicationLedger lists them). A record from before
// the ledger was kept has no events: its received and delivered times come
// from the record.
func Summarize(rec store.ApplicationRecord, events []store.ApplicationEvent) Summary {
	v := statusOf(rec)
	s := Summary{State: SummaryReceived, Advice: AdviceWait}
	switch v.Status {
	case StatusDelivered:
		s.State, s.Advice = SummaryDelivered, AdviceNone
	case StatusFailed, StatusNeedsAttention:
		s.State, s.Advice = SummaryNotDelivered, AdviceContactEmployer
		if v.Reason == "job_closed" {
			s.Advice = AdviceJobClosed
		}
	}
	s.Message = messages[s.Advice]
	s.Hops = candidateHops(rec, events)
	return s
}

// candidateHops picks the hops a candidate is shown: the first received
// and stored, the last accepted (as delivered) and, while the delivery is
// dead, the attempt that ended it (as not_delivered).
func candidateHops(rec store.ApplicationRecord, events []store.ApplicationEvent) []SummaryHop {
	if len(events) == 0 {
		out := []SummaryHop{{Hop: "received", At: rec.CreatedAt}}
		if rec.DeliveredAt != nil {
			out = append(out, SummaryHop{Hop: "delivered", At: *rec.DeliveredAt})
		}
		return out
	}
	out := []SummaryHop{}
	var ended *SummaryHop
	for _, e := range events {
		switch {
		case e.Hop == store.HopReceived || e.Hop == store.HopStored:
			out = append(out, SummaryHop{Hop: e.Hop, At: e.At})
		case e.Hop == store.HopAccepted:
			ended = &SummaryHop{Hop: "delivered", At: e.At}
		case e.Hop == store.HopAttempt && e.Outcome != store.OutcomeRetry:
			ended = &SummaryHop{Hop: "not_delivered", At: e.At}
		case e.Hop == store.HopReplayed:
			ended = nil
		}
	}
	if ended != nil {
		out = append(out, *ended)
	}
	return out
}
