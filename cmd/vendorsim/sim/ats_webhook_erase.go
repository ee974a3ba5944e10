package sim

import "net/http"

// webhookErase serves the signed apply webhook's erasure call (README,
// "Vendor erasure"):
//
//	DELETE /webhook/{name}/{id}
//
// signed with Jobgate-Signature over "<t>." and the empty body. It deletes
// what the application carried and answers 204; an id it does not hold
// (or holds no more) is 404.
func (a *ATS) webhookErase(w http.ResponseWriter, r *http.Request) {
	name, _, ok := a.signedWebhook(w, r)
	if !ok {
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
