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

// answer is Ponty's response shape.
type answer struct {
	Success bool   `json:"success"`
	URL     string `json:"url,omitempty"`
	Message string `json:"message,omitempty"`
}

func fail(g *gin.Context, status int, msg string) {
	g.AbortWithStatusJSON(status, answer{Success: false, Message: msg})
}

// upsert stores the ad Ponty sent: 201 when new, 200 otherwise.
func (c *Connector) upsert(g *gin.Context) {
	in, ok := c.authenticate(g)
	if !ok {
		return
	}
	if !pontyMediaType(g.GetHeader("Content-Type")) {
		fail(g, http.StatusUnsupportedMediaType, "send the ad as application/json")
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(g.Writer, g.Request.Body, maxBody))
	if err != nil {
		fail(g, http.StatusRequestEntityTooLarge, "the ad is larger than 8 MiB")
		return
	}
	p, err := Decode(body)
	if err != nil {
		fail(g, http.StatusBadRequest, err.Error())
		return
	}
	if faults := connectors.JSONTextFaults(body); len(faults) > 0 {
		fail(g, http.StatusBadRequest, "invalid text: "+strings.Join(faults, "; "))
		return
	}
	stored, err := c.hub.Upsert(g.Request.Context(), in, p.Reference(), p.Ad())
	var verr *ad.ValidationError
	switch {
	case errors.As(err, &verr):
		fail(g, http.StatusUnprocessableEntity, describe(verr))
		return
	case err != nil:
		fail(g, http.StatusInternalServerError, "internal error")
		return
	}
	status := http.StatusOK
	if stored.Created {
		status = http.StatusCreated
	}
	g.JSON(status, answer{Success: true, URL: stored.URL})
}

// unpublish withdraws the ad named by x-pnty-slug and the assignment id.
func (c *Connector) unpublish(g *gin.Context) {
	in, ok := c.authenticate(g)
	if !ok {
		return
	}
	slug := strings.TrimSpace(g.GetHeader("x-pnty-slug"))
	if slug == "" {
		fail(g, http.StatusBadRequest, "missing header: x-pnty-slug")
		return
	}
	ref := reference(slug, g.Param("assignment_id"))
	if msg := ad.TextProblem(ref); msg != "" {
		fail(g, http.StatusBadRequest, "x-pnty-slug and assignment_id "+msg)
		return
	}
	_, err := c.hub.Withdraw(g.Request.Context(), in, ref)
	switch {
	case errors.Is(err, connectors.ErrUnknownAd):
		fail(g, http.StatusNotFound, "no ad with this assignment_id")
	case err != nil:
		fail(g, http.StatusInternalServerError, "internal error")
	default:
		g.JSON(http.StatusOK, answer{Success: true})
	}
}

// version answers pnty_version, which Ponty reads to check the receiver.
func (c *Connector) version(g *gin.Context) {
	if _, ok := c.authenticate(g); ok {
		g.JSON(http.StatusOK, gin.H{"version": "jobgate-1"})
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
