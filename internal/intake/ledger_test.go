package intake

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

func summaryHops(s Summary) []string {
	out := []string{}
	for _, h := range s.Hops {
		out = append(out, h.Hop)
	}
	return out
}

func TestSummarize(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	ev := func(sec int, hop, outcome, detail string) store.ApplicationEvent {
		return store.ApplicationEvent{At: t0.Add(time.Duration(sec) * time.Second), Hop: hop, Outcome: outcome, Detail: detail}
	}
	created := []store.ApplicationEvent{ev(0, store.HopReceived, store.OutcomeOK, "nav"), ev(2, store.HopStored, store.OutcomeOK, "files=1")}
	retrying := append(append([]store.ApplicationEvent{}, created...), ev(3, store.HopAttempt, store.OutcomeRetry, "transient: status 503"))
	dead := append(append([]store.ApplicationEvent{}, retrying...), ev(9, store.HopAttempt, store.OutcomeDead, "permanent: status 410 "+connectors.ErrJobClosed.Error()))
	replayed := append(append([]store.ApplicationEvent{}, dead...), ev(20, store.HopReplayed, store.OutcomeOK, "generation=1"))
	delivered := append(append([]store.ApplicationEvent{}, replayed...), ev(21, store.HopAccepted, store.OutcomeDelivered, "ats-1"),
		ev(99, store.HopATSStatus, store.ATSRejected, "jobylon rejection_sent"))

	s := Summarize(store.ApplicationRecord{State: store.DeliveryPending}, retrying)
	require.Equal(t, SummaryReceived, s.State)
	require.Equal(t, AdviceWait, s.Advice)
	require.Equal(t, []string{"received", "stored"}, summaryHops(s), "a retry is not the candidate's business")
	require.Equal(t, t0, s.Hops[0].At)

	s = Summarize(store.ApplicationRecord{State: store.DeliveryDead, LastError: dead[len(dead)-1].Detail}, dead)
	require.Equal(t, SummaryNotDelivered, s.State)
	require.Equal(t, AdviceJobClosed, s.Advice)
	require.Equal(t, []string{"received", "stored", "not_delivered"}, summaryHops(s))
	require.NotContains(t, s.Message, "410", "no error text for the candidate")

	s = Summarize(store.ApplicationRecord{State: store.DeliveryNeedsAttention, LastError: "permanent: field missing"}, dead)
	require.Equal(t, AdviceContactEmployer, s.Advice)

	s = Summarize(store.ApplicationRecord{State: store.DeliveryPending}, replayed)
	require.Equal(t, []string{"received", "stored"}, summaryHops(s), "a replay takes back not_delivered")
	require.Equal(t, AdviceWait, s.Advice)

	s = Summarize(store.ApplicationRecord{State: store.DeliveryDelivered}, delivered)
	require.Equal(t, SummaryDelivered, s.State)
	require.Equal(t, []string{"received", "stored", "delivered"}, summaryHops(s), "later ATS statuses are the employer's to tell")
	require.NotContains(t, s.Message, "reject")

	at := t0.Add(time.Minute)
	s = Summarize(store.ApplicationRecord{State: store.DeliveryDelivered, CreatedAt: t0, DeliveredAt: &at}, nil)
	require.Equal(t, []string{"received", "delivered"}, summaryHops(s), "an application from before the ledger: the record's times")
	require.Equal(t, at, s.Hops[1].At)
}
