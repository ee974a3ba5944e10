package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
)

// errorBody is jobgate's error shape: {"error":{"code","message","fields"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string          `json:"code"`
	Message string          `json:"message"`
	Fields  []ad.FieldError `json:"fields,omitempty"`
	// ApplyURL is where a redirected candidate applies (code redirect).
	ApplyURL string `json:"apply_url,omitempty"`
	// Reason says why a direct job redirects now (apply_degraded).
	Reason string `json:"reason,omitempty"`
}

// Error codes the API answers with.
const (
	codeUnauthorized     = "unauthorized"
	codeTooManyRequests  = "too_many_requests"
	codeNotFound         = "not_found"
	codeInvalidJSON      = "invalid_json"
	codeUnknownField     = "unknown_field"
	codeValidation       = "validation_failed"
	codeBodyTooLarge     = "body_too_large"
	codeUnsupportedMedia = "unsupported_media_type"
	codeInvalidReference = "invalid_reference"
	codeInvalidQuery     = "invalid_query"
	codeInternal         = "internal"
)

func abort(c *gin.Context, status int, code, msg string) {
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: code, Message: msg}})
}

func abortFields(c *gin.Context, status int, code, msg string, fields []ad.FieldError) {
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: code, Message: msg, Fields: fields}})
}

func abortInternal(c *gin.Context, err error) {
	_ = c.Error(err)
	abort(c, http.StatusInternalServerError, codeInternal, "internal error; the request id identifies it in our logs")
}
