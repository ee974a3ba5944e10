package sim

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNAVValidatesAsNAVDoes(t *testing.T) {
	props := func(k, v string) func(map[string]any) {
		return func(ad map[string]any) { ad["properties"].(map[string]any)[k] = v }
	}
	location := func(l map[string]any) func(map[string]any) {
		return func(ad map[string]any) { ad["locationList"] = []any{l} }
	}
	janzz := map[string]any{"code": "1", "categoryType": "JANZZ", "name": "Lager"}
	for _, c := range []struct {
		name           string
		change         func(map[string]any)
		batch, stream  string // "" when valid
		batchErrorType string
	}{
		{"valid", nil, "", "", ""},
		{"unknown property", props("colour", "blue"), "Invalid value: colour at field properties", "", "INVALID_VALUE"},
		{"bad extent", props("extent", "Fulltid"), "property extent contains invalid value Fulltid", "", "INVALID_VALUE"},
		{"bad workday in list", props("workday", `["Ukedager","Fredag"]`), "property workday contains invalid value Fredag", "", "INVALID_VALUE"},
		{"good list", props("workLanguage", `["Engelsk","Norsk"]`), "", "", ""},
		{"empty value skips", props("sector", ""), "", "", ""},
		{"number coerced", func(ad map[string]any) { ad["properties"].(map[string]any)["salary"] = 500000 }, "", "", ""},
		{"no postal code, county or municipality", location(map[string]any{"city": "OSLO", "country": "NORGE"}),
			"Location does not have postal code, or does not have county/municipality", "", "INVALID_VALUE"},
		{"county only", location(map[string]any{"county": "Vestland"}), "", "", ""},
		{"abroad", location(map[string]any{"country": "Sverige"}), "", "", ""},
		{"NO is Norway", location(map[string]any{"country": "no"}), "Location does not have postal code, or does not have county/municipality", "", "INVALID_VALUE"},
		{"four categories", func(ad map[string]any) { ad["categoryList"] = []any{janzz, janzz, janzz, janzz} },
			"category list is over 3, we only allow max 3 categories per ad", "", "INVALID_VALUE"},
		{"STYRK categories become keywords", func(ad map[string]any) {
			styrk := map[string]any{"code": "1", "categoryType": "STYRK08", "name": "Lager"}
			ad["categoryList"] = []any{styrk, styrk, styrk, styrk}
		}, "", "", ""},
		{"blank title", func(ad map[string]any) { ad["title"] = " " }, "Wrong value: title should not be blank at field title", "Error: title should not be blank", "INVALID_VALUE"},
		{"no adText", func(ad map[string]any) { delete(ad, "adText") }, "Missing parameter: adText", "", "MISSING_PARAMETER"},
		{"null title", func(ad map[string]any) { ad["title"] = nil }, "Missing parameter: title", "", "MISSING_PARAMETER"},
		{"no employer", func(ad map[string]any) { delete(ad, "employer") }, "Wrong value: Employer should not be empty at field employer", "Error: Employer should not be empty", "INVALID_VALUE"},
		{"employer without location", func(ad map[string]any) { delete(ad["employer"].(map[string]any), "location") }, "Missing parameter: location", "", "MISSING_PARAMETER"},
		{"zero positions", func(ad map[string]any) { ad["positions"] = 0 }, "Wrong value: positions should be 1 or more at field positions", "Error: positions should be 1 or more", "INVALID_VALUE"},
		{"date with Z", func(ad map[string]any) { ad["expires"] = "2099-03-31T00:00:00Z" }, "Invalid value: 2099-03-31T00:00:00Z at field expires", "", "INVALID_VALUE"},
		{"unknown status", func(ad map[string]any) { ad["status"] = "ACTIVE" }, "Invalid value: ACTIVE at field status", "", "INVALID_VALUE"},
		{"long phone", func(ad map[string]any) { ad["contactList"] = []any{map[string]any{"phone": strings.Repeat("1", 36)}} },
			"Wrong value: Contact phone size > 36 at field contactList", "Error: Contact phone size > 36", "INVALID_VALUE"},
		{"unknown fields ignored", func(ad map[string]any) { ad["colour"] = "blue" }, "", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newNAVServer(t)
			body := mustJSON(t, navAd("ref-1", c.change))
			got := s.stream(t, body)
			require.Len(t, got, 1)
			resp, r := s.batch(t, mustJSON(t, []any{navAd("ref-2", c.change)}))
			if c.batch == "" {
				require.Equal(t, "RECEIVED", got[0]["status"], got[0]["message"])
				require.Equal(t, http.StatusCreated, resp.StatusCode, r)
				return
			}
			stream := c.stream
			if stream == "" {
				stream = c.batch
			}
			require.Equal(t, "ERROR", got[0]["status"])
			require.Equal(t, stream, got[0]["message"])
			require.Equal(t, http.StatusBadRequest, resp.StatusCode)
			require.Equal(t, c.batchErrorType, r["errorType"])
			require.Equal(t, c.batch, r["message"])
			require.Empty(t, s.References())
		})
	}
}

func TestNAVMovesUnverifiableCategoriesIntoKeywords(t *testing.T) {
	s := newNAVServer(t)
	with := func(cats ...any) []byte {
		return mustJSON(t, navAd("ref-1", func(ad map[string]any) { ad["categoryList"] = cats }))
	}
	require.Equal(t, "RECEIVED", s.stream(t, with(map[string]any{"code": "2342", "categoryType": "STYRK08", "name": "Lærer"}))[0]["status"])
	// The same ad with a category NAV drops hashes as the ad without it.
	require.Equal(t, "SKIPPED", s.stream(t, with(map[string]any{"code": "9999", "categoryType": "PYRK20", "name": "Lærer"}))[0]["status"])
}

func TestNAVChecksTheTokenThenTheProvider(t *testing.T) {
	s := newNAVServer(t)
	body := mustJSON(t, []any{navAd("ref-1", nil)})
	for _, c := range []struct {
		name, path, auth string
		status           int
	}{
		{"no token", "/api/v1/transfers/batch/10042", "", http.StatusUnauthorized},
		{"wrong token", "/api/v1/transfers/batch/10042", "Bearer nope", http.StatusUnauthorized},
		{"not bearer", "/api/v1/transfers/batch/10042", "Basic test-token", http.StatusUnauthorized},
		{"wrong token, other provider", "/api/v1/transfers/batch/10001", "Bearer nope", http.StatusUnauthorized},
		{"other provider", "/api/v1/transfers/batch/10001", "Bearer test-token", http.StatusForbidden},
		{"not a provider id", "/api/v1/transfers/batch/acme", "Bearer test-token", http.StatusForbidden},
		{"status, other provider", "/api/v1/adminstatus/10001/ref-1", "Bearer test-token", http.StatusForbidden},
		{"any case", "/api/v1/transfers/batch/10042", "bearer test-token", http.StatusCreated},
	} {
		method := http.MethodPost
		if strings.Contains(c.path, "adminstatus") {
			method = http.MethodGet
		}
		resp, b := s.do(t, method, c.path, body, c.auth)
		require.Equal(t, c.status, resp.StatusCode, "%s: %s", c.name, b)
		if c.status != http.StatusCreated {
			require.True(t, strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain"), c.name)
		}
	}
	require.Equal(t, 7, s.Stats().Refused)
	require.Equal(t, []string{"ref-1"}, s.References())

	// The property lists need no token (§1.3 rows 13, 14).
	resp, b := s.do(t, http.MethodGet, "/api/v1/properties/names", nil, "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(b), `"workLanguage"`)
	resp, b = s.do(t, http.MethodGet, "/api/v1/properties/values", nil, "")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Contains(t, string(b), `"remote":["Hjemmekontor","Hybridkontor","Hjemmekontor ikke mulig"]`)
}

func TestNAVServesUnderItsContextPathAndWithout(t *testing.T) {
	s := newNAVServer(t)
	for i, base := range []string{s.NAV.URL(s.srv.URL), s.srv.URL} {
		req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, fmt.Sprintf("%s/api/v1/transfers/batch/10042", base),
			strings.NewReader(string(mustJSON(t, navAd(fmt.Sprint("ref-", i), nil)))))
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer test-token")
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, http.StatusCreated, resp.StatusCode, base)
	}
}

func TestNAVRefusesABatchOverItsSizeLimit(t *testing.T) {
	n := NewNAV(NAVConfig{MaxBatchBytes: 1000, FilingDelay: NAVFilesAtOnce})
	s := navServer{n, newServer(t, n)}
	resp, _ := s.do(t, http.MethodPost, "/api/v1/transfers/batch/10000", mustJSON(t, []any{navAd("ref-1", func(ad map[string]any) {
		ad["adText"] = strings.Repeat("x", 1000)
	})}))
	require.Equal(t, http.StatusRequestEntityTooLarge, resp.StatusCode)
	require.Equal(t, DefaultNAVToken, n.Token())
}
