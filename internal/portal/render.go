package portal

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

// templateFS holds the portal's own templates.
//
//go:embed templates/*.html
var templateFS embed.FS

var pageTemplates = template.Must(template.New("portal").Funcs(template.FuncMap{
	"when":  when,
	"label": label,
	// list hands the "applist" part a list other than the page's own.
	"list": func(t labels, items []applicationItem) any {
		return struct {
			T            labels
			Applications []applicationItem
		}{t, items}
	},
}).ParseFS(templateFS, "templates/*.html"))

// when shows a time to the minute, in UTC and saying so; "" for none.
func when(t any) string {
	switch v := t.(type) {
	case time.Time:
		return v.UTC().Format("2006-01-02 15:04 UTC")
	case *time.Time:
		if v != nil {
			return v.UTC().Format("2006-01-02 15:04 UTC")
		}
	}
	return ""
}

// label is the text of a state or kind (prefix + value), or the value
// itself where there is none.
func label(t labels, prefix, value string) string {
	if s, ok := t[prefix+value]; ok {
		return s
	}
	return value
}

// page is what every portal page's layout needs.
type page struct {
	Lang  string
	T     labels
	Title string
	Nonce string
	// Viewer is the signed-in person (nil on the sign-in pages) and CSRF
	// the token every form of theirs carries.
	Viewer    *Viewer
	CSRF      string
	CSRFField string
	// Nav names the section the page is in ("ads", "applications").
	Nav string
}

// newPage starts a page in the browser's language, for the request's
// viewer if signed in.
func newPage(c *gin.Context, titleKey string) page {
	lang := pickLanguage(c.GetHeader("Accept-Language"))
	p := page{Lang: lang, T: languageText[lang], Nonce: randomToken(16), CSRFField: identity.CSRFField}
	p.Title = p.T[titleKey]
	if s := current(c); s.viewer.UserID != "" {
		p.Viewer, p.CSRF = &s.viewer, s.session.CSRFToken
	}
	return p
}

// render executes the named template and sends it with status, a strict
// Content-Security-Policy (no script at all: the portal works without
// JavaScript) and no caching (pages hold personal data).
func (p *Portal) render(c *gin.Context, status int, name, nonce string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		p.d.Log.Error("portal: template failed", "template", name, "error", err)
		abort(c, http.StatusInternalServerError, codeInternal, "internal error")
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'nonce-"+nonce+"'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	c.Status(status)
	_, _ = c.Writer.Write(buf.Bytes())
	c.Abort()
}

// messagePage is a page with one message (an error, a confirmation).
type messagePage struct {
	page
	Message string
	Alert   bool
	// SignIn shows the sign-in link under the message.
	SignIn bool
}

// renderError answers status with the error page for code.
func (p *Portal) renderError(c *gin.Context, status int, code string) {
	m := messagePage{page: newPage(c, "error_title"), Alert: true}
	if status == http.StatusNotFound {
		m.Title = m.T["not_found_title"]
	}
	m.Message = m.T["err_"+code]
	p.render(c, status, "message", m.Nonce, m)
}

// randomToken is n random bytes, URL-safe base64 (a CSP nonce).
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}
