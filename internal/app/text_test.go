package app_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// refusedFields is the error code and the fields an error answer names.
func refusedFields(t *testing.T, r apptest.Response) (string, []string) {
	t.Helper()
	e, ok := r.JSON["error"].(map[string]any)
	require.True(t, ok, string(r.Body))
	var fields []string
	if fs, ok := e["fields"].([]any); ok {
		for _, f := range fs {
			fields = append(fields, f.(map[string]any)["field"].(string))
		}
	}
	return e["code"].(string), fields
}

// adBody is a valid ad's JSON with old replaced by new: raw bytes that
// json.Marshal would never write.
func adBody(t *testing.T, old, new string) []byte {
	t.Helper()
	return marshalReplacing(t, apptest.Ad("Lagermedarbeider"), old, new)
}

// TestAdTextRefused: a NUL or bytes that are not UTF-8 in any text field
// of the generic ad API is a 422 naming the field, on SQLite and on
// PostgreSQL (where a NUL used to be a 500), and nothing is stored
// (issue 13, break 5).
func TestAdTextRefused(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		auth := apptest.Bearer(key)
		for _, c := range []struct {
			name  string
			body  []byte
			field string
		}{
			{"NUL in the title", adBody(t, `"Lagermedarbeider"`, `"Lager\u0000medarbeider"`), "title"},
			{"NUL in the description", adBody(t, `\u003cp\u003eVi`, `\u003cp\u003e\u0000Vi`), "description"},
			{"NUL in a nested field", adBody(t, `"Oslo"`, `"Os\u0000lo"`), "locations[0].city"},
			{"NUL in the employer", adBody(t, `"Eksempel AS"`, `"Eksempel\u0000AS"`), "employer.name"},
			{"invalid UTF-8 in the title", adBody(t, `"Lagermedarbeider"`, "\"Lager\xffmedarbeider\""), "title"},
			{"invalid UTF-8 in a nested field", adBody(t, `"Oslo"`, "\"Os\xc3(lo\""), "locations[0].city"},
			{"an overlong NUL (C0 80)", adBody(t, `"Eksempel AS"`, "\"Eksempel\xc0\x80AS\""), "employer.name"},
		} {
			r := s.Do(t, "PUT", "/v1/ads/text-1", c.body, auth...)
			require.Equal(t, http.StatusUnprocessableEntity, r.Status, c.name+": "+string(r.Body))
			code, fields := refusedFields(t, r)
			require.Equal(t, "validation_failed", code, c.name)
			require.Contains(t, fields, c.field, c.name)
			require.NotContains(t, string(r.Body), "Lager", c.name+": the answer never repeats the value")
			require.Equal(t, http.StatusNotFound, s.Do(t, "GET", "/v1/ads/text-1", nil, auth...).Status, c.name+": nothing is stored")
		}

		for _, ref := range []string{"a%00b", "a%FFb", "a%C3%28"} {
			r := s.Do(t, "PUT", "/v1/ads/"+ref, apptest.Ad("Ref"), auth...)
			require.Equal(t, http.StatusBadRequest, r.Status, ref+": "+string(r.Body))
			code, _ := refusedFields(t, r)
			require.Equal(t, "invalid_reference", code)
		}
		// An API key whose bytes are not UTF-8 is a malformed key (401),
		// not a PostgreSQL error (500).
		bad := "jg_key_" + strings.Repeat("\xff", 26) + "_" + strings.Repeat("a", 43)
		r := s.Do(t, "PUT", "/v1/ads/k", apptest.Ad("Key"), apptest.Bearer(bad)...)
		require.Equal(t, http.StatusUnauthorized, r.Status, string(r.Body))
	})
}

// TestAdCodesAndNumbersRefused: language, country and currency are checked
// against the registries, salary amounts against 0 to 1e9, positions
// against at least 1; the generic API refuses naming the field and stores
// nothing, on both stores (issue 13, break 8).
func TestAdCodesAndNumbersRefused(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		auth := apptest.Bearer(key)
		for _, c := range []struct {
			name  string
			set   func(a map[string]any)
			field string
		}{
			{"salary 1e308", func(a map[string]any) { a["salary"] = map[string]any{"min": 1e308} }, "salary.min"},
			{"salary -1", func(a map[string]any) { a["salary"] = map[string]any{"max": -1} }, "salary.max"},
			{"salary above 1e9", func(a map[string]any) { a["salary"] = map[string]any{"max": 1e9 + 1} }, "salary.max"},
			{"salary NaN as a string", func(a map[string]any) { a["salary"] = map[string]any{"min": "NaN"} }, "salary.min"},
			{"salary Infinity as a string", func(a map[string]any) { a["salary"] = map[string]any{"max": "Infinity"} }, "salary.max"},
			{"positions 0", func(a map[string]any) { a["positions"] = 0 }, "positions"},
			{"language zz", func(a map[string]any) { a["language"] = "zz" }, "language"},
			{"country XX", func(a map[string]any) { a["locations"] = []any{map[string]any{"city": "Oslo", "country": "XX"}} }, "locations[0].country"},
			{"country 419", func(a map[string]any) { a["locations"] = []any{map[string]any{"city": "Oslo", "country": "419"}} }, "locations[0].country"},
			{"currency ABC", func(a map[string]any) { a["salary"] = map[string]any{"min": 500000, "currency": "ABC"} }, "salary.currency"},
		} {
			a := apptest.Ad("Codes")
			c.set(a)
			r := s.Do(t, "PUT", "/v1/ads/codes-1", a, auth...)
			require.Equal(t, http.StatusUnprocessableEntity, r.Status, c.name+": "+string(r.Body))
			code, fields := refusedFields(t, r)
			require.Equal(t, "validation_failed", code, c.name)
			require.Contains(t, fields, c.field, c.name)
			require.Equal(t, http.StatusNotFound, s.Do(t, "GET", "/v1/ads/codes-1", nil, auth...).Status, c.name+": nothing is stored")
		}
		r := s.Do(t, "PUT", "/v1/ads/huge", []byte(`{"title":"t","description":"d","employer":{"name":"e"},"salary":{"max":1e309}}`), auth...)
		require.Equal(t, http.StatusUnprocessableEntity, r.Status, "a number beyond float64 is refused: "+string(r.Body))

		a := apptest.Ad("Good codes")
		a["language"], a["positions"] = "NB-no", 3
		a["locations"] = []any{map[string]any{"city": "Malmö", "country": "se"}}
		a["salary"] = map[string]any{"min": 0, "max": 1e9, "currency": "sek", "period": "year"}
		r = s.Do(t, "PUT", "/v1/ads/codes-2", a, auth...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		require.Equal(t, "nb", r.JSON["language"], "a BCP 47 tag is stored as its language")
		require.Equal(t, float64(3), r.JSON["positions"])
		require.Equal(t, "SE", r.JSON["locations"].([]any)[0].(map[string]any)["country"])
		require.Equal(t, "SEK", r.JSON["salary"].(map[string]any)["currency"])
	})
}

// TestJSONContentTypeRequired: PUT /v1/ads without a Content-Type, or
// with one that is not JSON, is 415 and stores nothing (issue 13, break
// 13).
func TestJSONContentTypeRequired(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		body, err := json.Marshal(apptest.Ad("Media"))
		require.NoError(t, err)
		for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1"} {
			status, answer := rawPut(t, s.URL+"/v1/ads/media", key, ct, body)
			require.Equal(t, http.StatusUnsupportedMediaType, status, "Content-Type %q", ct)
			require.Contains(t, answer, `"unsupported_media_type"`)
			require.Equal(t, http.StatusNotFound, s.Do(t, "GET", "/v1/ads/media", nil, apptest.Bearer(key)...).Status, "%q: nothing is stored", ct)
		}
		status, answer := rawPut(t, s.URL+"/v1/ads/media", key, "application/json; charset=utf-8", body)
		require.Equal(t, http.StatusCreated, status, answer)
	})
}

// rawPut sends body with exactly the Content-Type given ("" sends none).
func rawPut(t *testing.T, url, key, contentType string, body []byte) (int, string) {
	t.Helper()
	return sendRaw(t, http.MethodPut, url, body, "Authorization", "Bearer "+key, "Content-Type", contentType)
}
