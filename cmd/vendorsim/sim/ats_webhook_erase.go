package sim

import (
	"net/http"
	"time"
)

// webhookErase serves the signed apply webhook's erasure call (README,
// "Vendor erasure"):
//
//	DELETE /webhook/{name}/{id}
//
// signed with Jobgate-Signature over "<t>." and the empty body. It deletes
// what the application carried and answers 204; an id it does not hold
// (or holds no more) is 404.
func (a *ATS) webhookErase(w http.ResponseWriter, r *http.Request) {
	if !a.admit(w, r) {
		return
	}
	name := r.PathValue("name")
	body, err := readBody(r, maxWebhookBody)
	if err != nil {
		jsonError(w, http.StatusBadRequest, "unreadable body")
		return
	}
	key, ok := a.key(name)
	if !ok || !validWebhookSignature(key, r.Header.Get("Jobgate-Signature"), body, time.Now()) {
		jsonError(w, http.StatusUnauthorized, "bad signature")
		return
	}
	if !a.erase("webhook", name, r.PathValue("id")) {
		jsonError(w, http.StatusNotFound, "no such application")
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// erase deletes what the vendor's application id of account carried,
// keeping its ids; false when there is none left to erase.
func (a *ATS) erase(vendor, account, id string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	for i := range a.received {
		rec := &a.received[i]
		if rec.Vendor == vendor && rec.Account == account && rec.ID == id && !rec.Erased {
			rec.Body, rec.Fields, rec.Files, rec.Erased = nil, nil, nil, true
			return true
		}
	}
	return false
}
