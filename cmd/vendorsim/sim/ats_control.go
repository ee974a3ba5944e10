package sim

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxKeyBody bounds a key set through the control API.
const maxKeyBody = 4 << 10

// WithControl returns a handler that serves the ATS and, beside it, its
// control API, for an ATS run as a process (`vendorsim ats serve`):
//
//	GET /_sim/received[?vendor=webhook]   what the intakes accepted, oldest first (ReceivedView each)
//	PUT /_sim/keys/{name}                 set the account's key (SetKey); the body is the key
//	PUT /_sim/lever/{site}/...            a Lever site's form and API key (mountLeverControl)
//	GET, POST, DELETE /_sim/ats[/fault|/down]  the ATS's faults and outage, as NAV's and FINN's
//	                                      (mountGateControl): every intake answers them
func (a *ATS) WithControl() http.Handler {
	m := http.NewServeMux()
	a.mountLeverControl(m)
	mountGateControl(m, "/_sim/ats", a.gate, func() any { return a.state() }, nil)
	m.HandleFunc("GET /_sim/received", func(w http.ResponseWriter, r *http.Request) {
		got := a.Received(r.URL.Query().Get("vendor"))
		out := make([]ReceivedView, len(got))
		for i, rec := range got {
			out[i] = viewOf(rec)
		}
		writeJSON(w, http.StatusOK, map[string]any{"received": out})
	})
	m.HandleFunc("PUT /_sim/keys/{name}", func(w http.ResponseWriter, r *http.Request) {
		b, err := io.ReadAll(io.LimitReader(r.Body, maxKeyBody))
		key := strings.TrimSpace(string(b))
		if err != nil || key == "" {
			jsonError(w, http.StatusBadRequest, "the body must be the key")
			return
		}
		a.SetKey(r.PathValue("name"), key)
		writeJSON(w, http.StatusOK, map[string]string{"account": r.PathValue("name")})
	})
	m.Handle("/", a)
	return m
}

// ReceivedView is a Received as the control API shows it: its files by
// name, type, size and SHA-256 instead of their bytes.
type ReceivedView struct {
	Vendor         string              `json:"vendor"`
	Account        string              `json:"account"`
	Job            string              `json:"job"`
	ID             string              `json:"id"`
	IdempotencyKey string              `json:"idempotency_key,omitempty"`
	Fields         map[string][]string `json:"fields"`
	Files          []ReceivedFileView  `json:"files"`
	Deliveries     int                 `json:"deliveries"`
	At             time.Time           `json:"at"`
}

// ReceivedFileView is a received file without its bytes.
type ReceivedFileView struct {
	Field       string `json:"field"`
	FileName    string `json:"file_name"`
	ContentType string `json:"content_type"`
	Size        int    `json:"size"`
	SHA256      string `json:"sha256"`
}

func viewOf(r Received) ReceivedView {
	v := ReceivedView{Vendor: r.Vendor, Account: r.Account, Job: r.Job, ID: r.ID, IdempotencyKey: r.IdempotencyKey,
		Fields: r.Fields, Files: []ReceivedFileView{}, Deliveries: r.Deliveries, At: r.At}
	for _, f := range r.Files {
		sum := sha256.Sum256(f.Data)
		v.Files = append(v.Files, ReceivedFileView{Field: f.Field, FileName: f.FileName, ContentType: f.ContentType,
			Size: len(f.Data), SHA256: hex.EncodeToString(sum[:])})
	}
	return v
}

// ATSControl calls the control API of an ATS served at Sim (its base
// URL), as `vendorsim ats` does. Each call answers the API's status and
// JSON body; a transport error is the error.
type ATSControl struct {
	// Sim is the ATS server's base URL, e.g. http://127.0.0.1:9092.
	Sim string
}

// Received lists what the vendor's intake accepted ("" for every vendor).
func (c ATSControl) Received(ctx context.Context, vendor string) (Response, error) {
	u := strings.TrimRight(c.Sim, "/") + "/_sim/received"
	if vendor != "" {
		u += "?vendor=" + url.QueryEscape(vendor)
	}
	return send(ctx, http.MethodGet, u, nil)
}

// SetKey sets the key the named account signs or authenticates with.
func (c ATSControl) SetKey(ctx context.Context, account, key string) (Response, error) {
	return send(ctx, http.MethodPut, strings.TrimRight(c.Sim, "/")+"/_sim/keys/"+url.PathEscape(account), []byte(key))
}
