package jobylon

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

// documentedEvent is api-push.html.md's ApplicationEvent example, with the
// candidate's data that jobgate must never keep.
const documentedEvent = `{"event_type":"application","action":"status_changed","application":{"id":1,"first_name":"Kalle","last_name":"Kula",
"email":"kalle@kula.se","phone_number":"+4670123456789","url":"https://staging.jobylon.com/application/1/","source_type":"applied",
"status":{"id":2,"name":"In Progress","group":1},"owner":{"id":1,"name":"Application Owner","email":"application.owner@company.com"},
"rejection_sent":false,"ab_test":"ab-test-1","job":{"id":1,"title":"Some title","status":1,"company":{"id":1,"name":"Some Company"}}}}`

func TestParseDocumentedEvent(t *testing.T) {
	ev, err := parseEvent([]byte(documentedEvent))
	require.NoError(t, err)
	require.Equal(t, event{Type: "application", Action: "status_changed", ATSID: "1", Group: 1, HasGroup: true}, ev)
	o, ok := outcomeOf(ev)
	require.True(t, ok)
	require.Equal(t, connectors.ApplicationOutcome{ATSID: "1", Outcome: connectors.OutcomeInReview, Event: "jobylon status_changed group=1"}, o)
	for _, pii := range []string{"Kalle", "kula", "+4670", "Owner", "In Progress"} {
		require.NotContains(t, o.Event+o.ATSID+o.Outcome, pii)
	}
}

func TestOutcomes(t *testing.T) {
	for _, tc := range []struct {
		body    string
		outcome string
	}{
		{`{"event_type":"application","action":"status_changed","application":{"id":7,"status":{"group":0}}}`, connectors.OutcomeNew},
		{`{"event_type":"application","action":"status_changed","application":{"id":"7","status":{"group":19}}}`, connectors.OutcomeRejected},
		{`{"event_type":"application","action":"status_changed","application":{"id":7,"status":{"group":20}}}`, connectors.OutcomeHired},
		{`{"event_type":"application","action":"status_changed","application":{"id":7,"status":{"group":21}}}`, connectors.OutcomeOnHold},
		{`{"event_type":"application","action":"rejection_sent","application":{"id":7,"rejection_sent":true,"status":{"group":1}}}`, connectors.OutcomeRejected},
		// Recorded nothing: an undocumented group, created, a job event, an unknown action.
		{`{"event_type":"application","action":"status_changed","application":{"id":7,"status":{"group":5}}}`, ""},
		{`{"event_type":"application","action":"created","application":{"id":7,"status":{"group":0}}}`, ""},
		{`{"event_type":"job","action":"updated","job":{"id":3}}`, ""},
		{`{"event_type":"application","action":"archived","application":{"id":7}}`, ""},
	} {
		ev, err := parseEvent([]byte(tc.body))
		require.NoError(t, err, tc.body)
		o, ok := outcomeOf(ev)
		require.Equal(t, tc.outcome != "", ok, tc.body)
		require.Equal(t, tc.outcome, o.Outcome, tc.body)
		if ok {
			require.Equal(t, "7", o.ATSID)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	for _, body := range []string{
		``, `[]`, `null`, `{"event_type":"application"}`, `{"action":"status_changed"}`,
		`{"event_type":"application","action":"status_changed"}`,
		`{"event_type":"application","action":"status_changed","application":{"status":{"group":1}}}`,
		`{"event_type":"application","action":"status_changed","application":{"id":"1 OR 1","status":{"group":1}}}`,
		`{"event_type":"application","action":"status_changed","application":{"id":"` + strings.Repeat("9", 65) + `","status":{"group":1}}}`,
		`{"event_type":"application","action":"status_changed","application":{"id":1}}`,
		`{"event_type":"application","action":"status_changed","application":{"id":1,"status":{"group":1.5}}}`,
		`{"event_type":"application","action":"status_changed","application":{"id":1,"status":{"group":"x"}}}`,
		`{"event_type":"application","action":"status_changed","application":{"id":1,"status":{"group":1}}} {}`,
		`{"event_type":"application","action":"status_changed","application":{"id":true,"status":{"group":1}}}`,
	} {
		_, err := parseEvent([]byte(body))
		require.Error(t, err, body)
		require.NotContains(t, err.Error(), "OR 1", "errors never quote the body")
	}
}

// FuzzParseEvent: any body parses or fails without panicking; what parses
// has a bounded, plain id, and its outcome is canonical.
func FuzzParseEvent(f *testing.F) {
	f.Add([]byte(documentedEvent))
	f.Add([]byte(`{"event_type":"application","action":"rejection_sent","application":{"id":"abc-1"}}`))
	f.Add([]byte(`{"event_type":"job","action":"created"}`))
	f.Add([]byte(`{"event_type":"application","action":"status_changed","application":{"id":1,"status":{"group":1e3}}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := parseEvent(body)
		if err != nil {
			return
		}
		o, ok := outcomeOf(ev)
		if !ok {
			return
		}
		if !validID(o.ATSID) {
			t.Fatalf("id %q passed", o.ATSID)
		}
		switch o.Outcome {
		case connectors.OutcomeNew, connectors.OutcomeInReview, connectors.OutcomeOnHold, connectors.OutcomeRejected, connectors.OutcomeHired:
		default:
			t.Fatalf("outcome %q is not canonical", o.Outcome)
		}
	})
}
