package httpapi

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/ingest"
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
	in, err := h.integrations.Get(c.Request.Context(), principalOf(c).IntegrationID)
	if err != nil {
		abortInternal(c, err)
		return
	}
	res, err := h.d.Ingest.Put(c.Request.Context(), in, ref, a)
	var verr *ad.ValidationError
	switch {
	case errors.As(err, &verr):
		abortFields(c, http.StatusUnprocessableEntity, codeValidation, "the ad is not valid", verr.Fields)
		return
	case errors.Is(err, connectors.ErrIntegrationDisabled):
		abort(c, http.StatusForbidden, connectors.CodeIntegrationDisabled, connectors.MsgIntegrationDisabled)
		return
	case err != nil:
		abortInternal(c, err)
		return
	}
	status := http.StatusOK
	if res.Created {
		status = http.StatusCreated
	}
	c.Data(status, jsonContentType, h.adView(res.Ad, res.Changed, ingest.ChannelsOf(in.Settings)))
}

// decodeAd decodes; it answers 400 for malformed JSON or unknown fields
// and 422 for values of the wrong type, with every bad field listed (the
// values are validated too, so one answer names them all). Values of the
// right type are validated when the ad is stored.
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
		if nerr := ad.Normalize(&a, time.Now()); errors.As(nerr, new(*ad.ValidationError)) {
			verr.Fields = append(verr.Fields, nerr.(*ad.ValidationError).Fields...)
		}
		abortFields(c, http.StatusUnprocessableEntity, codeValidation, "the ad is not valid", ad.FirstPerField(verr.Fields))
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

// deleteAd withdraws the ad everywhere: 200 with the ad, 404 if unknown.
func (h *handlers) deleteAd(c *gin.Context) {
	res, ok := storeAnswer(c, h.d.Ingest.Remove)
	if !ok {
		return
	}
	c.Data(http.StatusOK, jsonContentType, h.adView(res.Ad, res.Changed, nil))
}

// getAd returns the ad as stored, with its state on every channel. A key
// only sees its own integration's ads: any other reference is 404.
func (h *handlers) getAd(c *gin.Context) {
	res, ok := storeAnswer(c, func(ctx context.Context, integrationID, ref string) (store.AdResult, error) {
		rec, err := h.d.Store.GetAd(ctx, integrationID, ref)
		return store.AdResult{Ad: rec}, err
	})
	if !ok {
		return
	}
	in, err := h.integrations.Get(c.Request.Context(), principalOf(c).IntegrationID)
	if err != nil {
		abortInternal(c, err)
		return
	}
	c.Data(http.StatusOK, jsonContentType, h.adView(res.Ad, false, ingest.ChannelsOf(in.Settings)))
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
// media type or none, 413 beyond the limit.
func readJSONBody(c *gin.Context) ([]byte, bool) {
	if !connectors.IsJSONMediaType(c.GetHeader("Content-Type")) {
		abort(c, http.StatusUnsupportedMediaType, codeUnsupportedMedia, "send the body as application/json (with that Content-Type)")
		return nil, false
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
