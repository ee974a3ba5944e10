package app_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/apply/applytest"
)

// testPDF is a small valid PDF, its stream binary: the file check reads
// a PDF's structure.
var testPDF = applytest.PDF(bytes.Repeat([]byte{0x00, 0xff, 0x10}, 300))

// atsServer runs the ATS simulator.
func atsServer(t testing.TB) (*sim.ATS, string) {
	a := sim.NewATS()
	srv := httptest.NewServer(a)
	t.Cleanup(func() { a.Close(); srv.Close() })
	return a, srv.URL
}

// candidate is a submission: its fields and files (part name, file name,
// bytes).
type candidate struct {
	fields map[string]string
	files  []upload
}

type upload struct {
	part, name string
	data       []byte
}

// kari is a complete submission for the standard form.
func kari() candidate {
	return candidate{fields: map[string]string{"first_name": "Kari", "last_name": "Nordmann", "email": "kari.nordmann@example.no",
		"phone": "+47 912 34 567", "cover_letter": "Jeg vil gjerne jobbe hos dere.", "consents[privacy_policy]": "true"},
		files: []upload{{"cv", "CV Kari.pdf", testPDF}}}
}

func (c candidate) body(t testing.TB) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range c.fields {
		require.NoError(t, mw.WriteField(k, v))
	}
	for _, f := range c.files {
		w, err := mw.CreateFormFile(f.part, f.name)
		require.NoError(t, err)
		_, err = w.Write(f.data)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return buf.Bytes(), mw.FormDataContentType()
}

// apply posts the submission to the job; headers are name, value pairs.
func apply(t testing.TB, s *apptest.Server, jobID string, c candidate, headers ...string) apptest.Response {
	t.Helper()
	body, ctype := c.body(t)
	return s.Do(t, http.MethodPost, "/v1/jobs/"+jobID+"/applications", body, append([]string{"Content-Type", ctype}, headers...)...)
}

// webhookTenant is a generic integration whose applications go to the
// simulator's apply webhook under name; it returns its key.
func webhookTenant(t testing.TB, s *apptest.Server, ats *sim.ATS, atsURL, name string) string {
	_, key := s.VendorTenant(t, "generic", map[string]string{"apply_url": atsURL + "/webhook/" + name})
	ats.SetKey(name, key)
	return key
}

// putJob pushes an ad and returns its job id.
func putJob(t testing.TB, s *apptest.Server, key, ref string) string {
	t.Helper()
	r := s.Do(t, http.MethodPut, "/v1/ads/"+ref, apptest.Ad("Lagermedarbeider"), apptest.Bearer(key)...)
	require.Contains(t, []int{http.StatusCreated, http.StatusOK}, r.Status, string(r.Body))
	return r.JSON["id"].(string)
}

// statusOf reads the application's status through its status URL.
func statusOf(t testing.TB, s *apptest.Server, statusURL string) map[string]any {
	t.Helper()
	r := s.Do(t, http.MethodGet, statusURL[len(s.URL):], nil)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	return r.JSON
}
