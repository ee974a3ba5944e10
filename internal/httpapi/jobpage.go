package httpapi

import (
	"encoding/json"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
)

// jobPageTemplate is the hosted job page. The description was sanitised on
// the way in, so it is trusted HTML here.
var jobPageTemplate = template.Must(template.New("job").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Ad.Title}} – {{.Ad.Employer.Name}}</title>
<script type="application/ld+json">{{.JSONLD}}</script>
</head><body><main>
<h1>{{.Ad.Title}}</h1>
<p>{{.Ad.Employer.Name}}{{range .Ad.Locations}} · {{.City}}{{end}}{{if .Ad.Deadline}} · Søknadsfrist {{.Ad.Deadline}}{{end}}</p>
<article>{{.Description}}</article>
{{if .ApplyURL}}<p><a href="{{.ApplyURL}}" rel="nofollow noopener">Søk på stillingen</a></p>{{end}}
</main></body></html>
`))

// jobPage serves the hosted job page with schema.org JobPosting JSON-LD.
func (h *handlers) jobPage(c *gin.Context) {
	rec, ok := h.liveJob(c)
	if !ok {
		return
	}
	var a ad.Ad
	if err := json.Unmarshal(rec.Content, &a); err != nil {
		abortInternal(c, err)
		return
	}
	lang := a.Language
	if lang == "" {
		lang = "nb"
	}
	data := struct {
		Ad          ad.Ad
		Lang        string
		Description template.HTML
		JSONLD      any
		ApplyURL    string
	}{Ad: a, Lang: lang, Description: template.HTML(a.Description), JSONLD: jobPosting(a, rec.CreatedAt.Format("2006-01-02")), ApplyURL: rec.ApplyURL}
	c.Header("Content-Type", "text/html; charset=utf-8")
	c.Status(http.StatusOK)
	if err := jobPageTemplate.Execute(c.Writer, data); err != nil {
		_ = c.Error(err)
	}
}

// jobPosting is the schema.org JobPosting for search engines
// (https://developers.google.com/search/docs/appearance/structured-data/job-posting).
func jobPosting(a ad.Ad, posted string) map[string]any {
	jp := map[string]any{"@context": "https://schema.org/", "@type": "JobPosting", "title": a.Title, "description": a.Description,
		"datePosted": posted, "hiringOrganization": map[string]any{"@type": "Organization", "name": a.Employer.Name, "sameAs": a.Employer.Website}}
	if a.Deadline != "" {
		jp["validThrough"] = a.Deadline + "T23:59:59"
	}
	var places []map[string]any
	for _, l := range a.Locations {
		places = append(places, map[string]any{"@type": "Place", "address": map[string]any{"@type": "PostalAddress",
			"streetAddress": l.Address, "postalCode": l.PostalCode, "addressLocality": l.City, "addressCountry": l.Country}})
	}
	if len(places) > 0 {
		jp["jobLocation"] = places
	}
	if t := map[string]string{"full_time": "FULL_TIME", "part_time": "PART_TIME"}[a.Extent]; t != "" {
		jp["employmentType"] = t
	}
	if a.Remote == "full" {
		jp["jobLocationType"] = "TELECOMMUTE"
	}
	return jp
}
