package jobylon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/jobgate/jobgate/connectors"
)

// Jobylon's webhooks (api-push.html.md, "Webhooks", in GitHub
// jobylon/jbl-developer; developer.jobylon.com/Syia-webhooks): a POST of
// JSON {event_type, action, application|job}. Application events have the
// actions created, rejection_sent and status_changed; the application
// carries its id, its status {id, name, group} and rejection_sent, with
// the candidate's name, e-mail and phone, which jobgate never reads.
const (
	eventApplication     = "application"
	actionCreated        = "created"
	actionStatusChanged  = "status_changed"
	actionRejectionSent  = "rejection_sent"
	maxApplicationIDSize = 64
)

// statusGroups maps Jobylon's documented status groups ("Status Group":
// 0 New, 1 In progress, 19 Rejected, 20 Hired, 21 On hold) onto the
// canonical outcomes. Jobylon documents no interview, offer or withdrawn
// group: those are employer-named statuses inside a group, and are not
// told apart.
var statusGroups = map[int]string{
	0:  connectors.OutcomeNew,
	1:  connectors.OutcomeInReview,
	19: connectors.OutcomeRejected,
	20: connectors.OutcomeHired,
	21: connectors.OutcomeOnHold,
}

// event is what jobgate reads of a webhook: the type, the action, and for
// an application its id and status group. Nothing else of the body is
// kept: the rest is the candidate's personal data and the job's.
type event struct {
	Type     string
	Action   string
	ATSID    string
	Group    int
	HasGroup bool
}

// wireEvent is the body's shape, decoded no further than event needs.
type wireEvent struct {
	EventType   string           `json:"event_type"`
	Action      string           `json:"action"`
	Application *wireApplication `json:"application"`
}

type wireApplication struct {
	ID     connectors.FlexString `json:"id"`
	Status *struct {
		Group *json.Number `json:"group"`
	} `json:"status"`
}

// parseEvent reads a webhook body. An application event needs an action
// and an id (a number or a short token of letters, digits, - and _), and a
// status_changed one a whole-number status group; other event types
// (job events) are read for their type and action only. Errors name the
// field, never a value: the body is personal data.
func parseEvent(body []byte) (event, error) {
	var w wireEvent
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&w); err != nil {
		return event{}, errors.New("the body is not a Jobylon webhook's JSON object")
	}
	if dec.More() {
		return event{}, errors.New("the body has data after its JSON object")
	}
	ev := event{Type: w.EventType, Action: w.Action}
	if ev.Type == "" || ev.Action == "" || len(ev.Type) > 32 || len(ev.Action) > 32 {
		return event{}, errors.New("event_type and action are required")
	}
	if ev.Type != eventApplication {
		return ev, nil
	}
	if w.Application == nil {
		return event{}, errors.New("application is required in an application event")
	}
	ev.ATSID = string(w.Application.ID)
	if !validID(ev.ATSID) {
		return event{}, errors.New("application.id must be Jobylon's application id")
	}
	if w.Application.Status != nil && w.Application.Status.Group != nil {
		g, err := strconv.Atoi(w.Application.Status.Group.String())
		if err != nil {
			return event{}, errors.New("application.status.group must be a whole number")
		}
		ev.Group, ev.HasGroup = g, true
	}
	if ev.Action == actionStatusChanged && !ev.HasGroup {
		return event{}, errors.New("application.status.group is required in a status_changed event")
	}
	return ev, nil
}

// validID reports whether id can be Jobylon's application id.
func validID(id string) bool {
	if id == "" || len(id) > maxApplicationIDSize {
		return false
	}
	for _, r := range id {
		ok := r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_'
		if !ok {
			return false
		}
	}
	return true
}

// outcomeOf maps an event onto a later outcome, or reports that it
// records none: job events, created (jobgate's ledger already has the
// ATS's acceptance), unknown actions and undocumented status groups.
func outcomeOf(ev event) (connectors.ApplicationOutcome, bool) {
	if ev.Type != eventApplication {
		return connectors.ApplicationOutcome{}, false
	}
	switch ev.Action {
	case actionCreated:
		return connectors.ApplicationOutcome{}, false
	case actionRejectionSent:
		return connectors.ApplicationOutcome{ATSID: ev.ATSID, Outcome: connectors.OutcomeRejected, Event: "jobylon " + actionRejectionSent}, true
	case actionStatusChanged:
		o, ok := statusGroups[ev.Group]
		if !ok {
			return connectors.ApplicationOutcome{}, false
		}
		return connectors.ApplicationOutcome{ATSID: ev.ATSID, Outcome: o, Event: fmt.Sprintf("jobylon %s group=%d", actionStatusChanged, ev.Group)}, true
	}
	return connectors.ApplicationOutcome{}, false
}
