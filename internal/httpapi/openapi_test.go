package httpapi

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/portal"
)

// openAPIRoutes are the routes New in server.go registers that
// openapi.json documents. When you add, move or remove a route in
// server.go, change this list AND openapi.json together:
// TestOpenAPICoversRoutes checks the document against this list, and
// TestOpenAPIRouteListMatchesServer checks this list against the server.
// Connector receivers (/connectors/<vendor>/...) follow each vendor's own
// documentation, and the operator console (/ops/) and the employer
// portal's pages (/portal/) are not public API, so none is listed; the
// portal's JSON (/v1/portal/, mounted through Deps.Mount) is.
var openAPIRoutes = []struct{ method, path string }{
	{http.MethodPut, "/v1/ads/{reference}"},
	{http.MethodDelete, "/v1/ads/{reference}"},
	{http.MethodGet, "/v1/ads/{reference}"},
	{http.MethodGet, "/v1/ads/{reference}/stats"},
	{http.MethodGet, "/v1/jobs"},
	{http.MethodGet, "/v1/jobs/{id}"},
	{http.MethodGet, "/v1/jobs/{id}/application-form"},
	{http.MethodPost, "/v1/jobs/{id}/applications"},
	{http.MethodGet, "/v1/applications/{id}"},
	{http.MethodDelete, "/v1/applications/{id}"},
	{http.MethodGet, "/v1/integrations/{id}/sync"},
	{http.MethodPost, "/v1/integrations/{id}/sync"},
	{http.MethodGet, "/jobs/{id}"},
	{http.MethodGet, "/feed.rss"},
	{http.MethodGet, "/feed.xml"},
	{http.MethodPost, "/jobs/{id}/apply"},
	{http.MethodPost, "/jobs/{id}/start"},
	{http.MethodGet, "/jobs/{id}/applied/{application_id}"},
	{http.MethodPost, "/jobs/{id}/applied/{application_id}/erase"},
	{http.MethodGet, "/healthz"},
	{http.MethodGet, "/readyz"},
	{http.MethodGet, "/metrics"},
	{http.MethodGet, "/openapi.json"},
	{http.MethodGet, "/v1/portal/session"},
	{http.MethodGet, "/v1/portal/ads"},
	{http.MethodGet, "/v1/portal/ads/{id}/team"},
	{http.MethodPut, "/v1/portal/ads/{id}/team"},
	{http.MethodGet, "/v1/portal/applications"},
	{http.MethodGet, "/v1/portal/applications/{id}"},
	{http.MethodGet, "/v1/portal/applications/{id}/documents/{seq}"},
	{http.MethodGet, "/v1/portal/account"},
	{http.MethodPatch, "/v1/portal/account"},
	{http.MethodGet, "/v1/portal/users"},
	{http.MethodPost, "/v1/portal/users"},
	{http.MethodPatch, "/v1/portal/users/{id}"},
	{http.MethodDelete, "/v1/portal/users/{id}"},
	{http.MethodPost, "/v1/portal/users/{id}/reset-link"},
	{http.MethodGet, "/v1/portal/integrations"},
	{http.MethodPost, "/v1/portal/integrations/{id}/keys"},
	{http.MethodDelete, "/v1/portal/integrations/{id}/keys/{key_id}"},
	{http.MethodGet, "/v1/portal/candidates/export"},
	{http.MethodPost, "/v1/portal/candidates/erase"},
}

// undocumentedPrefixes are the server's routes openapi.json leaves out on
// purpose (see openAPIRoutes).
var undocumentedPrefixes = []string{"/connectors/", "/ops", "/portal/"}

func loadOpenAPI(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPI)
	if err != nil {
		t.Fatalf("load openapi.json: %v", err)
	}
	return doc
}

func TestOpenAPIDocumentIsValid(t *testing.T) {
	doc := loadOpenAPI(t)
	// Validate also checks every example against its schema.
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.json is not a valid OpenAPI document: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	if !json.Valid(OpenAPI) {
		t.Error("the embedded document is not valid JSON")
	}
	scheme := doc.Components.SecuritySchemes["apiKey"]
	if scheme == nil || scheme.Value.Type != "http" || scheme.Value.Scheme != "bearer" {
		t.Errorf("securitySchemes.apiKey must be http bearer, got %+v", scheme)
	}
	for _, method := range []string{http.MethodPut, http.MethodDelete, http.MethodGet} {
		op := doc.Paths.Find("/v1/ads/{reference}").GetOperation(method)
		if op == nil || op.Security == nil || len(*op.Security) == 0 {
			t.Errorf("%s /v1/ads/{reference} must require the API key", method)
		}
	}
}

// adSchema returns the Ad schema of the document.
func adSchema(t *testing.T, doc *openapi3.T) *openapi3.Schema {
	t.Helper()
	ref := doc.Components.Schemas["Ad"]
	if ref == nil || ref.Value == nil {
		t.Fatal("components.schemas.Ad is missing")
	}
	return ref.Value
}

// clone deep-copies a JSON value as VisitJSON wants it (maps, slices,
// float64).
func clone(t *testing.T, v any) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// validByCode reports whether jobgate's own decoder and validator accept
// the ad, on a fixed day so that the example's deadline stays in the
// future.
func validByCode(t *testing.T, v map[string]any) error {
	t.Helper()
	body, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	a, err := ad.Decode(body)
	if err != nil {
		return err
	}
	return ad.Normalize(&a, time.Date(2026, time.January, 1, 12, 0, 0, 0, time.UTC))
}

func TestOpenAPIExamplesValidate(t *testing.T) {
	doc := loadOpenAPI(t)
	schema := adSchema(t, doc)
	example, ok := schema.Example.(map[string]any)
	if !ok {
		t.Fatalf("the Ad schema has no example object, got %T", schema.Example)
	}

	// The PUT operation documents the same example ad.
	put := doc.Paths.Find("/v1/ads/{reference}").Put
	body := put.RequestBody.Value.Content.Get("application/json")
	if body == nil || !reflect.DeepEqual(body.Example, schema.Example) {
		t.Errorf("the PUT request example differs from the Ad schema's example")
	}

	if err := schema.VisitJSON(clone(t, example)); err != nil {
		t.Fatalf("the example ad does not validate against the Ad schema: %v", err)
	}
	if err := validByCode(t, clone(t, example)); err != nil {
		t.Fatalf("the example ad is refused by jobgate's validator: %v", err)
	}

	// Each of these is refused by the schema and by the code alike.
	for name, mutate := range map[string]func(a map[string]any){
		"unknown field":           func(a map[string]any) { a["salary_text"] = "competitive" },
		"unknown nested field":    func(a map[string]any) { a["employer"].(map[string]any)["logo"] = "https://eksempel.no/logo.png" },
		"no title":                func(a map[string]any) { delete(a, "title") },
		"empty title":             func(a map[string]any) { a["title"] = "" },
		"no employer name":        func(a map[string]any) { delete(a["employer"].(map[string]any), "name") },
		"no description":          func(a map[string]any) { delete(a, "description") },
		"bad employment type":     func(a map[string]any) { a["employment_type"] = "fulltime" },
		"bad salary period":       func(a map[string]any) { a["salary"].(map[string]any)["period"] = "fortnight" },
		"positions not integer":   func(a map[string]any) { a["positions"] = 1.5 },
		"deadline not a date":     func(a map[string]any) { a["deadline"] = "31.12.2026" },
		"apply_url not http":      func(a map[string]any) { a["apply_url"] = "ftp://ats.example/jobs/123" },
		"title too long":          func(a map[string]any) { a["title"] = strings.Repeat("x", 301) },
		"too many categories":     func(a map[string]any) { a["categories"] = slices.Repeat([]any{"warehouse"}, 51) },
		"country not alpha-2":     func(a map[string]any) { a["locations"].([]any)[0].(map[string]any)["country"] = "NOR" },
		"negative salary":         func(a map[string]any) { a["salary"].(map[string]any)["min"] = -1.0 },
		"bad phone":               func(a map[string]any) { a["contact"].(map[string]any)["phone"] = "call us" },
		"recruiter not an e-mail": func(a map[string]any) { a["recruiters"] = []any{"Kari Nordmann"} },
		"too many recruiters":     func(a map[string]any) { a["recruiters"] = manyRecruiters(21) },
		"title of the wrong type": func(a map[string]any) { a["title"] = 42.0 },
	} {
		t.Run(name, func(t *testing.T) {
			bad := clone(t, example)
			mutate(bad)
			if err := schema.VisitJSON(bad); err == nil {
				t.Errorf("the Ad schema accepts an ad with %s", name)
			}
			if err := validByCode(t, bad); err == nil {
				t.Errorf("jobgate's validator accepts an ad with %s: the schema is stricter than the code", name)
			}
		})
	}
}

// manyRecruiters is n distinct recruiter addresses.
func manyRecruiters(n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = "r" + strconv.Itoa(i) + "@eksempel.no"
	}
	return out
}

// jsonFields lists the JSON names of a struct's fields.
func jsonFields(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func propertyNames(s *openapi3.Schema) []string {
	var names []string
	for name := range s.Properties {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// TestOpenAPIAdSchemaMatchesAdType keeps the documented ad in step with
// ad.Ad: the same fields at every level, the same enumerations.
func TestOpenAPIAdSchemaMatchesAdType(t *testing.T) {
	doc := loadOpenAPI(t)
	for name, typ := range map[string]reflect.Type{
		"Ad":       reflect.TypeFor[ad.Ad](),
		"Employer": reflect.TypeFor[ad.Employer](),
		"Location": reflect.TypeFor[ad.Location](),
		"Salary":   reflect.TypeFor[ad.Salary](),
		"Contact":  reflect.TypeFor[ad.Contact](),
	} {
		s := doc.Components.Schemas[name]
		if s == nil {
			t.Errorf("components.schemas.%s is missing", name)
			continue
		}
		if got, want := propertyNames(s.Value), jsonFields(typ); !slices.Equal(got, want) {
			t.Errorf("schema %s has properties %v, ad.%s has fields %v", name, got, typ.Name(), want)
		}
		if ap := s.Value.AdditionalProperties.Has; ap == nil || *ap {
			t.Errorf("schema %s must set additionalProperties false: jobgate refuses unknown fields", name)
		}
	}

	props := adSchema(t, doc).Properties
	for field, want := range map[string][]string{
		"employment_type": ad.EmploymentTypes,
		"extent":          ad.Extents,
		"remote":          ad.RemoteModes,
	} {
		if got := enumOf(props[field].Value); !slices.Equal(got, want) {
			t.Errorf("Ad.%s enum = %v, ad package has %v", field, got, want)
		}
	}
	period := doc.Components.Schemas["Salary"].Value.Properties["period"].Value
	if got := enumOf(period); !slices.Equal(got, ad.SalaryPeriods) {
		t.Errorf("Salary.period enum = %v, ad package has %v", got, ad.SalaryPeriods)
	}

	// The views carry every canonical field, but the board's Job not the
	// private recruiters.
	for _, view := range []string{"AdView", "Job"} {
		s := doc.Components.Schemas[view]
		if s == nil {
			t.Errorf("components.schemas.%s is missing", view)
			continue
		}
		for name := range props {
			if view == "Job" && name == "recruiters" {
				if _, ok := s.Value.Properties[name]; ok {
					t.Errorf("schema Job documents recruiters: the board never shows them")
				}
				continue
			}
			if _, ok := s.Value.Properties[name]; !ok {
				t.Errorf("schema %s lacks the canonical field %s", view, name)
			}
		}
	}
}

// TestOpenAPIApplicationFormMatchesForm keeps the documented application
// form in step with apply.Form (the privacy notices among its fields).
func TestOpenAPIApplicationFormMatchesForm(t *testing.T) {
	s := loadOpenAPI(t).Components.Schemas["ApplicationForm"]
	if s == nil {
		t.Fatal("components.schemas.ApplicationForm is missing")
	}
	if got, want := propertyNames(s.Value), jsonFields(reflect.TypeFor[apply.Form]()); !slices.Equal(got, want) {
		t.Errorf("schema ApplicationForm has properties %v, apply.Form has fields %v", got, want)
	}
}

func enumOf(s *openapi3.Schema) []string {
	var out []string
	for _, v := range s.Enum {
		out = append(out, v.(string))
	}
	return out
}

func TestOpenAPICoversRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	listed := map[string]bool{}
	for _, r := range openAPIRoutes {
		listed[r.method+" "+r.path] = true
		item := doc.Paths.Value(r.path)
		if item == nil {
			t.Errorf("openapi.json has no path %s", r.path)
			continue
		}
		if item.GetOperation(r.method) == nil {
			t.Errorf("openapi.json has no %s %s", r.method, r.path)
		}
	}
	// And the document describes no route the list lacks.
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			if !listed[method+" "+path] {
				t.Errorf("openapi.json documents %s %s, which openAPIRoutes does not list", method, path)
			}
		}
	}
}

// TestOpenAPIRouteListMatchesServer checks openAPIRoutes against the routes
// New actually registers, so a route added to server.go without updating
// the list (and so the document) fails here.
func TestOpenAPIRouteListMatchesServer(t *testing.T) {
	h, err := New(Deps{Metrics: metrics.New(), APIOnly: true, Mount: portal.New(portal.Deps{}).Mount})
	if err != nil {
		t.Fatal(err)
	}
	engine, ok := h.(*gin.Engine)
	if !ok {
		t.Skipf("New returns %T, not a *gin.Engine; cannot list its routes", h)
	}
	var server, list []string
	for _, r := range engine.Routes() {
		if slices.ContainsFunc(undocumentedPrefixes, func(p string) bool { return strings.HasPrefix(r.Path, p) }) {
			continue
		}
		server = append(server, r.Method+" "+ginToOpenAPIPath(r.Path))
	}
	for _, r := range openAPIRoutes {
		list = append(list, r.method+" "+r.path)
	}
	sort.Strings(server)
	sort.Strings(list)
	if !slices.Equal(server, list) {
		t.Errorf("server.go registers\n  %s\nbut openAPIRoutes lists\n  %s\nupdate openAPIRoutes and openapi.json together",
			strings.Join(server, "\n  "), strings.Join(list, "\n  "))
	}
}

// ginToOpenAPIPath turns /v1/ads/:reference into /v1/ads/{reference}.
func ginToOpenAPIPath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "*") {
			parts[i] = "{" + s[1:] + "}"
		}
	}
	return strings.Join(parts, "/")
}
