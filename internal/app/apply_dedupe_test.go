package app_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net"
	"net/http"
	"net/textproto"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// applyJob is a running jobgate with a webhook tenant and one direct job.
func applyJob(t *testing.T, m apptest.Mode) (*apptest.Server, *sim.ATS, string) {
	ats, atsURL := atsServer(t)
	s := apptest.Start(t, apptest.Config(t, m), app.Options{})
	job := putJob(t, s, webhookTenant(t, s, ats, atsURL, "acme"), "ref-1")
	return s, ats, job
}

// storedApplications counts the apply deliveries of the job: one per
// stored application.
func storedApplications(t *testing.T, s *apptest.Server, job string) int {
	t.Helper()
	ds, err := s.Env.Store.ListDeliveries(t.Context(), store.DeliveryFilter{AdID: job, Limit: 100})
	require.NoError(t, err)
	n := 0
	for _, d := range ds {
		if d.Kind == store.KindApply {
			n++
		}
	}
	return n
}

// requireNoReceipt fails when the answer shows anything of the
// application whose id and status URL are given.
func requireNoReceipt(t *testing.T, r apptest.Response, id, statusURL string) {
	t.Helper()
	token := statusURL[strings.Index(statusURL, "token=")+len("token="):]
	require.NotContains(t, string(r.Body), id)
	require.NotContains(t, string(r.Body), token)
	for name, vs := range r.Header {
		for _, v := range vs {
			require.NotContains(t, v, id, "header %s", name)
			require.NotContains(t, v, token, "header %s", name)
		}
	}
}

// TestApplyCannotBePreempted is break 2 of issue 13, the pre-emption: who
// knows a candidate's e-mail and public CV submits first, without a key,
// with their own phone and cover letter. The candidate's own submission is
// then an application of its own, with its own receipt, delivered
// separately; neither sender gets the other's receipt.
func TestApplyCannotBePreempted(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, job := applyJob(t, m)
		attacker := kari()
		attacker.fields["phone"] = "+47 400 00 666"
		attacker.fields["cover_letter"] = "Ring meg på dette nummeret."

		a := apply(t, s, job, attacker)
		require.Equal(t, http.StatusAccepted, a.Status, string(a.Body))
		k := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, k.Status, string(k.Body))
		require.Empty(t, k.Header.Get("Idempotent-Replayed"))

		kariID, kariURL := k.JSON["id"].(string), k.JSON["status_url"].(string)
		attackerID, attackerURL := a.JSON["id"].(string), a.JSON["status_url"].(string)
		require.NotEqual(t, attackerID, kariID, "the candidate's submission is a new application")
		requireNoReceipt(t, a, kariID, kariURL)
		requireNoReceipt(t, k, attackerID, attackerURL)
		require.Equal(t, kariID, statusOf(t, s, kariURL)["id"], "the candidate's token shows the candidate's application")

		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 2 }, "both applications are delivered")
		phones := map[string]string{}
		for _, got := range ats.Received("webhook") {
			phones[got.IdempotencyKey] = got.Fields["candidate.phone"][0]
		}
		require.Equal(t, map[string]string{attackerID: "+47 400 00 666", kariID: "+47 912 34 567"}, phones)
		require.Equal(t, 2, storedApplications(t, s, job))
	})
}

// TestApplyDuplicateShowsNoReceipt is break 2 of issue 13, the read
// after: a byte-identical submission without a key, within ten minutes,
// is 200 {"duplicate":true} with no id, token or status URL anywhere, and
// nothing is stored or delivered again. One byte more is an application.
func TestApplyDuplicateShowsNoReceipt(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, job := applyJob(t, m)
		first := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, first.Status, string(first.Body))
		id, statusURL := first.JSON["id"].(string), first.JSON["status_url"].(string)

		parts := kariParts("")
		slices.Reverse(parts)
		dup := postParts(t, s, job, parts) // in another order: the content is the same
		require.Equal(t, http.StatusOK, dup.Status, string(dup.Body))
		require.JSONEq(t, `{"duplicate":true}`, string(dup.Body))
		require.Empty(t, dup.Header.Get("Location"))
		require.Empty(t, dup.Header.Get("Idempotent-Replayed"))
		requireNoReceipt(t, dup, id, statusURL)
		require.Equal(t, 1, storedApplications(t, s, job), "a duplicate stores nothing")

		other := kari()
		other.files[0].data = append(append([]byte(nil), testPDF...), '\n')
		r := apply(t, s, job, other)
		require.Equal(t, http.StatusAccepted, r.Status, "a CV that differs by one byte is another application: %s", r.Body)
		requireNoReceipt(t, r, id, statusURL)

		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 2 }, "the two applications are delivered")
		require.Equal(t, 2, storedApplications(t, s, job))
	})
}

// TestApplyReusedIdempotencyKey is break 2 of issue 13: an Idempotency-Key
// is bound to the content it was first used with. The same key with other
// content is 422 idempotency_key_reused, without the first receipt, and
// stores nothing; the same key with the same content is the first receipt.
func TestApplyReusedIdempotencyKey(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, job := applyJob(t, m)
		first := apply(t, s, job, kari(), "Idempotency-Key", "k-1")
		require.Equal(t, http.StatusAccepted, first.Status, string(first.Body))
		id, statusURL := first.JSON["id"].(string), first.JSON["status_url"].(string)

		other := kari()
		other.fields["phone"] = "+47 400 00 666"
		r := apply(t, s, job, other, "Idempotency-Key", "k-1")
		requireRefused(t, r, http.StatusUnprocessableEntity, "idempotency_key_reused", "Idempotency-Key")
		requireNoReceipt(t, r, id, statusURL)
		require.Equal(t, 1, storedApplications(t, s, job), "a reused key stores nothing")

		again := apply(t, s, job, kari(), "Idempotency-Key", "k-1")
		require.Equal(t, http.StatusAccepted, again.Status, string(again.Body))
		require.Equal(t, id, again.JSON["id"], "the same key and content is the first receipt")
		require.Equal(t, statusURL, again.JSON["status_url"])
		require.Equal(t, "true", again.Header.Get("Idempotent-Replayed"))

		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 1 }, "the application is delivered")
		require.Equal(t, "+47 912 34 567", ats.Received("webhook")[0].Fields["candidate.phone"][0])
		require.Equal(t, 1, storedApplications(t, s, job))
	})
}

// requireRefused checks an error answer: its status, its code, and the
// part (or header) it names, unless field is "".
func requireRefused(t *testing.T, r apptest.Response, status int, code, field string) {
	t.Helper()
	require.Equal(t, status, r.Status, string(r.Body))
	e := r.JSON["error"].(map[string]any)
	require.Equal(t, code, e["code"])
	if field != "" {
		raw, _ := json.Marshal(e["fields"])
		require.Contains(t, string(raw), `"field":"`+field+`"`)
	}
}

// rawPart is a multipart part with its own Content-Disposition, for names
// a multipart.Writer would not write.
type rawPart struct {
	disposition string
	data        []byte
}

// kariParts is kari as raw parts, the part named without left out and
// extra added.
func kariParts(without string, extra ...rawPart) []rawPart {
	c := kari()
	var parts []rawPart
	for k, v := range c.fields {
		if k != without {
			parts = append(parts, rawPart{`form-data; name="` + k + `"`, []byte(v)})
		}
	}
	for _, f := range c.files {
		if f.part != without {
			parts = append(parts, rawPart{`form-data; name="` + f.part + `"; filename="` + f.name + `"`, f.data})
		}
	}
	return append(parts, extra...)
}

// postParts posts raw parts as an application; headers are name, value
// pairs.
func postParts(t *testing.T, s *apptest.Server, job string, parts []rawPart, headers ...string) apptest.Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		w, err := mw.CreatePart(textproto.MIMEHeader{"Content-Disposition": {p.disposition}})
		require.NoError(t, err)
		_, err = w.Write(p.data)
		require.NoError(t, err)
	}
	require.NoError(t, mw.Close())
	return s.Do(t, http.MethodPost, "/v1/jobs/"+job+"/applications", buf.Bytes(), append([]string{"Content-Type", mw.FormDataContentType()}, headers...)...)
}

// TestApplyRefusesNULAndInvalidUTF8 is break 5 of issue 13 for
// applications: an Idempotency-Key that is not UTF-8 or holds control
// characters is 400 invalid_idempotency_key, a text part or file name with
// NUL or invalid UTF-8 is 422 validation_failed naming its part, a part
// name 400; never a 500 (Postgres takes no invalid UTF-8), and nothing is
// stored or sent.
func TestApplyRefusesNULAndInvalidUTF8(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s, ats, job := applyJob(t, m)
		field := func(name, v string) rawPart { return rawPart{`form-data; name="` + name + `"`, []byte(v)} }
		cv := func(disposition string) rawPart { return rawPart{disposition, testPDF} }
		cases := []struct {
			name   string
			parts  []rawPart
			key    string
			status int
			code   string
			field  string
		}{
			{"key not UTF-8", kariParts(""), "k-\xff\xfe", 400, "invalid_idempotency_key", "Idempotency-Key"},
			{"key with a tab", kariParts(""), "k-\t1", 400, "invalid_idempotency_key", "Idempotency-Key"},
			{"key with a C1 control", kariParts(""), "k-\u00851", 400, "invalid_idempotency_key", "Idempotency-Key"},
			{"NUL in a field", kariParts("first_name", field("first_name", "Ka\x00ri")), "", 422, "validation_failed", "first_name"},
			{"invalid UTF-8 in a field", kariParts("cover_letter", field("cover_letter", "Hei \xff\xfe")), "k-2", 422, "validation_failed", "cover_letter"},
			{"NUL in a consent", kariParts("consents[privacy_policy]", field("consents[privacy_policy]", "true\x00")), "", 422, "validation_failed", "consents[privacy_policy]"},
			{"invalid UTF-8 in an answer", kariParts("", field("answers[q1]", "\xc3\x28")), "", 422, "validation_failed", "answers[q1]"},
			{"NUL in a field the form lacks", kariParts("", field("note", "a\x00")), "", 422, "validation_failed", "note"},
			{"NUL in a file name", kariParts("cv", cv(`form-data; name="cv"; filename*=UTF-8''CV%00.pdf`)), "", 422, "validation_failed", "cv"},
			{"invalid UTF-8 in a file name", kariParts("cv", cv("form-data; name=\"cv\"; filename=\"CV\xff.pdf\"")), "", 422, "validation_failed", "cv"},
			{"NUL in a part name", kariParts("", rawPart{`form-data; name*=UTF-8''first%00name`, []byte("x")}), "", 400, "invalid_multipart", ""},
			{"invalid UTF-8 in a part name", kariParts("", rawPart{"form-data; name=\"answers[\xff]\"", []byte("x")}), "", 400, "invalid_multipart", ""},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				var headers []string
				if tc.key != "" {
					headers = []string{"Idempotency-Key", tc.key}
				}
				r := postParts(t, s, job, tc.parts, headers...)
				requireRefused(t, r, tc.status, tc.code, tc.field)
				require.True(t, utf8.Valid(r.Body), "the answer is UTF-8")
				require.NotContains(t, string(r.Body), "kari.nordmann@example.no")
			})
		}
		t.Run("NUL in the key", func(t *testing.T) {
			// No client sends it (net/http refuses to): written by hand,
			// the server refuses the request before any handler.
			status := rawRequest(t, s.URL, "POST /v1/jobs/"+job+"/applications HTTP/1.1\r\nHost: x\r\nIdempotency-Key: k\x001\r\n"+
				"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 6\r\nConnection: close\r\n\r\n--b--\r\n")
			require.Equal(t, http.StatusBadRequest, status)
		})
		require.Equal(t, 0, storedApplications(t, s, job), "nothing was stored")
		r := postParts(t, s, job, kariParts(""), "Idempotency-Key", "k-2")
		require.Equal(t, http.StatusAccepted, r.Status, "the key of a refused submission was not taken: %s", r.Body)
		apptest.Eventually(t, func() bool { return len(ats.Received("webhook")) == 1 }, "the good application is delivered")
		require.Len(t, ats.Received(""), 1, "and nothing else was")
	})
}

// rawRequest writes a request as it is to the server at base and returns
// the status of the answer.
func rawRequest(t *testing.T, base, req string) int {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.Write([]byte(req))
	require.NoError(t, err)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	require.NoError(t, err)
	defer resp.Body.Close()
	return resp.StatusCode
}
