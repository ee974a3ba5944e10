package app_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// ldScript is the job page's JSON-LD block.
var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json"[^>]*>(.*?)</script>`)

// jobPostingOf reads the JobPosting JSON-LD out of the job's page.
func jobPostingOf(t *testing.T, s *apptest.Server, id string) map[string]any {
	t.Helper()
	var page apptest.Response
	apptest.Eventually(t, func() bool {
		page = s.Do(t, http.MethodGet, "/jobs/"+id, nil)
		return page.Status == http.StatusOK
	}, "the job page answers")
	m := ldScript.FindSubmatch(page.Body)
	require.NotNil(t, m, "the page has a JSON-LD script")
	var jp map[string]any
	require.NoError(t, json.Unmarshal(m[1], &jp), string(m[1]))
	return jp
}

// noEmpty fails on an empty string, object or list anywhere in v.
func noEmpty(t *testing.T, path string, v any) {
	t.Helper()
	switch x := v.(type) {
	case string:
		require.NotEmpty(t, strings.TrimSpace(x), "%s is an empty string", path)
	case map[string]any:
		require.NotEmpty(t, x, "%s is an empty object", path)
		for k, e := range x {
			noEmpty(t, path+"."+k, e)
		}
	case []any:
		require.NotEmpty(t, x, "%s is an empty list", path)
		for _, e := range x {
			noEmpty(t, path+"[]", e)
		}
	case nil:
		t.Fatalf("%s is null", path)
	}
}

// googleValid checks Google's required JobPosting properties and the
// shape of the recommended ones that are there.
func googleValid(t *testing.T, jp map[string]any) {
	t.Helper()
	noEmpty(t, "$", jp)
	require.Equal(t, "JobPosting", jp["@type"])
	for _, p := range []string{"title", "description", "datePosted", "hiringOrganization", "identifier", "directApply"} {
		require.Contains(t, jp, p)
	}
	require.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$`, jp["datePosted"])
	require.Equal(t, "Organization", jp["hiringOrganization"].(map[string]any)["@type"])
	require.Contains(t, jp["hiringOrganization"], "name")
	id := jp["identifier"].(map[string]any)
	require.Equal(t, "PropertyValue", id["@type"])
	require.Contains(t, id, "name")
	require.Contains(t, id, "value")
	_, isBool := jp["directApply"].(bool)
	require.True(t, isBool, "directApply is true or false")
	if jp["jobLocationType"] == "TELECOMMUTE" {
		require.NotEmpty(t, jp["applicantLocationRequirements"], "a remote job names where applicants may live")
	} else {
		require.NotEmpty(t, jp["jobLocation"], "Google requires jobLocation")
	}
	if places, ok := jp["jobLocation"].([]any); ok {
		for _, p := range places {
			addr := p.(map[string]any)["address"].(map[string]any)
			require.Equal(t, "PostalAddress", addr["@type"])
			require.Regexp(t, `^[A-Z]{2}$`, addr["addressCountry"])
		}
	}
	if types, ok := jp["employmentType"].([]any); ok {
		for _, v := range types {
			require.Contains(t, []any{"FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY", "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER"}, v)
		}
	}
	if vt, ok := jp["validThrough"]; ok {
		require.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$`, vt)
	}
}

func TestJobPostingJSONLD(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		ats, atsURL := atsServer(t)
		direct := webhookTenant(t, s, ats, atsURL, "jsonld")
		_, redirect := s.Tenant(t)
		put := func(key, ref string, body map[string]any) string {
			r := s.Do(t, http.MethodPut, "/v1/ads/"+ref, body, apptest.Bearer(key)...)
			require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
			return r.JSON["id"].(string)
		}

		t.Run("rich", func(t *testing.T) {
			id := put(direct, "rich-1", map[string]any{"title": "Lagerleder", "description": "<p>Led lageret</p>", "language": "nb",
				"employer":        map[string]any{"name": "Eksempel AS", "org_number": "923456783", "website": "https://eksempel.no"},
				"locations":       []any{map[string]any{"address": "Storgata 1", "postal_code": "0155", "city": "Oslo", "county": "Oslo", "country": "NO"}},
				"employment_type": "contract", "extent": "full_time", "deadline": "2099-01-31",
				"salary": map[string]any{"min": 550000, "max": 650000, "currency": "NOK", "period": "year"}})
			jp := jobPostingOf(t, s, id)
			googleValid(t, jp)
			require.Equal(t, true, jp["directApply"], "the page takes the application itself")
			require.Equal(t, []any{"FULL_TIME", "CONTRACTOR"}, jp["employmentType"])
			require.Equal(t, map[string]any{"@type": "PropertyValue", "name": "Eksempel AS", "value": "rich-1"}, jp["identifier"])
			require.Equal(t, "https://eksempel.no", jp["hiringOrganization"].(map[string]any)["sameAs"])
			require.Equal(t, "2099-01-31T23:59:59+01:00", jp["validThrough"])
			require.Equal(t, map[string]any{"@type": "MonetaryAmount", "currency": "NOK",
				"value": map[string]any{"@type": "QuantitativeValue", "minValue": 550000.0, "maxValue": 650000.0, "unitText": "YEAR"}}, jp["baseSalary"])
			addr := jp["jobLocation"].([]any)[0].(map[string]any)["address"].(map[string]any)
			require.Equal(t, map[string]any{"@type": "PostalAddress", "streetAddress": "Storgata 1", "postalCode": "0155",
				"addressLocality": "Oslo", "addressRegion": "Oslo", "addressCountry": "NO"}, addr)
		})

		t.Run("minimal", func(t *testing.T) {
			id := put(redirect, "min-1", map[string]any{"title": "Kokk", "description": "<p>Lag mat</p>", "language": "sv",
				"employer": map[string]any{"name": "Kjøkken AB"}, "apply_url": "https://ats.example/apply/2"})
			jp := jobPostingOf(t, s, id)
			googleValid(t, jp)
			require.NotContains(t, jp, "baseSalary")
			require.NotContains(t, jp, "employmentType")
			require.NotContains(t, jp, "validThrough")
			require.NotContains(t, jp["hiringOrganization"], "sameAs", "no website, no sameAs")
			require.Equal(t, []any{map[string]any{"@type": "Place", "address": map[string]any{"@type": "PostalAddress", "addressCountry": "SE"}}},
				jp["jobLocation"], "an ad without places is placed in its language's country")
		})

		t.Run("remote", func(t *testing.T) {
			id := put(redirect, "remote-1", map[string]any{"title": "Utvikler", "description": "<p>Kode</p>", "language": "da",
				"employer": map[string]any{"name": "Fjern ApS"}, "remote": "full", "extent": "part_time", "employment_type": "permanent",
				"salary": map[string]any{"min": 300, "currency": "DKK", "period": "hour"}, "apply_url": "https://ats.example/apply/3"})
			jp := jobPostingOf(t, s, id)
			googleValid(t, jp)
			require.Equal(t, "TELECOMMUTE", jp["jobLocationType"])
			require.Equal(t, []any{map[string]any{"@type": "Country", "name": "DK"}}, jp["applicantLocationRequirements"])
			require.NotContains(t, jp, "jobLocation", "a wholly remote job without places has none")
			require.Equal(t, []any{"PART_TIME"}, jp["employmentType"], "permanent adds nothing to the extent")
			require.Equal(t, map[string]any{"@type": "QuantitativeValue", "value": 300.0, "unitText": "HOUR"}, jp["baseSalary"].(map[string]any)["value"])
		})

		t.Run("redirect", func(t *testing.T) {
			body := apptest.Ad("Sjåfør")
			body["employment_type"] = "seasonal"
			body["locations"] = []any{map[string]any{"municipality": "Bergen", "country": "NO"}}
			id := put(redirect, "redir-1", body)
			jp := jobPostingOf(t, s, id)
			googleValid(t, jp)
			require.Equal(t, false, jp["directApply"], "a redirect job is not applied for on the board")
			require.Equal(t, []any{"TEMPORARY"}, jp["employmentType"])
			require.Equal(t, "Bergen", jp["jobLocation"].([]any)[0].(map[string]any)["address"].(map[string]any)["addressLocality"])
		})
	})
}
