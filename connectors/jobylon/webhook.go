package jobylon

import (
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/connectors"
)

// WebhookPath is where Jobylon's webhooks are sent, under
// /connectors/jobylon: https://<board>/connectors/jobylon/webhook.
const WebhookPath = "/webhook"

// maxWebhookBody bounds a webhook body: an application with its job
// object is a few KiB.
const maxWebhookBody = 1 << 20

// WithHub gives the connector the hub its webhook receiver authenticates
// against and records outcomes through; without one (the CLI) the
// receiver answers 503.
func (c *Connector) WithHub(hub connectors.Hub) *Connector {
	c.hub = hub
	return c
}

// Mount mounts the webhook receiver. Jobylon sends its webhooks with
// "basic authentication by providing a username and password of your
// choosing" (api-push.html.md, "Webhooks", "Authentication"): the
// password is the integration's jobgate API key, which selects the
// integration; the username is not checked (give the integration's id, for
// the people reading Jobylon's settings).
func (c *Connector) Mount(r connectors.Router) {
	r.POST(WebhookPath, c.webhook)
}

// webhook records an application's later status (status_changed,
// rejection_sent) in its ledger and answers 200 {"recorded": bool}.
// Jobylon retries anything but a 2xx for days, and reports on every
// application of the company, also those that did not come from the
// board: an event it cannot use (a job event, created, an undocumented
// status group, an application id the integration never delivered) is
// answered 200 with recorded false. Only a body it cannot read is 400.
func (c *Connector) webhook(g *gin.Context) {
	in, ok := c.authenticate(g)
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(g.Writer, g.Request.Body, maxWebhookBody))
	if err != nil {
		fail(g, http.StatusRequestEntityTooLarge, "the webhook is larger than 1 MiB")
		return
	}
	ev, err := parseEvent(body)
	if err != nil {
		fail(g, http.StatusBadRequest, err.Error())
		return
	}
	o, ok := outcomeOf(ev)
	if !ok {
		g.JSON(http.StatusOK, gin.H{"recorded": false})
		return
	}
	err = c.hub.(connectors.OutcomeRecorder).RecordOutcome(g.Request.Context(), in, o)
	switch {
	case errors.Is(err, connectors.ErrUnknownApplication):
		g.JSON(http.StatusOK, gin.H{"recorded": false})
	case err != nil:
		fail(g, http.StatusInternalServerError, "internal error; the event may be sent again")
	default:
		g.JSON(http.StatusOK, gin.H{"recorded": true})
	}
}

// authenticate checks the Basic password as the integration's jobgate
// API key (with the hub's lockout) and that the integration is
// Jobylon's; it answers the failure itself.
func (c *Connector) authenticate(g *gin.Context) (connectors.Integration, bool) {
	ka, okKey := c.hub.(connectors.KeyAuthenticator)
	_, okRec := c.hub.(connectors.OutcomeRecorder)
	if c.hub == nil || !okKey || !okRec {
		fail(g, http.StatusServiceUnavailable, "Jobylon webhooks are not taken on this job board")
		return connectors.Integration{}, false
	}
	ctx := g.Request.Context()
	_, key, ok := g.Request.BasicAuth()
	if !ok || key == "" {
		if err := c.hub.AuthFailed(ctx, g.ClientIP(), "", "jobylon_basic"); err != nil {
			fail(g, http.StatusServiceUnavailable, "the job board cannot check this request now; try again later")
			return connectors.Integration{}, false
		}
		unauthorised(g, "send the integration's API key as the Basic authentication password")
		return connectors.Integration{}, false
	}
	in, err := ka.Authenticate(ctx, g.ClientIP(), key)
	var locked *connectors.LockedOutError
	switch {
	case errors.As(err, &locked):
		g.Header("Retry-After", strconv.Itoa(int(locked.RetryAfter/time.Second)+1))
		fail(g, http.StatusTooManyRequests, "too many failed authentications; try again later")
	case errors.Is(err, connectors.ErrBadCredentials):
		unauthorised(g, "the Basic authentication password is not a valid API key of this job board")
	case err != nil:
		fail(g, http.StatusServiceUnavailable, "the job board cannot check this request now; try again later")
	case in.Vendor != Name:
		unauthorised(g, "the API key belongs to another kind of integration")
	default:
		return in, true
	}
	return connectors.Integration{}, false
}

// unauthorised answers 401 with a Basic challenge.
func unauthorised(g *gin.Context, msg string) {
	g.Header("WWW-Authenticate", `Basic realm="jobgate", charset="UTF-8"`)
	fail(g, http.StatusUnauthorized, msg)
}

// fail answers {"error": msg}: Jobylon documents no error shape, and
// shows none; the message is for the people reading its logs.
func fail(g *gin.Context, status int, msg string) {
	g.AbortWithStatusJSON(status, gin.H{"error": msg})
}
