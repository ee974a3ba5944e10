package sim

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"runtime"
	"sync"
	"weak"
)

// mountTeamtailor serves Teamtailor's Direct Apply API
// (https://partner.teamtailor.com/job_boards/#direct-apply;
// research/ats-vendors.md §1.5) under /teamtailor, so a connector's base
// URL is <server>/teamtailor:
//
//	GET  /teamtailor/inquiry  the job's form (SetInquiry; default the docs' example)
//	POST /teamtailor/apply    an application
//
// Refusals are in Teamtailor's one documented error shape,
// {"errors":[...]} (job_boards/_webhooks.md.erb, "Error handling"; the
// Direct Apply page documents none of its own). A resume whose file-type
// is none of the documented "Resume file types" (docx, pptx, pdf, txt,
// rtf) is refused 422, as Teamtailor refuses a .doc or .odt.
//
// Both check X-Api-Signature, base64 of the hex HMAC-SHA256 of the body
// ("" for /inquiry) keyed with SetKey("teamtailor", key) (401 when it is
// wrong or no key is set), and want the JobBoardId and ReferenceNumber
// headers (400 without). A job closed with CloseJob("teamtailor", ref,
// true) answers /inquiry with job_status "expired" and /apply with 410.
// An application is recorded for the JobBoardId and ReferenceNumber, its
// referer-id the idempotency key: a repeat is not a second application.
func (a *ATS) mountTeamtailor() {
	a.mux.HandleFunc("GET /teamtailor/inquiry", a.teamtailorInquiry)
	a.mux.HandleFunc("POST /teamtailor/apply", a.teamtailorApply)
}

// teamtailorForms holds an ATS's per-job inquiry answers. ATS has no field
// for them, so they live beside it, keyed weakly: an ATS that is dropped
// takes its forms with it.
var teamtailorForms = struct {
	mu sync.Mutex
	m  map[weak.Pointer[ATS]]map[string][]byte
}{m: map[weak.Pointer[ATS]]map[string][]byte{}}

// SetInquiry makes the simulated Teamtailor answer /inquiry for the job
// reference with body (nil: the docs' example again). A job closed by
// CloseJob is answered with its job_status set to "expired".
func (a *ATS) SetInquiry(reference string, body []byte) {
	teamtailorForms.mu.Lock()
	defer teamtailorForms.mu.Unlock()
	k := weak.Make(a)
	forms, ok := teamtailorForms.m[k]
	if !ok {
		forms = map[string][]byte{}
		teamtailorForms.m[k] = forms
		runtime.AddCleanup(a, func(k weak.Pointer[ATS]) {
			teamtailorForms.mu.Lock()
			defer teamtailorForms.mu.Unlock()
			delete(teamtailorForms.m, k)
		}, k)
	}
	if body == nil {
		delete(forms, reference)
		return
	}
	forms[reference] = append([]byte(nil), body...)
}

// inquiryOf is the job's /inquiry answer.
func (a *ATS) inquiryOf(reference string) []byte {
	teamtailorForms.mu.Lock()
	defer teamtailorForms.mu.Unlock()
	if b, ok := teamtailorForms.m[weak.Make(a)][reference]; ok {
		return b
	}
	return []byte(teamtailorInquiry)
}

// teamtailorAuth checks the signature over body and the two headers,
// answering the refusal itself; it returns the JobBoardId and the
// ReferenceNumber.
func (a *ATS) teamtailorAuth(w http.ResponseWriter, r *http.Request, body []byte) (board, ref string, ok bool) {
	key, known := a.key("teamtailor")
	if !known || !validTeamtailorSignature(key, r.Header.Get("X-Api-Signature"), body) {
		teamtailorError(w, http.StatusUnauthorized, "invalid X-Api-Signature")
		return "", "", false
	}
	board, ref = r.Header.Get("JobBoardId"), r.Header.Get("ReferenceNumber")
	if board == "" || ref == "" {
		teamtailorError(w, http.StatusBadRequest, "JobBoardId and ReferenceNumber headers are required")
		return "", "", false
	}
	return board, ref, true
}

// validTeamtailorSignature checks base64(hex(HMAC-SHA256(body, key))), as
// Teamtailor's JavaScript example computes it.
func validTeamtailorSignature(key, got string, body []byte) bool {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(body)
	want := base64.StdEncoding.EncodeToString([]byte(hex.EncodeToString(mac.Sum(nil))))
	return got != "" && hmac.Equal([]byte(got), []byte(want))
}

func (a *ATS) teamtailorInquiry(w http.ResponseWriter, r *http.Request) {
	if !a.admit(w, r) {
		return
	}
	_, ref, ok := a.teamtailorAuth(w, r, nil)
	if !ok {
		return
	}
	body := a.inquiryOf(ref)
	if a.isClosed("teamtailor", ref) {
		var form map[string]any
		if json.Unmarshal(body, &form) == nil && form != nil {
			form["job_status"] = "expired"
			body, _ = json.Marshal(form)
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

func (a *ATS) teamtailorApply(w http.ResponseWriter, r *http.Request) {
	if !a.admit(w, r) {
		return
	}
	body, err := readBody(r, maxWebhookBody)
	if err != nil {
		teamtailorError(w, http.StatusBadRequest, "unreadable body")
		return
	}
	board, ref, ok := a.teamtailorAuth(w, r, body)
	if !ok {
		return
	}
	if a.isClosed("teamtailor", ref) {
		teamtailorError(w, http.StatusGone, "job expired")
		return
	}
	var app teamtailorApplication
	if err := json.Unmarshal(body, &app); err != nil {
		teamtailorError(w, http.StatusBadRequest, "body is not the documented JSON: "+err.Error())
		return
	}
	rec, msg := app.received(board, ref, body)
	if msg != "" {
		teamtailorError(w, http.StatusUnprocessableEntity, msg)
		return
	}
	a.accept(w, r, rec, http.StatusCreated, func(stored Received) any { return map[string]string{"id": stored.ID} })
}

// teamtailorError answers in Teamtailor's error shape, {"errors":[msg]}.
func teamtailorError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string][]string{"errors": {msg}})
}
