package console

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/identity"
)

// templateFS holds the console's templates.
//
//go:embed templates/*.html
var templateFS embed.FS

var pageTemplates = template.Must(template.New("console").Funcs(template.FuncMap{
	"when": when,
}).ParseFS(templateFS, "templates/*.html"))

// when shows a time to the second, in UTC and saying so; "" for none.
func when(t any) string {
	switch v := t.(type) {
	case time.Time:
		if !v.IsZero() {
			return v.UTC().Format("2006-01-02 15:04:05 UTC")
		}
	case *time.Time:
		if v != nil && !v.IsZero() {
			return v.UTC().Format("2006-01-02 15:04:05 UTC")
		}
	}
	return ""
}

// page is what every console page's layout needs.
type page struct {
	Title string
	Nonce string
	// Operator is the signed-in operator's e-mail ("" on the sign-in
	// page) and CSRF the token every form carries in CSRFField.
	Operator  string
	CSRF      string
	CSRFField string
	// Nav names the section the page is in ("overview", "integrations",
	// "ads", "applications", "dead", "breakers").
	Nav string
	// Notice is the outcome of the action that led here (see notices).
	Notice string
}

// notices are the outcomes an action redirects with (?notice=key): only
// these texts are shown, so a crafted link cannot put words on the page.
var notices = map[string]string{
	"replayed":              "The delivery is queued again: this page shows when it is delivered.",
	"replayed_all":          "The dead deliveries that matched are queued again.",
	"integration_disabled":  "The integration is disabled: its pushes are refused and it is not polled. Its published ads stay, and applications to them are still delivered.",
	"integration_enabled":   "The integration is enabled: it takes ads again.",
	"integration_unchanged": "Nothing changed: the integration was already in that state.",
	"synced":                "Polled: the feed was read; the last poll below says what changed.",
	"sync_failed":           "The poll failed; the last poll below says why.",
}

// newPage starts a page for the request's operator, if signed in.
func newPage(c *gin.Context, title string) page {
	p := page{Title: title, Nonce: randomToken(16), CSRFField: identity.CSRFField, Notice: notices[c.Query("notice")]}
	if s := current(c); s.session.User.ID != "" {
		p.Operator, p.CSRF = s.session.User.Email, s.session.CSRFToken
	}
	return p
}

// nonced is any page: its nonce is what the CSP lets run.
type nonced interface{ nonce() string }

func (p page) nonce() string { return p.Nonce }

// render executes the named template and sends it with status, a strict
// Content-Security-Policy (only the page's own nonced style and script)
// and no caching.
func (o *Console) render(c *gin.Context, status int, name string, data nonced) {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		o.d.Log.Error("console: template failed", "template", name, "error", err)
		c.String(http.StatusInternalServerError, "internal error")
		c.Abort()
		return
	}
	nonce := data.nonce()
	h := c.Writer.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+nonce+"'; script-src 'nonce-"+nonce+
		"'; connect-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	c.Status(status)
	_, _ = c.Writer.Write(buf.Bytes())
	c.Abort()
}

// messagePage is a page with one message (an error, a refusal).
type messagePage struct {
	page
	Code, Message string
}

// renderError answers status with a page saying message; code is the
// machine-readable reason, also in the X-Error-Code header for scripts.
func (o *Console) renderError(c *gin.Context, status int, code, message string) {
	title := "Error"
	if status == http.StatusNotFound {
		title = "Not found"
	}
	m := messagePage{page: newPage(c, title), Code: code, Message: message}
	c.Header("X-Error-Code", code)
	o.render(c, status, "message", m)
}

// randomToken is n random bytes, URL-safe base64 (a CSP nonce).
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}
