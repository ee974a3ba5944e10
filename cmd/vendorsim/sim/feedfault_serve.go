package sim

import (
	"bytes"
	"net/http"
	"strconv"
	"time"
)

// serveFault answers the request with the fault instead of the feed.
func (f *Feed) serveFault(w http.ResponseWriter, r *http.Request, fault FeedFault, id string) {
	q := r.URL.Query()
	format := f.w.format(q)
	switch fault {
	case Fault5xx:
		vendorError(w, f.Vendor(), http.StatusServiceUnavailable, "Service Unavailable")
	case Fault429:
		w.Header().Set("Retry-After", "30")
		vendorError(w, f.Vendor(), http.StatusTooManyRequests, "Too Many Requests")
	case FaultTimeout:
		f.stall(r)
	case FaultHTML:
		writeBody(w, "text/html; charset=utf-8", []byte(htmlErrorPage))
	case FaultMalformed:
		writeBody(w, contentTypes[format], malformedBodies[format])
	case FaultEmpty:
		if id != "" {
			notFound(w, f.Vendor())
			return
		}
		writeBody(w, contentTypes[format], f.w.empty(q))
	case FaultXMLEntities, FaultXMLExternalEntity:
		format = xmlFormat(format)
		writeBody(w, contentTypes[format], xmlAttack(fault, format))
	case FaultHuge:
		writeHuge(w, format)
	case FaultTruncated, FaultWrongContentType:
		rend, ok := f.render(q, id)
		if !ok {
			notFound(w, f.Vendor())
			return
		}
		if fault == FaultWrongContentType {
			writeRendition(w, rend, "text/plain; charset=utf-8")
			return
		}
		writeTruncated(w, rend)
	}
}

// stall holds the request without answering until the client gives up,
// the Feeds close or stallLimit passes, then drops the connection unanswered
// (http.ErrAbortHandler, which net/http does not log).
func (f *Feed) stall(r *http.Request) {
	t := time.NewTimer(stallLimit)
	defer t.Stop()
	select {
	case <-r.Context().Done():
		return
	case <-f.done:
	case <-t.C:
	}
	panic(http.ErrAbortHandler)
}

// writeTruncated declares the whole body's length and sends half: net/http
// then closes the connection (it wrote less than Content-Length), and the
// client's read ends in io.ErrUnexpectedEOF.
func writeTruncated(w http.ResponseWriter, rend rendition) {
	h := w.Header()
	h.Set("Content-Type", rend.ctype)
	h.Set("Content-Length", strconv.Itoa(len(rend.body)))
	setValidators(h, rend)
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(rend.body[:len(rend.body)/2])
}

// writeHuge streams HugeBodySize bytes of padding inside one text field of
// an otherwise valid body, reusing one chunk, and stops when the client
// goes away.
func writeHuge(w http.ResponseWriter, format string) {
	w.Header().Set("Content-Type", contentTypes[format])
	w.WriteHeader(http.StatusOK)
	parts := hugeParts[format]
	if _, err := w.Write([]byte(parts[0])); err != nil {
		return
	}
	for sent := 0; sent < HugeBodySize; sent += len(hugeChunk) {
		if _, err := w.Write(hugeChunk); err != nil {
			return
		}
	}
	_, _ = w.Write([]byte(parts[1]))
}

// hugeChunk is FaultHuge's padding, made once.
var hugeChunk = bytes.Repeat([]byte("Lorem ipsum dolor sit amet "), 64<<10/27)

// hugeParts are the text around FaultHuge's padding, per format.
var hugeParts = map[string][2]string{
	"json": {`[{"id":"huge-1","text":"Huge","descriptionBody":"`, `"}]`},
	"xml":  {`<?xml version="1.0" encoding="utf-8"?><jobs><job><id>1</id><title>Huge</title><descr>`, `</descr></job></jobs>`},
	"rss":  {`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Huge</title><item><CommAdSeqNo>1</CommAdSeqNo><title>Huge</title><description>`, `</description></item></channel></rss>`},
}

func writeBody(w http.ResponseWriter, ctype string, body []byte) {
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}

// vendorError answers an error status the way the vendor's API does:
// Lever's {"ok":false,"error":...} (research/ats-vendors.md §2.2), plain
// text for the others (their error bodies are [U]).
func vendorError(w http.ResponseWriter, v Vendor, status int, msg string) {
	if v == VendorLever || v == VendorLeverEU {
		w.Header().Set("Content-Type", contentTypes["json"])
		w.WriteHeader(status)
		_, _ = w.Write([]byte(`{"ok":false,"error":"` + msg + `"}`))
		return
	}
	http.Error(w, msg, status)
}

// notFound is the vendor's 404: Lever's is {"ok":false,"error":"Document
// not found"}.
func notFound(w http.ResponseWriter, v Vendor) {
	msg := "Not Found"
	if v == VendorLever || v == VendorLeverEU {
		msg = "Document not found"
	}
	vendorError(w, v, http.StatusNotFound, msg)
}
