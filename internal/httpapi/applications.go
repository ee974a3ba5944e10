package httpapi

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/apply"
	"github.com/jobgate/jobgate/internal/intake"
	"github.com/jobgate/jobgate/internal/stats"
)

// getApplicationForm answers a job's application form: its apply mode
// and, for direct apply, the fields, questions and consents.
func (h *handlers) getApplicationForm(c *gin.Context) {
	form, job, err := h.d.Intake.Form(c.Request.Context(), c.Param("id"))
	if err != nil {
		h.abortIntake(c, err)
		return
	}
	if form.Reason != "" {
		form.Message = labelsFor(form.Language).problemText(form.Reason)
	}
	if form.ApplyMode == apply.ModeDirect && form.Open {
		// An API client reads the form to show it: its apply start.
		h.count(c, job.Record.ID, h.visitSource(c), stats.ApplyStart)
	}
	c.JSON(http.StatusOK, form)
}

// duplicateBody answers a duplicate submission: that it was one, and
// nothing of the application it duplicates.
type duplicateBody struct {
	Duplicate bool `json:"duplicate"`
}

// postApplication takes a candidate's application (multipart) and answers
// 202 with its id and status URL; a repeat with the same Idempotency-Key
// answers with the first; a duplicate without a key 200 with
// duplicateBody only.
func (h *handlers) postApplication(c *gin.Context) {
	src := h.visitSource(c)
	sub, err := h.d.Intake.Submit(stats.WithSource(c.Request.Context(), src), c.Param("id"), c.GetHeader(intake.HeaderIdempotencyKey), c.Request)
	if err != nil {
		h.abortIntake(c, err)
		return
	}
	if !sub.Duplicate && !sub.Repeated {
		h.count(c, sub.JobID, src, stats.Application)
	}
	if sub.Duplicate {
		c.JSON(http.StatusOK, duplicateBody{Duplicate: true})
		return
	}
	if sub.Repeated {
		c.Header("Idempotent-Replayed", "true")
	}
	c.Header("Location", sub.StatusURL)
	c.JSON(http.StatusAccepted, sub)
}

// getApplication shows an application's status to the holder of its
// token.
func (h *handlers) getApplication(c *gin.Context) {
	v, err := h.d.Intake.Status(c.Request.Context(), c.Param("id"), c.Query("token"))
	if errors.Is(err, intake.ErrNoApplication) {
		abort(c, http.StatusNotFound, codeNotFound, "no such application (or the token is not its)")
		return
	}
	if err != nil {
		abortInternal(c, err)
		return
	}
	c.Header("Cache-Control", "no-store")
	c.JSON(http.StatusOK, v)
}

// abortIntake answers an intake error with its status and code; the
// message names fields, never values.
func (h *handlers) abortIntake(c *gin.Context, err error) {
	var ve *apply.ValidationError
	if errors.As(err, &ve) {
		fields := make([]ad.FieldError, len(ve.Problems))
		for i, p := range ve.Problems {
			fields[i] = ad.FieldError{Field: p.Field, Code: p.Code, Message: p.Message}
		}
		abortFields(c, http.StatusUnprocessableEntity, codeValidation, "the application is incomplete or invalid", fields)
		return
	}
	status, code, ok := intake.StatusOf(err)
	if !ok {
		abortInternal(c, err)
		return
	}
	detail := errorDetail{Code: code, Message: err.Error()}
	var re *intake.RequestError
	if errors.As(err, &re) && re.Field != "" {
		detail.Fields = []ad.FieldError{{Field: re.Field, Code: re.Code, Message: re.Message}}
	}
	var rd *intake.RedirectError
	if errors.As(err, &rd) {
		detail.ApplyURL, detail.Reason = rd.URL, rd.Reason
	}
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "30")
	}
	c.AbortWithStatusJSON(status, errorBody{Error: detail})
}
