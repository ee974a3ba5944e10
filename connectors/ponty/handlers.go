package ponty

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// maxBody bounds an ad: Ponty may send a base64 hero image.
const maxBody = 8 << 20

// answer is the reference receiver's answer: {"success":true,"url":...}
// or {"success":false,"message":...} (ponty-tech/connector,
// ponty-connector/ponty-connector.php: api and api_fail).
type answer struct {
	Success bool   `json:"success"`
	URL     string `json:"url,omitempty"`
	Message string `json:"message,omitempty"`
	// Code is set on a refusal a script may act on
	// (connectors.CodeIntegrationDisabled).
	Code string `json:"code,omitempty"`
}

// fail answers a failure as the reference receiver does: its api_fail
// prints {"success":false,"message":...} and dies without setting a
// status, so every failure, credentials included, is HTTP 200 and Ponty
// reads the outcome from success. jobgate answers every failure of the
// receiver so, whatever its cause (a lockout keeps its Retry-After).
func fail(g *gin.Context, msg string) {
	g.AbortWithStatusJSON(http.StatusOK, answer{Success: false, Message: msg})
}

// refuseDisabled answers a push to a disabled integration: 403, not the
// reference's 200, because nothing Ponty can change in the ad will make
// it succeed (the body is still Ponty's shape, success false).
func refuseDisabled(g *gin.Context) {
	g.AbortWithStatusJSON(http.StatusForbidden, answer{Success: false, Message: connectors.MsgIntegrationDisabled, Code: connectors.CodeIntegrationDisabled})
}

// succeed answers a success as the reference does: 200 with the ad's URL
// on the board, whether the ad was created, updated or removed.
func succeed(g *gin.Context, url string) {
	g.JSON(http.StatusOK, answer{Success: true, URL: url})
}

// upsert stores the ad Ponty sent (an upsert keyed on system_slug and
// assignment_id, as the reference's _pnty_unique_id).
func (c *Connector) upsert(g *gin.Context) {
	in, ok := c.authenticate(g)
	if !ok {
		return
	}
	if !pontyMediaType(g.GetHeader("Content-Type")) {
		fail(g, "send the ad as application/json")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(g.Writer, g.Request.Body, maxBody))
	if err != nil {
		fail(g, "the ad is larger than 8 MiB")
		return
	}
	p, err := Decode(body)
	if err != nil {
		fail(g, err.Error())
		return
	}
	if faults := connectors.JSONTextFaults(body); len(faults) > 0 {
		fail(g, "invalid text: "+strings.Join(faults, "; "))
		return
	}
	stored, err := c.hub.Upsert(g.Request.Context(), in, p.Reference(), p.Ad())
	var verr *ad.ValidationError
	switch {
	case errors.As(err, &verr):
		fail(g, describe(verr))
		return
	case errors.Is(err, connectors.ErrIntegrationDisabled):
		refuseDisabled(g)
		return
	case err != nil:
		fail(g, "internal error")
		return
	}
	succeed(g, stored.URL)
}

// unpublish withdraws the ad keyed as the reference's DELETE handler
// keys it: the slug in x-pnty-slug and the assignment id of the path
// (its _pnty_unique_id, system_slug . assignment_id). Removing an ad the
// receiver does not have succeeds there (wp_delete_post of no post is not
// false), and here: Ponty's removal is done either way. Its answer there
// is {"success":true,"post":...}; jobgate answers with the ad's url, the
// success shape of every other outcome.
func (c *Connector) unpublish(g *gin.Context) {
	in, ok := c.authenticate(g)
	if !ok {
		return
	}
	assignmentID := strings.TrimSpace(g.Param("assignment_id"))
	if assignmentID == "" {
		fail(g, "Can not help you without an assignment id.")
		return
	}
	// The reference means to refuse a removal without a slug from
	// version 1 on ("# >= v1? Check for slug"); jobgate keys every ad by
	// its slug, so it does.
	slug := strings.TrimSpace(g.GetHeader("x-pnty-slug"))
	if slug == "" {
		fail(g, "Can not help you without a slug.")
		return
	}
	ref := reference(slug, assignmentID)
	if msg := ad.TextProblem(ref); msg != "" {
		fail(g, "x-pnty-slug and assignment_id "+msg)
		return
	}
	stored, err := c.hub.Withdraw(g.Request.Context(), in, ref)
	switch {
	case errors.Is(err, connectors.ErrUnknownAd):
		succeed(g, "")
	case errors.Is(err, connectors.ErrIntegrationDisabled):
		refuseDisabled(g)
	case err != nil:
		fail(g, "internal error")
	default:
		succeed(g, stored.URL)
	}
}

// receiverVersion is the version of the reference receiver whose protocol
// jobgate speaks (ponty-connector/ponty-connector.php, PNTY_VERSION, at
// 5cf4aa3): Ponty reads pnty_version to tell what a site understands.
const receiverVersion = "1.0.15"

// version answers pnty_version as the reference does, {"version":...},
// to a request with a valid token only (the reference answers anyone).
func (c *Connector) version(g *gin.Context) {
	if _, ok := c.authenticate(g); ok {
		g.JSON(http.StatusOK, gin.H{"version": receiverVersion})
	}
}

// describe turns validation errors into Ponty's one message, naming the
// Ponty fields (never their values).
func describe(v *ad.ValidationError) string {
	parts := make([]string, len(v.Fields))
	for i, f := range v.Fields {
		parts[i] = pontyField(f.Field) + ": " + f.Message
	}
	return "invalid ad: " + strings.Join(parts, "; ")
}

// pontyMediaType accepts what Ponty may send: JSON, no Content-Type, or
// application/x-www-form-urlencoded. Ponty documents no Content-Type for
// its push: its own receiver reads php://input whatever the header says
// (github.com/ponty-tech/connector, ponty-connector/ponty-connector.php),
// and its README tests it with `curl -XPOST -d@dummy-ad.json`, which
// labels the JSON body application/x-www-form-urlencoded. Anything else
// (text/plain, multipart) is not a Ponty push.
func pontyMediaType(header string) bool {
	if header == "" || connectors.IsJSONMediaType(header) {
		return true
	}
	mt, _, err := mime.ParseMediaType(header)
	return err == nil && mt == "application/x-www-form-urlencoded"
}
