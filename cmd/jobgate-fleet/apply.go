package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/internal/apply/applytest"
)

// application is one candidate's application and what jobgate answered.
type application struct {
	n   int
	key string
	job string
	// body and contentType are the multipart form, sent again as it is on
	// every retry (the same Idempotency-Key with the same content).
	body        []byte
	contentType string
	sent        time.Time
	// id and statusURL come with the 202; refused is a 4xx.
	id, statusURL string
	refused       bool
}

// cv is the small PDF every application carries.
var cv = applytest.PDF([]byte("Kandidatens CV\n"))

// apply sends one new application to a direct-apply job.
func (l *load) apply(ctx context.Context) {
	l.mu.Lock()
	n := len(l.apps)
	app := &application{n: n, key: fmt.Sprintf("fleet-%d-%d", l.o.Seed, n), job: l.t.jobs[l.rng.IntN(len(l.t.jobs))]}
	l.apps = append(l.apps, app)
	l.mu.Unlock()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, kv := range [][2]string{{"first_name", "Kandidat"}, {"last_name", fmt.Sprint(n)}, {"email", fmt.Sprintf("kandidat%d@example.no", n)},
		{"consents[privacy_policy]", "true"}} {
		_ = mw.WriteField(kv[0], kv[1])
	}
	w, _ := mw.CreateFormFile("cv", "cv.pdf")
	_, _ = w.Write(cv)
	_ = mw.Close()
	app.body, app.contentType, app.sent = buf.Bytes(), mw.FormDataContentType(), time.Now()
	l.submit(ctx, app, l.phase.Load())
}

// submit posts the application (again, after a failure) and records the
// receipt.
func (l *load) submit(ctx context.Context, app *application, phase int32) {
	h := http.Header{}
	h.Set("Content-Type", app.contentType)
	h.Set("Idempotency-Key", app.key)
	res := l.c.send(ctx, http.MethodPost, "/v1/jobs/"+app.job+"/applications", h, app.body)
	l.count(phase, res, "apply "+app.key)
	if res.err == nil && res.status/100 == 4 {
		app.refused = true
		return
	}
	if res.status != http.StatusAccepted {
		return
	}
	var v struct {
		ID        string `json:"id"`
		StatusURL string `json:"status_url"`
	}
	if json.Unmarshal(res.body, &v) == nil {
		l.mu.Lock()
		app.id, app.statusURL = v.ID, v.StatusURL
		l.mu.Unlock()
	}
}

// appStatus reads the application's status URL through the balancer (the
// URL names the replica that answered the 202).
func (f *fleet) appStatus(ctx context.Context, c *client, app *application) (status, reason string) {
	u, err := url.Parse(app.statusURL)
	if err != nil {
		return "unreadable status URL", ""
	}
	res := c.do(ctx, http.MethodGet, u.RequestURI(), "", nil)
	if !res.ok() {
		return "status " + strconv.Itoa(res.status), ""
	}
	var s struct{ Status, Reason string }
	_ = json.Unmarshal(res.body, &s)
	return s.Status, s.Reason
}
