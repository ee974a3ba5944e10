package sim

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

const (
	ttKey     = "tt-board-key-1"
	ttFixture = "../../../testdata/teamtailor/teamtailor-direct-apply-"
)

func newTeamtailorServer(t *testing.T) (*ATS, *httptest.Server) {
	a := NewATS()
	a.SetKey("teamtailor", ttKey)
	srv := httptest.NewServer(a)
	t.Cleanup(func() { a.Close(); srv.Close() })
	return a, srv
}

func ttSign(key string, body []byte) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write(body)
	return base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(m.Sum(nil))))
}

// ttSend sends a signed request (sig "" signs with ttKey) and returns the
// status and body.
func ttSend(t *testing.T, srv *httptest.Server, method, path, ref, sig string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+"/teamtailor"+path, bytes.NewReader(body))
	require.NoError(t, err)
	if sig == "" {
		sig = ttSign(ttKey, body)
	}
	req.Header.Set("X-Api-Signature", sig)
	req.Header["JobBoardId"] = []string{"jb-1"}
	if ref != "" {
		req.Header["ReferenceNumber"] = []string{ref}
	}
	resp, err := srv.Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, out
}

func ttExample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(ttFixture + name)
	require.NoError(t, err)
	return b
}

func TestTeamtailorDefaultInquiryIsTheExample(t *testing.T) {
	require.Equal(t, string(ttExample(t, "inquiry-response.json")), teamtailorInquiry)
	// The vector of connectors/teamtailor's TestAPISignature (openssl).
	require.Equal(t, "MzkyNTgwMTNmOTgyYmNjN2I1ZDk4MDI5MmIzMmMwZTNkM2JmMTBlYmYxNjgxOGQ0NDllZWEzOGZkNTQ5ODRhNQ==", ttSign(ttKey, nil))
}

func TestTeamtailorRefusesBadSignatures(t *testing.T) {
	a, srv := newTeamtailorServer(t)
	body := ttExample(t, "apply-request.json")
	for name, sig := range map[string]string{
		"other key":           ttSign("other", body),
		"hex, not base64":     hex.EncodeToString([]byte(ttSign(ttKey, body))),
		"over the empty body": ttSign(ttKey, nil),
	} {
		status, _ := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", sig, body)
		require.Equal(t, http.StatusUnauthorized, status, name)
	}
	status, _ := ttSend(t, srv, http.MethodGet, "/inquiry", "teamtailor-23", ttSign("other", nil), nil)
	require.Equal(t, http.StatusUnauthorized, status)
	require.Empty(t, a.Received("teamtailor"))

	a.SetKey("teamtailor", "rotated")
	status, _ = ttSend(t, srv, http.MethodGet, "/inquiry", "teamtailor-23", "", nil)
	require.Equal(t, http.StatusUnauthorized, status, "signed with the old key")

	none := NewATS()
	t.Cleanup(none.Close)
	srv2 := httptest.NewServer(none)
	t.Cleanup(srv2.Close)
	status, _ = ttSend(t, srv2, http.MethodGet, "/inquiry", "teamtailor-23", "", nil)
	require.Equal(t, http.StatusUnauthorized, status, "no key set")
}

func TestTeamtailorWantsTheHeaders(t *testing.T) {
	_, srv := newTeamtailorServer(t)
	status, _ := ttSend(t, srv, http.MethodGet, "/inquiry", "", "", nil)
	require.Equal(t, http.StatusBadRequest, status)
	status, _ = ttSend(t, srv, http.MethodPost, "/apply", "", "", ttExample(t, "apply-request.json"))
	require.Equal(t, http.StatusBadRequest, status)
}

func TestTeamtailorInquiryPerJob(t *testing.T) {
	a, srv := newTeamtailorServer(t)
	status, body := ttSend(t, srv, http.MethodGet, "/inquiry", "teamtailor-23", "", nil)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, teamtailorInquiry, string(body), "the docs' example by default")

	a.SetInquiry("teamtailor-24", []byte(`{"job_status":"active","questions":[]}`))
	_, body = ttSend(t, srv, http.MethodGet, "/inquiry", "teamtailor-24", "", nil)
	require.JSONEq(t, `{"job_status":"active","questions":[]}`, string(body))

	a.CloseJob("teamtailor", "teamtailor-24", true)
	_, body = ttSend(t, srv, http.MethodGet, "/inquiry", "teamtailor-24", "", nil)
	require.JSONEq(t, `{"job_status":"expired","questions":[]}`, string(body))

	a.SetInquiry("teamtailor-24", nil)
	a.CloseJob("teamtailor", "teamtailor-24", false)
	_, body = ttSend(t, srv, http.MethodGet, "/inquiry", "teamtailor-24", "", nil)
	require.Equal(t, teamtailorInquiry, string(body))
}

// TestTeamtailorDedupesByRefererID posts the docs' own example twice: one
// application, delivered twice, with what it carried.
func TestTeamtailorDedupesByRefererID(t *testing.T) {
	a, srv := newTeamtailorServer(t)
	body := ttExample(t, "apply-request.json")
	var ids []string
	for range 2 {
		status, answer := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", body)
		require.Equal(t, http.StatusCreated, status, string(answer))
		var ack struct{ ID string }
		require.NoError(t, json.Unmarshal(answer, &ack))
		ids = append(ids, ack.ID)
	}
	require.Equal(t, ids[0], ids[1])
	got := a.Received("teamtailor")
	require.Len(t, got, 1)
	r := got[0]
	require.Equal(t, 2, r.Deliveries)
	require.Equal(t, "jb-1", r.Account)
	require.Equal(t, "teamtailor-23", r.Job)
	require.Equal(t, "123qwerty789", r.IdempotencyKey)
	require.Equal(t, body, r.Body)
	require.Equal(t, []string{"Max Name"}, r.Fields["candidate.full-name"])
	require.Equal(t, []string{"example@test.com"}, r.Fields["candidate.email"])
	require.Equal(t, []string{"true"}, r.Fields["answers.4"])
	require.Equal(t, []string{"1", "4"}, r.Fields["answers.5"])
	require.Equal(t, []string{"false"}, r.Fields["consents.future_jobs"])
	require.Equal(t, []string{"Job Board Website"}, r.Fields["analytics.referring-site"])
	require.Equal(t, []string{"Internship", "Fast learner", "Accounting"}, r.Fields["candidate.tags"])
	require.Equal(t, []ReceivedFile{
		{Field: "resume", FileName: "example_resume.pdf", ContentType: "application/pdf", Data: []byte("Max Payne CV")},
		{Field: "documents", FileName: "example.pdf", ContentType: "application/pdf", Data: []byte("Certificate")},
		{Field: "answers.8", FileName: "sample_resume.pdf", ContentType: "application/pdf", Data: []byte("Max Payne CV")},
	}, r.Files)

	other := bytes.Replace(body, []byte("123qwerty789"), []byte("another"), 1)
	status, _ := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", other)
	require.Equal(t, http.StatusCreated, status)
	require.Len(t, a.Received("teamtailor"), 2, "another referer-id is another application")
}

func TestTeamtailorClosedJob(t *testing.T) {
	a, srv := newTeamtailorServer(t)
	a.CloseJob("teamtailor", "teamtailor-23", true)
	status, _ := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", ttExample(t, "apply-request.json"))
	require.Equal(t, http.StatusGone, status)
	require.Empty(t, a.Received(""))
	status, _ = ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-99", "", ttExample(t, "apply-request.json"))
	require.Equal(t, http.StatusCreated, status, "another job is open")
}

func TestTeamtailorRefusesBadApplications(t *testing.T) {
	a, srv := newTeamtailorServer(t)
	for name, body := range map[string]string{
		"no email":        `{"candidate":{"first-name":"K"}}`,
		"no candidate":    `{"referer-id":"x"}`,
		"resume base64":   `{"candidate":{"email":"k@example.no","resume":{"binary-data":"%%%","file-name":"cv.pdf"}}}`,
		"document base64": `{"candidate":{"email":"k@example.no","documents":[{"file-name":"a.pdf"}]}}`,
		"answer file":     `{"candidate":{"email":"k@example.no","answers":[{"id":"8","file":{"binary-data":"!"}}]}}`,
		"answer id":       `{"candidate":{"email":"k@example.no","answers":[{"value":"x"}]}}`,
	} {
		status, _ := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", []byte(body))
		require.Equal(t, http.StatusUnprocessableEntity, status, name)
	}
	for name, body := range map[string]string{
		"not JSON":       `{"candidate":`,
		"numeric answer": `{"candidate":{"email":"k@example.no","answers":[{"id":4,"value":"true"}]}}`,
	} {
		status, _ := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", []byte(body))
		require.Equal(t, http.StatusBadRequest, status, name)
	}
	require.Empty(t, a.Received(""))

	status, _ := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", []byte{})
	require.Equal(t, http.StatusBadRequest, status, "an empty body")
	var byURL map[string]any
	require.NoError(t, json.Unmarshal(ttExample(t, "resume-url.json"), &byURL))
	body, _ := json.Marshal(map[string]any{"candidate": map[string]any{"email": "k@example.no", "resume": byURL["resume"]}})
	status, _ = ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", body)
	require.Equal(t, http.StatusCreated, status, "a resume by url, as the docs allow")
	require.Equal(t, []string{"https://example.com/resume.pdf"}, a.Received("teamtailor")[0].Fields["candidate.resume.url"])
}

func TestTeamtailorFaultsAndHang(t *testing.T) {
	a, srv := newTeamtailorServer(t)
	body := ttExample(t, "apply-request.json")
	a.Fault(ChannelFault5xx, 1)
	status, _ := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", body)
	require.Equal(t, http.StatusInternalServerError, status)
	require.Empty(t, a.Received(""), "a fault answers before the application is taken")
	a.Fault(ChannelFault429, 1)
	status, _ = ttSend(t, srv, http.MethodGet, "/inquiry", "teamtailor-23", "", nil)
	require.Equal(t, http.StatusTooManyRequests, status)

	a.HangAfterAccept(1)
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/teamtailor/apply", bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("X-Api-Signature", ttSign(ttKey, body))
	req.Header.Set("JobBoardId", "jb-1")
	req.Header.Set("ReferenceNumber", "teamtailor-23")
	_, err = srv.Client().Do(req)
	require.Error(t, err, "the ATS took it and never answered")
	require.Len(t, a.Received("teamtailor"), 1)

	status, _ = ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", body)
	require.Equal(t, http.StatusCreated, status, "the redelivery is answered")
	require.Equal(t, 2, a.Received("teamtailor")[0].Deliveries)
}

// TestTeamtailorRefusesUndocumentedResumeTypes: the simulated Direct Apply
// takes a resume of the documented "Resume file types" only (docx, pptx,
// pdf, txt, rtf), and refuses a Word 97-2003 or OpenDocument one with 422
// in Teamtailor's error shape, as Teamtailor does (issue 15).
func TestTeamtailorRefusesUndocumentedResumeTypes(t *testing.T) {
	a, srv := newTeamtailorServer(t)
	resume := func(name, mime string) []byte {
		return []byte(`{"referer-id":"` + name + `","candidate":{"email":"k@example.no","resume":{"binary-data":"TWF4IFBheW5lIENW","file-name":"` +
			name + `","file-type":"` + mime + `"}}}`)
	}
	for name, mime := range map[string]string{"cv.doc": "application/msword", "cv.odt": "application/vnd.oasis.opendocument.text",
		"cv.png": "image/png", "cv": ""} {
		status, body := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", resume(name, mime))
		require.Equal(t, http.StatusUnprocessableEntity, status, name)
		var answer struct{ Errors []string }
		require.NoError(t, json.Unmarshal(body, &answer), name)
		require.Len(t, answer.Errors, 1, name)
		require.Contains(t, answer.Errors[0], "file-type", name)
	}
	require.Empty(t, a.Received(""), "nothing refused is recorded")
	for name, mime := range map[string]string{"cv.docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		"cv.pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation", "cv.pdf": "application/pdf",
		"cv.txt": "text/plain", "cv.rtf": "application/rtf"} {
		status, body := ttSend(t, srv, http.MethodPost, "/apply", "teamtailor-23", "", resume(name, mime))
		require.Equal(t, http.StatusCreated, status, "%s: %s", name, body)
	}
	require.Len(t, a.Received("teamtailor"), 5)
}
