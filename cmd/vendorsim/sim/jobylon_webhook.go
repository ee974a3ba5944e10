package sim

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"strings"
)

// JobylonWebhook sends Jobylon's application webhooks as Jobylon does
// (GitHub jobylon/jbl-developer, source/api-push.html.md, "Webhooks"):
// POST JSON {event_type: "application", action, application}, the
// application carrying the candidate's name, e-mail and phone, its status
// {id, name, group} and rejection_sent, with HTTP Basic authentication
// whose username and password the partner chose. The body is the docs'
// own example, with the application's id, action and status group set.
type JobylonWebhook struct {
	// URL is the partner's webhook URL: {jobgate}/connectors/jobylon/webhook.
	URL string
	// User and Password are the Basic credentials the partner gave
	// Jobylon (for jobgate: the integration id and its API key).
	User, Password string
}

// JobylonWebhookURL is the webhook URL a board gives Jobylon.
func JobylonWebhookURL(jobgateURL string) string {
	return strings.TrimRight(jobgateURL, "/") + "/connectors/jobylon/webhook"
}

// jobylonStatusNames are the docs' status names by group ("Status Group").
var jobylonStatusNames = map[int]string{0: "New", 1: "In Progress", 19: "Rejected", 20: "Hired", 21: "On hold"}

// ApplicationEvent sends one application event: action is created,
// status_changed or rejection_sent; applicationID Jobylon's id (the one
// its Push API answered); group the status group.
func (j JobylonWebhook) ApplicationEvent(ctx context.Context, action string, applicationID int, group int) (Response, error) {
	body, err := json.Marshal(map[string]any{
		"event_type": "application",
		"action":     action,
		"application": map[string]any{
			"id": applicationID, "first_name": "Kalle", "last_name": "Kula", "email": "kalle@kula.se", "phone_number": "+4670123456789",
			"url": "https://staging.jobylon.com/application/1/", "source_type": "applied-silent",
			"status":         map[string]any{"id": 2, "name": jobylonStatusNames[group], "group": group},
			"owner":          map[string]any{"id": 1, "name": "Application Owner", "email": "application.owner@company.com"},
			"rejection_sent": action == "rejection_sent", "ab_test": "ab-test-1",
			"job": map[string]any{"id": 1, "title": "Some title", "from_date": "2018-01-01T00:00:00.001Z", "to_date": nil, "status": 1,
				"contact_name": "Manager's Name", "contact_email": "manager@company.com", "language": "sv",
				"company": map[string]any{"id": 1, "name": "Some Company"}},
		},
	})
	if err != nil {
		return Response{}, err
	}
	auth := "Basic " + base64.StdEncoding.EncodeToString([]byte(j.User+":"+j.Password))
	return send(ctx, "POST", j.URL, body, "Authorization", auth)
}
