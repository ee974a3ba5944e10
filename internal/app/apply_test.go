package app_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/apply/applytest"
	"github.com/jobgate/jobgate/internal/store"
)

// TestApplyWebhook is a candidate's whole path to an ATS on the signed
// apply webhook: the form, the submission, the delivery with the exact
// fields and bytes, the status, and a repeat that stays one application
// (with the key, its receipt; without, a duplicate without one).
func TestApplyWebhook(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "ref-1")

		r := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, "direct", r.JSON["apply_mode"])
		require.Equal(t, true, r.JSON["open"])
		require.NotEmpty(t, r.JSON["fields"])

		r = apply(t, s, job, kari(), "Idempotency-Key", "k-1")
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		id, statusURL := r.JSON["id"].(string), r.JSON["status_url"].(string)
		require.Equal(t, "received", r.JSON["status"])
		require.Contains(t, statusURL, "/v1/applications/"+id+"?token=")

		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 1 }, "the ATS received the application")
		got := ats.Received("webhook")[0]
		require.Equal(t, id, got.IdempotencyKey)
		require.Equal(t, "ref-1", got.Job)
		require.Equal(t, []string{"kari.nordmann@example.no"}, got.Fields["candidate.email"])
		require.Equal(t, []string{"Kari"}, got.Fields["candidate.first_name"])
		require.Equal(t, []string{"+47 912 34 567"}, got.Fields["candidate.phone"])
		require.Equal(t, []string{"true"}, got.Fields["consents.privacy_policy"])
		require.Len(t, got.Files, 1)
		require.True(t, bytes.Equal(testPDF, got.Files[0].Data), "the CV arrives byte for byte")
		require.Equal(t, "application/pdf", got.Files[0].ContentType)
		require.Equal(t, "CV Kari.pdf", got.Files[0].FileName)

		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "the candidate sees it delivered")

		r = apply(t, s, job, kari(), "Idempotency-Key", "k-1")
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		require.Equal(t, id, r.JSON["id"], "the same key gives back the first application")
		require.Equal(t, "true", r.Header.Get("Idempotent-Replayed"))
		r = apply(t, s, job, kari())
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, map[string]any{"duplicate": true}, r.JSON, "the same content without a key is a duplicate, without the receipt")
		require.Len(t, ats.Received("webhook"), 1)
		require.Equal(t, 1, ats.Received("webhook")[0].Deliveries, "and is not sent again")

		bad := s.Do(t, http.MethodGet, "/v1/applications/"+id+"?token=wrong", nil)
		require.Equal(t, http.StatusNotFound, bad.Status, "a wrong token shows nothing")
	})
}

// TestApplyRedirect: a job without direct apply says redirect, and a
// submission is refused with the URL to go to.
func TestApplyRedirect(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		_, key := s.Tenant(t)
		job := putJob(t, s, key, "ref-1")
		r := s.Do(t, http.MethodGet, "/v1/jobs/"+job+"/application-form", nil)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		require.Equal(t, "redirect", r.JSON["apply_mode"])
		require.Equal(t, "https://ats.example/apply/1", r.JSON["apply_url"])
		r = apply(t, s, job, kari())
		require.Equal(t, http.StatusConflict, r.Status, string(r.Body))
		e := r.JSON["error"].(map[string]any)
		require.Equal(t, "redirect", e["code"])
		require.Equal(t, "https://ats.example/apply/1", e["apply_url"])
	})
}

// TestApplyBadInput: each bad submission is refused naming the problem,
// and nothing is stored or sent.
func TestApplyBadInput(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		key := webhookTenant(t, s, ats, atsURL, "acme")
		job := putJob(t, s, key, "ref-1")
		gone := putJob(t, s, key, "ref-gone")
		require.Equal(t, http.StatusOK, s.Do(t, http.MethodDelete, "/v1/ads/ref-gone", nil, apptest.Bearer(key)...).Status)

		without := func(field string) candidate { c := kari(); delete(c.fields, field); return c }
		with := func(field, v string) candidate { c := kari(); c.fields[field] = v; return c }
		withFile := func(name string, data []byte) candidate {
			c := kari()
			c.files = []upload{{"cv", name, data}}
			return c
		}
		elf := append([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1}, bytes.Repeat([]byte{0}, 200)...)
		bomb := docxBomb(t)
		cases := []struct {
			name   string
			job    string
			c      candidate
			status int
			code   string
			field  string
			reason string // the refusal's category, in the message
		}{
			{"no e-mail", job, without("email"), 422, "validation_failed", "email", ""},
			{"no first name", job, without("first_name"), 422, "validation_failed", "first_name", ""},
			{"e-mail without @", job, with("email", "kari.example.no"), 422, "validation_failed", "email", ""},
			{"privacy policy not accepted", job, without("consents[privacy_policy]"), 422, "validation_failed", "consents[privacy_policy]", ""},
			{"executable renamed cv.pdf", job, withFile("cv.pdf", elf), 415, "unsupported_file_type", "cv", "type_not_allowed"},
			{"executable behind %PDF-", job, withFile("cv.pdf", append([]byte("%PDF-1.4\n"), elf...)), 415, "unsupported_file_type", "cv", "malformed_pdf"},
			{"zip bomb in a docx", job, withFile("cv.docx", bomb), 415, "unsupported_file_type", "cv", "zip_bomb"},
			{"docx whose extra entry inflates to 314 MB", job, withFile("cv.docx", applytest.DocxWithHiddenZeros(300)), 415, "unsupported_file_type", "cv", "zip_bomb"},
			{"SVG sent as cv.txt", job, withFile("cv.txt", []byte(`<?xml version="1.0"?>`+"\n"+`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)), 415, "unsupported_file_type", "cv", "markup_or_script"},
			{"30 MiB file", job, withFile("cv.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 30<<20)...)), 413, "file_too_large", "cv", ""},
			{"unknown job", "job_00000000000000000000000000", kari(), 404, "not_found", "", ""},
			{"withdrawn job", gone, kari(), 410, "job_closed", "", ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				r := apply(t, s, tc.job, tc.c)
				requireRefused(t, r, tc.status, tc.code, tc.field)
				require.Contains(t, string(r.Body), tc.reason)
				require.NotContains(t, string(r.Body), "kari.nordmann@example.no", "no personal data in errors")
			})
		}
		ds, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: job})
		require.NoError(t, err)
		for _, d := range ds {
			require.NotEqual(t, store.KindApply, d.Kind, "nothing was stored")
		}
		require.Empty(t, ats.Received(""))
	})
}

// docxBomb is a docx whose document.xml is 64 MiB of zeros that deflate
// to some 64 KB: a ratio of a thousand to one.
func docxBomb(t testing.TB) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("[Content_Types].xml")
	require.NoError(t, err)
	_, _ = w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	w, err = zw.Create("word/document.xml")
	require.NoError(t, err)
	zeros := make([]byte, 1<<20)
	for range 64 {
		_, _ = w.Write(zeros)
	}
	require.NoError(t, zw.Close())
	require.Less(t, buf.Len(), 1<<20)
	return buf.Bytes()
}
