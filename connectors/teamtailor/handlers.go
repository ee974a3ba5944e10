package teamtailor

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// maxBody bounds a webhook body.
const maxBody = 2 << 20

// success is Teamtailor's success shape: {"body":{"externalId","externalUrl"}}.
type success struct {
	Body external `json:"body"`
}

type external struct {
	ExternalID  string `json:"externalId,omitempty"`
	ExternalURL string `json:"externalUrl,omitempty"`
}

// fail answers in Teamtailor's error shape, {"errors":[...]}, which
// Teamtailor shows the recruiter.
func fail(g *gin.Context, status int, msgs ...string) {
	g.AbortWithStatusJSON(status, gin.H{"errors": msgs})
}

// refuseDisabled answers a push to a disabled integration: 403 in
// Teamtailor's error shape, which it shows the recruiter, with the code
// for scripts.
func refuseDisabled(g *gin.Context) {
	g.AbortWithStatusJSON(http.StatusForbidden, gin.H{"errors": []string{connectors.MsgIntegrationDisabled}, "code": connectors.CodeIntegrationDisabled})
}

// webhook takes POST (created) and PUT (updated) alike: an upsert by the
// reference-id. A redelivered event has the same content, so it changes
// nothing (the content hash), concurrently too (one row lock).
func (c *Connector) webhook(g *gin.Context) {
	if !jsonOrUnlabelled(g.GetHeader("Content-Type")) {
		fail(g, http.StatusUnsupportedMediaType, "send the job as application/json")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(g.Writer, g.Request.Body, maxBody))
	if err != nil {
		fail(g, http.StatusRequestEntityTooLarge, "the job is larger than 2 MiB")
		return
	}
	in, ok := c.authenticate(g, body)
	if !ok {
		return
	}
	e, err := Decode(body)
	if err != nil {
		fail(g, http.StatusBadRequest, err.Error())
		return
	}
	if faults := connectors.JSONTextFaults(body); len(faults) > 0 {
		fail(g, http.StatusBadRequest, faults...)
		return
	}
	if answer, ok := c.recall(g, in, e.ID); ok {
		g.Data(http.StatusOK, "application/json; charset=utf-8", answer)
		return
	}
	if !chosen(in, e.Job) {
		c.notChosen(g, in, e)
		return
	}
	stored, err := c.hub.Upsert(g.Request.Context(), in, e.Reference(), e.Ad())
	var verr *ad.ValidationError
	switch {
	case errors.As(err, &verr):
		fail(g, http.StatusUnprocessableEntity, messages(verr)...)
	case errors.Is(err, connectors.ErrIntegrationDisabled):
		refuseDisabled(g)
	case err != nil:
		fail(g, http.StatusInternalServerError, "internal error")
	default:
		answer, _ := json.Marshal(success{Body: external{ExternalID: stored.ID, ExternalURL: stored.URL}})
		c.remember(g, in, e.ID, answer)
		g.Data(http.StatusOK, "application/json; charset=utf-8", answer)
	}
}

// notChosen answers a job an "unlimited" integration does not publish
// (not in its chosen departments or categories), and takes down the ad if
// the job moved out of them. Teamtailor wants every 200 answer to a
// webhook to carry externalId ("The response must include externalId
// which should be your internal identifier of the job ad",
// Teamtailor/tt-partner-docs source/includes/job_boards/_webhooks.md.erb,
// "Expected response"); a job that is not an error must not be answered
// with {"errors":[...]}, which Teamtailor shows the recruiter as a
// failure. So the answer is 200 with the ad's id on the board when it had
// one, else the job's reference-id (the board has no id of its own for a
// job it never listed), and no externalUrl: nothing is listed.
func (c *Connector) notChosen(g *gin.Context, in connectors.Integration, e Event) {
	stored, err := c.hub.Withdraw(g.Request.Context(), in, e.Reference())
	switch {
	case errors.Is(err, connectors.ErrUnknownAd):
		g.JSON(http.StatusOK, success{Body: external{ExternalID: e.Reference()}})
	case errors.Is(err, connectors.ErrIntegrationDisabled):
		refuseDisabled(g)
	case err != nil:
		fail(g, http.StatusInternalServerError, "internal error")
	default:
		g.JSON(http.StatusOK, success{Body: external{ExternalID: stored.ID}})
	}
}

// eventMemory is how long an event's answer is remembered: a redelivery
// within it gets the first answer and is not applied again, even after a
// newer event changed the ad.
const eventMemory = 24 * time.Hour

func eventKey(in connectors.Integration, id string) string { return Name + ":" + in.ID + ":" + id }

// recall returns the answer to an event already applied.
func (c *Connector) recall(g *gin.Context, in connectors.Integration, id string) ([]byte, bool) {
	r, ok := c.hub.(connectors.Replayer)
	if !ok {
		return nil, false
	}
	answer, ok, err := r.Recall(g.Request.Context(), eventKey(in, id))
	return answer, ok && err == nil
}

// remember keeps an applied event's answer. Losing it is safe: the content
// hash makes an identical redelivery change nothing.
func (c *Connector) remember(g *gin.Context, in connectors.Integration, id string, answer []byte) {
	if r, ok := c.hub.(connectors.Replayer); ok {
		_ = r.Remember(g.Request.Context(), eventKey(in, id), answer, eventMemory)
	}
}

// unlist withdraws the ad Teamtailor unlisted.
func (c *Connector) unlist(g *gin.Context) {
	in, ok := c.authenticate(g, nil)
	if !ok {
		return
	}
	ref := strings.TrimSpace(g.Param("reference_id"))
	if msg := ad.TextProblem(ref); msg != "" {
		fail(g, http.StatusBadRequest, "reference_id "+msg)
		return
	}
	stored, err := c.hub.Withdraw(g.Request.Context(), in, ref)
	switch {
	case errors.Is(err, connectors.ErrUnknownAd):
		fail(g, http.StatusNotFound, "no job with this reference-id on the job board")
	case errors.Is(err, connectors.ErrIntegrationDisabled):
		refuseDisabled(g)
	case err != nil:
		fail(g, http.StatusInternalServerError, "internal error")
	default:
		g.JSON(http.StatusOK, success{Body: external{ExternalID: stored.ID}})
	}
}

// validate is the activation validation endpoint: 200 when the customer's
// api_key is one jobgate issued for a Teamtailor integration.
func (c *Connector) validate(g *gin.Context) {
	if _, ok := c.authenticate(g, nil); ok {
		g.JSON(http.StatusOK, gin.H{})
	}
}

// config is the form Teamtailor shows the recruiter when publishing: one
// page with the category the ad is listed under on the board.
func (c *Connector) config(g *gin.Context) {
	if _, ok := c.authenticate(g, nil); !ok {
		return
	}
	page := g.DefaultQuery("page", "1")
	fields := []gin.H{}
	if page == "1" {
		fields = append(fields, gin.H{"id": "category", "label": "Category on the job board", "type": "text", "required": false,
			"placeholder": "e.g. warehouse"})
	}
	g.JSON(http.StatusOK, gin.H{"config": gin.H{page: fields, "page": page, "hasNextPage": false, "hasRedirectLink": false}})
}

// chosen reports whether an "unlimited" integration (setting mode=unlimited)
// publishes the job: its department or role is among the settings
// departments or categories (comma-separated). Other integrations publish
// the single ads the recruiter sends.
func chosen(in connectors.Integration, j Job) bool {
	if in.Setting("mode", "") != "unlimited" {
		return true
	}
	list := func(name string) []string {
		var out []string
		for _, s := range strings.Split(in.Setting(name, ""), ",") {
			if s = strings.ToLower(strings.TrimSpace(s)); s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	if j.Department != nil && slices.Contains(list("departments"), strings.ToLower(j.Department.Name)) {
		return true
	}
	return j.Role != nil && slices.Contains(list("categories"), strings.ToLower(j.Role.Name))
}

// messages names Teamtailor's fields in the recruiter's error list.
func messages(v *ad.ValidationError) []string {
	names := map[string]string{"title": "Job title", "description": "Job body", "employer.name": "Company name",
		"deadline": "End date", "apply_url": "Apply URL"}
	out := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		name, ok := names[f.Field]
		if !ok {
			name = f.Field
		}
		out[i] = name + " " + f.Message
	}
	return out
}

// jsonOrUnlabelled accepts a JSON Content-Type or none. Teamtailor's
// job-board docs say the webhook is "a webhook JSON request" but their
// example request carries no Content-Type header
// (github.com/Teamtailor/tt-partner-docs, source/includes/job_boards/
// _webhooks.md.erb, "POST Webhook"), so a body without one is read as
// JSON; a body labelled as anything else is not what Teamtailor sends.
func jsonOrUnlabelled(header string) bool {
	return header == "" || connectors.IsJSONMediaType(header)
}
