package sim

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Lever's documented apply limit (README "POST Application Rate Limit";
// research/ats-vendors.md §2.2): more than leverRateLimit application
// POSTs to one site within leverRateWindow answer 429.
const (
	leverRateLimit  = 2
	leverRateWindow = time.Second
)

// maxIntakeBody bounds a Lever or Jobylon apply body: 25 MiB of files and
// the rest.
const maxIntakeBody = 32 << 20

// leverIntake is Lever's Postings API apply,
//
//	POST /v0/postings/{site}/{posting id}?key={api key}
//	POST /eu/v0/postings/{site}/{posting id}?key={api key}   (the EU instance)
//
// as a strict receiver (and GET /v1/postings/{id}/apply, the posting's
// application questions: ats_lever_form.go): the key must be the one SetKey gave the site
// (else 401); more than 2 application POSTs to one site in any sliding
// second answer 429 with Retry-After: 1, as Lever documents, and are
// counted (LeverRejected); every POST's arrival is kept per site
// (LeverArrivals), so a test can check jobgate's pacing. The body is
// multipart/form-data (the resume only there), urlencoded or JSON; name
// and an email with "@" are required (400), so is every field the site's
// form (SetLeverForm) requires (400 naming it), and resume is the only file
// field Lever documents, so another file field is refused (400) for
// jobgate's drift to show. A closed job (CloseJob("lever", id, true))
// answers 404 {"ok":false,"error":"posting not found"}: Lever documents
// no status for it, and its Postings API shows published postings only.
// Errors are {"ok":false,"error":...}; an application is 200
// {"ok":true,"applicationId":...}. Lever takes no idempotency key, so a
// repeat is a second application.
//
// Its state lives here, not in ATS: the intake is found again through the
// mux (ATS.leverIntake).
type leverIntake struct {
	a   *ATS
	now func() time.Time

	mu       sync.Mutex
	arrivals map[string][]time.Time
	// window holds, per site, the accepted (not 429) POSTs of the last
	// leverRateWindow.
	window   map[string][]time.Time
	rejected map[string]int
	// forms and apiKeys are each site's application form and Lever API
	// key (SetLeverForm, SetLeverAPIKey); questionReads counts the reads
	// of its questions.
	forms         map[string]LeverForm
	apiKeys       map[string]string
	questionReads map[string]int
}

// leverProbe is a path the Lever intake serves, to find it in the mux.
const leverProbe = "/v0/postings/site/posting"

// mountLever serves Lever's Postings API apply (leverIntake).
func (a *ATS) mountLever() {
	lv := &leverIntake{a: a, now: time.Now, arrivals: map[string][]time.Time{}, window: map[string][]time.Time{}, rejected: map[string]int{},
		forms: map[string]LeverForm{}, apiKeys: map[string]string{}, questionReads: map[string]int{}}
	a.mux.Handle("POST /v0/postings/{site}/{id}", lv)
	a.mux.Handle("POST /eu/v0/postings/{site}/{id}", lv)
	a.mux.HandleFunc("GET /v1/postings/{id}/apply", lv.serveQuestions)
	a.mux.HandleFunc("GET /eu/v1/postings/{id}/apply", lv.serveQuestions)
}

// leverIntake returns the Lever intake mountLever put on the mux.
func (a *ATS) leverIntake() *leverIntake {
	h, _ := a.mux.Handler(&http.Request{Method: http.MethodPost, URL: &url.URL{Path: leverProbe}})
	lv, ok := h.(*leverIntake)
	if !ok {
		panic("sim: the Lever intake is not mounted")
	}
	return lv
}

// LeverArrivals returns when each application POST to the Lever site
// arrived (past the fault gate), oldest first, the rate-limited ones
// included.
func (a *ATS) LeverArrivals(site string) []time.Time {
	lv := a.leverIntake()
	lv.mu.Lock()
	defer lv.mu.Unlock()
	return slices.Clone(lv.arrivals[site])
}

// LeverRejected returns how many application POSTs to the Lever site were
// answered 429 for exceeding Lever's 2 a second.
func (a *ATS) LeverRejected(site string) int {
	lv := a.leverIntake()
	lv.mu.Lock()
	defer lv.mu.Unlock()
	return lv.rejected[site]
}

// arrive records a POST to site and reports whether Lever's limit lets
// it through.
func (lv *leverIntake) arrive(site string) bool {
	lv.mu.Lock()
	defer lv.mu.Unlock()
	now := lv.now()
	lv.arrivals[site] = append(lv.arrivals[site], now)
	win := slices.DeleteFunc(lv.window[site], func(t time.Time) bool { return now.Sub(t) >= leverRateWindow })
	if len(win) >= leverRateLimit {
		lv.window[site] = win
		lv.rejected[site]++
		return false
	}
	lv.window[site] = append(win, now)
	return true
}

func (lv *leverIntake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a := lv.a
	if !a.admit(w, r) {
		return
	}
	site, id := r.PathValue("site"), r.PathValue("id")
	if !lv.arrive(site) {
		w.Header().Set("Retry-After", "1")
		leverError(w, http.StatusTooManyRequests, "rate limit")
		return
	}
	key, ok := a.key(site)
	if !ok || subtle.ConstantTimeCompare([]byte(key), []byte(r.URL.Query().Get("key"))) != 1 {
		leverError(w, http.StatusUnauthorized, "invalid API key")
		return
	}
	if a.isClosed("lever", id) {
		leverError(w, http.StatusNotFound, "posting not found")
		return
	}
	form, err := readIntakeForm(w, r, flattenLeverJSON)
	if err != nil {
		leverError(w, http.StatusBadRequest, err.Error())
		return
	}
	for _, f := range form.files {
		if f.Field != "resume" {
			leverError(w, http.StatusBadRequest, "unknown file field "+f.Field+" (only resume)")
			return
		}
	}
	switch name, email := firstValue(form.fields, "name"), firstValue(form.fields, "email"); {
	case strings.TrimSpace(name) == "":
		leverError(w, http.StatusBadRequest, "name is required")
		return
	case !strings.Contains(email, "@"):
		leverError(w, http.StatusBadRequest, "email is required and must contain @")
		return
	}
	if missing := lv.form(site).missingRequired(form.fields, form.files); missing != "" {
		// Lever documents only the shape, {ok:false, error:<error
		// string>}; the wording is the simulator's, naming the field.
		leverError(w, http.StatusBadRequest, "Missing required field: "+missing)
		return
	}
	rec := Received{Vendor: "lever", Account: site, Job: id, Body: form.body, Fields: form.fields, Files: form.files}
	a.accept(w, r, rec, http.StatusOK, func(stored Received) any { return map[string]any{"ok": true, "applicationId": stored.ID} })
}

func leverError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]any{"ok": false, "error": msg})
}

func firstValue(fields map[string][]string, name string) string {
	if v := fields[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// intakeForm is a Lever or Jobylon apply body, read: its values in the
// order sent, its files byte for byte, and the raw body of a JSON one.
type intakeForm struct {
	fields map[string][]string
	files  []ReceivedFile
	body   []byte
}

// readIntakeForm reads a multipart/form-data, urlencoded or JSON body (the
// query is not part of it: Lever's key is there). flatten turns a JSON
// body's values into fields, as each vendor names them.
func readIntakeForm(w http.ResponseWriter, r *http.Request, flatten func(map[string]json.RawMessage) (map[string][]string, error)) (intakeForm, error) {
	r.Body = http.MaxBytesReader(w, r.Body, maxIntakeBody)
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil {
		return intakeForm{}, errors.New("no Content-Type")
	}
	f := intakeForm{fields: map[string][]string{}}
	switch mt {
	case "multipart/form-data":
		if params["boundary"] == "" {
			return f, errors.New("multipart body without a boundary")
		}
		mr, err := r.MultipartReader()
		if err != nil {
			return f, fmt.Errorf("multipart: %w", err)
		}
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				return f, nil
			}
			if err != nil {
				return f, fmt.Errorf("multipart: %w", err)
			}
			data, err := io.ReadAll(p)
			if err != nil {
				return f, fmt.Errorf("multipart: %w", err)
			}
			switch {
			case p.FormName() == "":
				return f, errors.New("multipart part without a name")
			case p.FileName() != "":
				f.files = append(f.files, ReceivedFile{Field: p.FormName(), FileName: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: data})
			default:
				f.fields[p.FormName()] = append(f.fields[p.FormName()], string(data))
			}
		}
	case "application/x-www-form-urlencoded":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return f, errors.New("unreadable body")
		}
		vs, err := url.ParseQuery(string(body))
		if err != nil {
			return f, errors.New("malformed form body")
		}
		f.fields = vs
		return f, nil
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return f, errors.New("unreadable body")
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(body, &obj); err != nil {
			return f, errors.New("body is not a JSON object")
		}
		f.body = body
		f.fields, err = flatten(obj)
		return f, err
	}
	return f, errors.New("unsupported Content-Type " + mt)
}

// flattenLeverJSON names a JSON body's values as the multipart form would:
// consent: {store: true} is consent[store], urls: {GitHub: ...} is
// urls[GitHub].
func flattenLeverJSON(obj map[string]json.RawMessage) (map[string][]string, error) {
	out := map[string][]string{}
	var walk func(name string, raw json.RawMessage) error
	walk = func(name string, raw json.RawMessage) error {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			return err
		}
		switch x := v.(type) {
		case map[string]any:
			var sub map[string]json.RawMessage
			_ = json.Unmarshal(raw, &sub)
			for k, r := range sub {
				if err := walk(name+"["+k+"]", r); err != nil {
					return err
				}
			}
		case []any:
			var sub []json.RawMessage
			_ = json.Unmarshal(raw, &sub)
			for _, r := range sub {
				if err := walk(name, r); err != nil {
					return err
				}
			}
		case string:
			out[name] = append(out[name], x)
		case nil:
		default:
			out[name] = append(out[name], string(raw))
		}
		return nil
	}
	for k, raw := range obj {
		if err := walk(k, raw); err != nil {
			return nil, errors.New("malformed JSON value " + k)
		}
	}
	return out, nil
}
