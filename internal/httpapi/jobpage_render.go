package httpapi

import (
	"bytes"
	"crypto/rand"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"
)

// templateFS holds the job page's templates and its one script.
//
//go:embed templates/*.html templates/conditions.js
var templateFS embed.FS

// pageTemplates are the job page ("job"), the confirmation ("applied") and
// the error page ("error"), with their shared parts.
var pageTemplates = template.Must(template.New("pages").Funcs(template.FuncMap{
	"mark":     func(required bool, t labels) markArgs { return markArgs{required, t} },
	"question": func(q questionView, t labels) questionArgs { return questionArgs{q, t} },
	"conditionScript": func() template.JS {
		b, _ := templateFS.ReadFile("templates/conditions.js")
		return template.JS(b) // our own file
	},
}).ParseFS(templateFS, "templates/*.html"))

// markArgs and questionArgs carry a part's value and the labels into the
// "mark" and "question" templates.
type (
	markArgs struct {
		Required bool
		T        labels
	}
	questionArgs struct {
		Q questionView
		T labels
	}
)

// pageData is what every page's head needs.
type pageData struct {
	// Lang is the page's language (the ad's), T its labels.
	Lang    string
	T       labels
	Title   string
	Nonce   string
	NoIndex bool
	JSONLD  any
}

// newPage returns the head of a page in the ad's language.
func newPage(lang, title string) pageData {
	if lang == "" {
		lang = "nb"
	}
	return pageData{Lang: lang, T: labelsFor(lang), Title: title, Nonce: randomToken(16)}
}

// errorPage is the page of a refused request.
type errorPage struct {
	pageData
	Heading, Message string
	// ApplyURL is the employer's page, for a job that takes applications
	// there; JobURL the job's page on the board.
	ApplyURL, JobURL string
}

// renderPage executes the named template into a buffer and sends it with
// status and the page's headers; a template that fails is a 500.
func renderPage(c *gin.Context, status int, name string, nonce string, data any) {
	var buf bytes.Buffer
	if err := pageTemplates.ExecuteTemplate(&buf, name, data); err != nil {
		abortInternal(c, err)
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; img-src 'self' https: data:; style-src 'nonce-"+nonce+"'; script-src 'nonce-"+nonce+
		"'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	c.Status(status)
	_, _ = c.Writer.Write(buf.Bytes())
	c.Abort()
}

// renderError answers status with the error page for code, in lang.
func renderError(c *gin.Context, status int, lang, code string, links ...string) {
	p := errorPage{pageData: newPage(lang, "")}
	p.NoIndex = true
	p.Heading = p.T["error_title"]
	if status == http.StatusNotFound {
		p.Heading = p.T["not_found_title"]
	}
	p.Title, p.Message = p.Heading, p.T.problemText(code)
	if len(links) > 0 {
		p.ApplyURL = links[0]
	}
	if len(links) > 1 {
		p.JobURL = links[1]
	}
	c.Header("Cache-Control", "no-store")
	renderPage(c, status, "error", p.Nonce, p)
}

// randomToken is n random bytes, URL-safe base64: a CSP nonce, an
// idempotency key.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	return base64.RawURLEncoding.EncodeToString(b)
}
