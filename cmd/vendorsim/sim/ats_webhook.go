package sim

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// webhookWindow is how far a Jobgate-Signature's t may be from now.
const webhookWindow = 5 * time.Minute

// maxWebhookBody bounds an apply webhook body: 25 MiB of files in base64,
// and the rest.
const maxWebhookBody = 40 << 20

// mountWebhook serves jobgate's signed apply webhook (DESIGN, "The signed
// apply webhook"; README) as an ATS would receive it:
//
//	POST /webhook/{name}
//
// It checks Jobgate-Signature over the raw body with the key SetKey gave
// name, refuses a stale t, decodes the documented JSON (decoded here
// independently of jobgate's encoder, so a drift in either shows), and
// answers a repeated Idempotency-Key with the first application.
func (a *ATS) mountWebhook() {
	a.mux.HandleFunc("POST /webhook/{name}", a.webhook)
	a.mux.HandleFunc("DELETE /webhook/{name}/{id}", a.webhookErase)
}

// webhookApplication is the documented body, as a receiver reads it.
type webhookApplication struct {
	ApplicationID string `json:"application_id"`
	Job           struct {
		ID        string `json:"id"`
		Reference string `json:"reference"`
	} `json:"job"`
	Candidate map[string]string `json:"candidate"`
	Answers   []struct {
		QuestionID string   `json:"question_id"`
		Values     []string `json:"values"`
		Document   *int     `json:"document"`
	} `json:"answers"`
	Consents []struct {
		Type     string `json:"type"`
		Accepted bool   `json:"accepted"`
	} `json:"consents"`
	Documents []struct {
		Kind        string `json:"kind"`
		FileName    string `json:"file_name"`
		ContentType string `json:"content_type"`
		Data        string `json:"data"`
	} `json:"documents"`
}

func (a *ATS) webhook(w http.ResponseWriter, r *http.Request) {
	name, body, ok := a.signedWebhook(w, r)
	if !ok {
		return
	}
	var app webhookApplication
	if err := json.Unmarshal(body, &app); err != nil {
		jsonError(w, http.StatusBadRequest, "body is not the documented JSON: "+err.Error())
		return
	}
	rec, msg := app.received(name, r.Header.Get("Idempotency-Key"), body)
	if msg != "" {
		jsonError(w, http.StatusUnprocessableEntity, msg)
		return
	}
	if a.isClosed("webhook", rec.Job) {
		jsonError(w, http.StatusGone, "job closed")
		return
	}
	a.accept(w, r, rec, http.StatusCreated, func(stored Received) any { return map[string]string{"id": stored.ID} })
}

// signedWebhook admits a webhook request (faults, outages), reads its
// body and checks its Jobgate-Signature with the key of its {name}; when
// any of that fails it has answered, and ok is false.
func (a *ATS) signedWebhook(w http.ResponseWriter, r *http.Request) (name string, body []byte, ok bool) {
	if !a.admit(w, r) {
		return "", nil, false
	}
	name = r.PathValue("name")
	body, err := readBody(r, maxWebhookBody)
	if err != nil {
		jsonError(w, http.StatusBadRequest, "unreadable body")
		return "", nil, false
	}
	key, known := a.key(name)
	if !known || !validWebhookSignature(key, r.Header.Get("Jobgate-Signature"), body, time.Now()) {
		jsonError(w, http.StatusUnauthorized, "bad signature")
		return "", nil, false
	}
	return name, body, true
}

// received checks the body the way a strict receiver would and flattens
// it; msg says what is wrong.
func (app webhookApplication) received(name, key string, body []byte) (Received, string) {
	rec := Received{Vendor: "webhook", Account: name, Job: app.Job.Reference, IdempotencyKey: key, Body: body, Fields: map[string][]string{}}
	switch {
	case key == "" || key != app.ApplicationID:
		return rec, "Idempotency-Key must be the application_id"
	case app.Job.Reference == "" || app.Job.ID == "":
		return rec, "job.id and job.reference are required"
	case app.Candidate["email"] == "" || app.Candidate["first_name"] == "":
		return rec, "candidate.first_name and candidate.email are required"
	}
	for k, v := range app.Candidate {
		rec.Fields["candidate."+k] = []string{v}
	}
	for _, an := range app.Answers {
		rec.Fields["answers."+an.QuestionID] = an.Values
	}
	for _, c := range app.Consents {
		rec.Fields["consents."+c.Type] = []string{strconv.FormatBool(c.Accepted)}
	}
	for i, d := range app.Documents {
		data, err := base64.StdEncoding.DecodeString(d.Data)
		if err != nil {
			return rec, "documents[" + strconv.Itoa(i) + "].data is not base64"
		}
		rec.Files = append(rec.Files, ReceivedFile{Field: d.Kind, FileName: d.FileName, ContentType: d.ContentType, Data: data})
	}
	return rec, ""
}

// validWebhookSignature checks "t=<unix>,v1=<hex>" (several v1 allowed)
// over "<t>.<body>".
func validWebhookSignature(key, header string, body []byte, now time.Time) bool {
	var ts string
	var sigs []string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			sigs = append(sigs, v)
		}
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || now.Sub(time.Unix(sec, 0)).Abs() > webhookWindow {
		return false
	}
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte(ts + "."))
	mac.Write(body)
	want := mac.Sum(nil)
	for _, s := range sigs {
		if got, err := hex.DecodeString(s); err == nil && hmac.Equal(got, want) {
			return true
		}
	}
	return false
}

func jsonError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]string{"error": msg})
}

// readBody reads a request body of up to limit bytes into a buffer sized
// from Content-Length, so a large application is not copied again and
// again as the buffer grows.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if r.ContentLength > 0 && r.ContentLength <= limit {
		buf.Grow(int(r.ContentLength) + 1)
	}
	_, err := buf.ReadFrom(io.LimitReader(r.Body, limit))
	return buf.Bytes(), err
}
