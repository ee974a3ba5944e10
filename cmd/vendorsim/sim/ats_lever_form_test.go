package sim

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// put sends body to the control API.
func put(t *testing.T, u, body string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPut, u, strings.NewReader(body))
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// TestLeverRequiredFields: a site's form, set through the control API, is
// served on GET /v1/postings/{id}/apply to the site's Lever API key only,
// and an application missing a required field is 400 {ok:false, error}
// naming it; each field in turn, then the whole application is taken.
func TestLeverRequiredFields(t *testing.T) {
	a := NewATS()
	a.SetKey("fjordpay", leverKey)
	// A second between POSTs: Lever's limit is not what this tests.
	c := &clock{t: t0}
	a.leverIntake().now = func() time.Time { c.add(time.Second); return c.now() }
	srv := httptest.NewServer(a.WithControl())
	t.Cleanup(func() { srv.Close(); a.Close() })
	form := `{"personal":[{"name":"phone","required":true},{"name":"resume","required":true}],
		"cards":[{"id":"c1","text":"Q","fields":[{"type":"multiple-choice","text":"Permit?","required":true,"options":["Yes","No"]},{"type":"text","text":"Other"}]}],
		"urls":[{"name":"LinkedIn","required":true},{"name":"GitHub"}],
		"eeo":{"gender":{"type":"dropdown","required":true,"options":["Female","Male"]},"veteran":{"type":"dropdown"}}}`
	require.Equal(t, http.StatusBadRequest, put(t, srv.URL+"/_sim/lever/fjordpay/form", `{"cardz":[]}`), "an unknown field is refused")
	require.Equal(t, http.StatusOK, put(t, srv.URL+"/_sim/lever/fjordpay/form", form))
	require.Equal(t, http.StatusOK, put(t, srv.URL+"/_sim/lever/fjordpay/api-key", "lever-api-key-1"))

	get := func(user string) (int, string) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"/v1/postings/p1/apply", nil)
		if user != "" {
			req.SetBasicAuth(user, "")
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	status, _ := get(leverKey)
	require.Equal(t, http.StatusUnauthorized, status, "the Postings API key does not read the Lever API")
	status, body := get("lever-api-key-1")
	require.Equal(t, http.StatusOK, status)
	for _, want := range []string{`"id":"p1"`, `"customQuestions":[{"fields":[`, `"options":[{"text":"Yes"},{"text":"No"}]`, `"name":"LinkedIn"`, `"eeoQuestions":{"gender":`, `"name":"fullName"`} {
		require.Contains(t, body, want)
	}
	require.Equal(t, 1, a.LeverQuestionReads("fjordpay"))

	cv := formFile{"resume", "cv.pdf", "application/pdf", "%PDF-1.7"}
	fields := append(append([][2]string{}, kari...), [2]string{"phone", "+47 900 00 000"})
	for _, step := range []struct {
		missing string
		add     [2]string
	}{
		{"cards[c1][field0]", [2]string{"cards[c1][field0]", "Yes"}},
		{"urls[LinkedIn]", [2]string{"urls[LinkedIn]", "https://www.linkedin.com/in/kari"}},
		{"eeo[gender]", [2]string{"eeo[gender]", "Female"}},
	} {
		status, _, answer := leverPost(t, srv.URL, "/v0/postings/fjordpay/p1", leverKey, fields, cv)
		require.Equal(t, http.StatusBadRequest, status)
		require.Equal(t, false, answer["ok"])
		require.Equal(t, "Missing required field: "+step.missing, answer["error"])
		fields = append(fields, step.add)
	}
	status, _, answer := leverPost(t, srv.URL, "/v0/postings/fjordpay/p1", leverKey, fields)
	require.Equal(t, http.StatusBadRequest, status)
	require.Equal(t, "Missing required field: resume", answer["error"])
	status, _, answer = leverPost(t, srv.URL, "/v0/postings/fjordpay/p1", leverKey, fields, cv)
	require.Equal(t, http.StatusOK, status, answer)
	require.Equal(t, true, answer["ok"])
	require.Len(t, a.Received("lever"), 1)
}
