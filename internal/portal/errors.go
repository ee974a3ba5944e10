package portal

import (
	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
)

// errorBody is jobgate's error shape (internal/httpapi/errors.go):
// {"error":{"code","message","fields"}}.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// Fields name the refused fields of a body (never their values).
	Fields []ad.FieldError `json:"fields,omitempty"`
}

// Error codes the portal's JSON answers with.
const (
	codeUnauthorized = "unauthorized"
	codeNotFound     = "not_found"
	codeCSRFInvalid  = "csrf_invalid"
	codeInvalidJSON  = "invalid_json"
	codeValidation   = "validation_failed"
	codeInvalidQuery = "invalid_query"
	codeInternal     = "internal"
	codeLastAdmin    = "last_admin"
	codeEmailTaken   = "email_taken"
)

func abort(c *gin.Context, status int, code, msg string, fields ...ad.FieldError) {
	c.AbortWithStatusJSON(status, errorBody{Error: errorDetail{Code: code, Message: msg, Fields: fields}})
}
