package sim

import (
	"bytes"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
)

// jobylonSourceTypes are the source_type values Jobylon documents (§3.2).
var jobylonSourceTypes = map[string]bool{"applied": true, "applied-silent": true, "recommended": true, "sourced": true}

// jobylonFiles are the file fields of the Push API (§3.2).
var jobylonFiles = map[string]bool{"cv": true, "cover_letter": true,
	"other_1": true, "other_2": true, "other_3": true, "other_4": true, "other_5": true}

// mountJobylon serves Jobylon's Push API intake (api-push.html.md;
// research/ats-vendors.md §3.2) as a strict receiver:
//
//	POST /p1/applications/   (the trailing slash is required: without it, 404)
//
// X-App-Id and X-App-Key must be an app id and the key SetKey gave it
// (else 403, as Jobylon documents). The body is multipart/form-data (with
// files cv, cover_letter, other_1 to other_5; another file field is 400)
// or JSON (source_json an object, recorded as its compact JSON text).
// job_id, first_name, last_name, source_type (a documented value) and
// source_json (a JSON object) are required, and an email must hold "@":
// 400 with Django REST framework's field errors ({"job_id": ["This field
// is required."]}, [U]: Jobylon documents no error body). A closed job
// (CloseJob("jobylon", job_id, true)) is 400 {"detail": ...}, as Jobylon
// answers a job the app cannot access. An application is 201 {"id": n}.
// Jobylon documents no idempotency key, so a repeat is a second
// application.
func (a *ATS) mountJobylon() {
	a.mux.HandleFunc("POST /p1/applications/{$}", a.jobylonApply)
	// Without this, the mux would redirect to the slash with a 307, which
	// a client follows with its body; Django's would not.
	a.mux.HandleFunc("POST /p1/applications", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusNotFound, map[string]string{"detail": "Not found (the trailing slash is required)."})
	})
}

func (a *ATS) jobylonApply(w http.ResponseWriter, r *http.Request) {
	if !a.admit(w, r) {
		return
	}
	appID := r.Header.Get("X-App-Id")
	key, ok := a.key(appID)
	if appID == "" || !ok || subtle.ConstantTimeCompare([]byte(key), []byte(r.Header.Get("X-App-Key"))) != 1 {
		writeJSON(w, http.StatusForbidden, map[string]string{"detail": "Invalid app credentials."})
		return
	}
	form, err := readIntakeForm(w, r, flattenJobylonJSON)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]string{"detail": err.Error()})
		return
	}
	if field, msg := checkJobylon(form); field != "" {
		writeJSON(w, http.StatusBadRequest, map[string][]string{field: {msg}})
		return
	}
	job := firstValue(form.fields, "job_id")
	if a.isClosed("jobylon", job) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"detail": "Job does not exist or is not accessible."})
		return
	}
	rec := Received{Vendor: "jobylon", Account: appID, Job: job, Body: form.body, Fields: form.fields, Files: form.files}
	a.accept(w, r, rec, http.StatusCreated, func(stored Received) any {
		// record's ids are "jobylon-<n>", n unique across the ATS;
		// Jobylon's are numbers.
		n, _ := strconv.Atoi(strings.TrimPrefix(stored.ID, "jobylon-"))
		return map[string]int{"id": n}
	})
}

// checkJobylon returns the first field of the form Jobylon would refuse,
// and why.
func checkJobylon(form intakeForm) (field, msg string) {
	for _, f := range []string{"job_id", "first_name", "last_name", "source_type", "source_json"} {
		if strings.TrimSpace(firstValue(form.fields, f)) == "" {
			return f, "This field is required."
		}
	}
	if _, err := strconv.ParseInt(firstValue(form.fields, "job_id"), 10, 64); err != nil {
		return "job_id", "A valid integer is required."
	}
	if st := firstValue(form.fields, "source_type"); !jobylonSourceTypes[st] {
		return "source_type", strconv.Quote(st) + " is not a valid choice."
	}
	var src map[string]json.RawMessage
	if json.Unmarshal([]byte(firstValue(form.fields, "source_json")), &src) != nil || src == nil {
		return "source_json", "Must be a JSON object."
	}
	if email := firstValue(form.fields, "email"); email != "" && !strings.Contains(email, "@") {
		return "email", "Enter a valid email address."
	}
	for _, f := range form.files {
		if !jobylonFiles[f.Field] {
			return f.Field, "Unknown file field (cv, cover_letter, other_1 to other_5)."
		}
	}
	return "", ""
}

// flattenJobylonJSON takes a JSON body's top-level values as fields:
// strings as they are, numbers and booleans as their JSON text, objects
// and lists (source_json) as their compact JSON.
func flattenJobylonJSON(obj map[string]json.RawMessage) (map[string][]string, error) {
	out := map[string][]string{}
	for k, raw := range obj {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			out[k] = []string{s}
			continue
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, raw); err != nil {
			return nil, errors.New("malformed JSON value " + k)
		}
		if buf.String() != "null" {
			out[k] = []string{buf.String()}
		}
	}
	return out, nil
}
