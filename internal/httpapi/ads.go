package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/board"
	"github.com/jobgate/jobgate/internal/store"
)

const maxReference = 200

const jsonContentType = "application/json; charset=utf-8"

// putAd creates or updates the ad with this reference: 201 created, 200
// updated or unchanged.
func (h *handlers) putAd(c *gin.Context) {
	ref, ok := reference(c)
	if !ok {
		return
	}
	body, ok := readJSONBody(c)
	if !ok {
		return
	}
	a, ok := decodeAd(c, body)
	if !ok {
		return
	}
	p := principalOf(c)
	in, err := h.integrations.get(c, p.IntegrationID)
	if err != nil {
		abortInternal(c, err)
		return
	}
	res, err := h.d.Store.UpsertAd(c.Request.Context(), h.adWrite(in, ref, a))
	if err != nil {
		abortInternal(c, err)
		return
	}
	h.d.Dispatcher.Dispatch(res.Deliveries...)
	status, outcome := http.StatusOK, "unchanged"
	switch {
	case res.Created:
		status, outcome = http.StatusCreated, "created"
	case res.Changed:
		outcome = "updated"
	}
	h.d.Metrics.AdChanges.WithLabelValues(outcome).Inc()
	c.Data(status, jsonContentType, h.adView(res.Ad, res.Changed))
}

// decodeAd decodes and validates; it answers 400 for malformed JSON or
// unknown fields and 422 for bad values, with every bad field listed.
func decodeAd(c *gin.Context, body []byte) (ad.Ad, bool) {
	a, err := ad.Decode(body)
	var syn *ad.SyntaxError
	var verr *ad.ValidationError
	switch {
	case errors.As(err, &syn):
		abort(c, http.StatusBadRequest, codeInvalidJSON, "the body is not a JSON object")
		return a, false
	case errors.As(err, &verr):
		if hasUnknownField(verr) {
			abortFields(c, http.StatusBadRequest, codeUnknownField, "the ad has fields jobgate does not know", verr.Fields)
			return a, false
		}
		// Types are wrong: validate the rest too, to report every field.
		if nerr := ad.Normalize(&a, time.Now()); errors.As(nerr, new(*ad.ValidationError)) {
			verr.Fields = append(verr.Fields, nerr.(*ad.ValidationError).Fields...)
		}
		abortFields(c, http.StatusUnprocessableEntity, codeValidation, "the ad is not valid", dedupeFields(verr.Fields))
		return a, false
	}
	if err := ad.Normalize(&a, time.Now()); errors.As(err, &verr) {
		abortFields(c, http.StatusUnprocessableEntity, codeValidation, "the ad is not valid", verr.Fields)
		return a, false
	}
	return a, true
}

func hasUnknownField(v *ad.ValidationError) bool {
	for _, f := range v.Fields {
		if f.Code == "unknown_field" {
			return true
		}
	}
	return false
}

// dedupeFields keeps the first error per field: a value of the wrong type
// is also "required", and the type error says more.
func dedupeFields(fs []ad.FieldError) []ad.FieldError {
	seen := map[string]bool{}
	out := fs[:0]
	for _, f := range fs {
		if !seen[f.Field] {
			seen[f.Field] = true
			out = append(out, f)
		}
	}
	return out
}

func (h *handlers) adWrite(in store.Integration, ref string, a ad.Ad) store.AdWrite {
	content, _ := json.Marshal(a)
	mode, applyURL := h.applyMode(in, a)
	return store.AdWrite{AccountID: in.AccountID, IntegrationID: in.ID, Reference: ref, Content: content, Hash: ad.Hash(a),
		Title: a.Title, EmployerText: strings.ToLower(a.Employer.Name), SearchText: ad.SearchText(a), LocationText: ad.LocationText(a),
		ApplyMode: mode, ApplyURL: applyURL, Channels: channelsFor(in)}
}

// applyMode is direct when the integration's connector can deliver
// applications and the integration enables it; otherwise candidates are
// sent to the vendor's apply URL.
func (h *handlers) applyMode(in store.Integration, a ad.Ad) (string, string) {
	if c, ok := h.d.Sources[in.Vendor]; ok && c.Capabilities().DirectApply && in.Settings["direct_apply"] == "true" {
		return "direct", ""
	}
	return "redirect", a.ApplyURL
}

// channelsFor lists the channels an integration's ads are published to.
// The board always; external channels join it as they are built.
func channelsFor(store.Integration) []string {
	return []string{board.Name}
}

// deleteAd withdraws the ad everywhere: 200 with the ad, 404 if unknown.
func (h *handlers) deleteAd(c *gin.Context) {
	res, ok := storeAnswer(c, func(ctx context.Context, integrationID, ref string) (store.AdResult, error) {
		return h.d.Store.WithdrawAd(ctx, integrationID, ref)
	})
	if !ok {
		return
	}
	h.d.Dispatcher.Dispatch(res.Deliveries...)
	if res.Changed {
		h.d.Metrics.AdChanges.WithLabelValues("withdrawn").Inc()
	}
	c.Data(http.StatusOK, jsonContentType, h.adView(res.Ad, res.Changed))
}

// getAd returns the ad as stored, with its state on every channel. A key
// only sees its own integration's ads: any other reference is 404.
func (h *handlers) getAd(c *gin.Context) {
	res, ok := storeAnswer(c, func(ctx context.Context, integrationID, ref string) (store.AdResult, error) {
		rec, err := h.d.Store.GetAd(ctx, integrationID, ref)
		return store.AdResult{Ad: rec}, err
	})
	if ok {
		c.Data(http.StatusOK, jsonContentType, h.adView(res.Ad, false))
	}
}

// storeAnswer runs a store call on the caller's integration and the path's
// reference, answering 400, 404 or 500 itself when it cannot go on.
func storeAnswer(c *gin.Context, call func(ctx context.Context, integrationID, ref string) (store.AdResult, error)) (store.AdResult, bool) {
	ref, ok := reference(c)
	if !ok {
		return store.AdResult{}, false
	}
	res, err := call(c.Request.Context(), principalOf(c).IntegrationID, ref)
	switch {
	case errors.Is(err, store.ErrNotFound):
		abort(c, http.StatusNotFound, codeNotFound, "no ad with this reference")
		return res, false
	case err != nil:
		abortInternal(c, err)
		return res, false
	}
	return res, true
}

func reference(c *gin.Context) (string, bool) {
	ref := c.Param("reference")
	if ref == "" || len(ref) > maxReference || !utf8.ValidString(ref) || strings.ContainsFunc(ref, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		abort(c, http.StatusBadRequest, codeInvalidReference, "the reference must be 1 to 200 printable characters")
		return "", false
	}
	return ref, true
}

// readJSONBody reads at most MaxBodyBytes of a JSON body: 415 for another
// media type, 413 beyond the limit.
func readJSONBody(c *gin.Context) ([]byte, bool) {
	if ct := c.GetHeader("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || (mt != "application/json" && !strings.HasSuffix(mt, "+json")) {
			abort(c, http.StatusUnsupportedMediaType, codeUnsupportedMedia, "send the ad as application/json")
			return nil, false
		}
	}
	body, err := io.ReadAll(http.MaxBytesReader(c.Writer, c.Request.Body, MaxBodyBytes))
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		abort(c, http.StatusRequestEntityTooLarge, codeBodyTooLarge, "the body is larger than 1 MiB")
		return nil, false
	case err != nil:
		abort(c, http.StatusBadRequest, codeInvalidJSON, "the body could not be read")
		return nil, false
	}
	return body, true
}
