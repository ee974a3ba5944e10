package portal

import (
	"errors"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/privacy"
)

// The account admin's export and erasure of a candidate (GDPR articles
// 15, 17 and 20), limited to the admin's account: the privacy service
// audits both as the signed-in user and never with the e-mail.

func invalidCandidateEmail(c *gin.Context) {
	abort(c, http.StatusUnprocessableEntity, codeValidation, "the candidate is not valid",
		ad.FieldError{Field: "email", Code: "invalid", Message: "is not one e-mail address"})
}

// getExport is GET /v1/portal/candidates/export?email=E: everything the
// account holds about the candidate, as JSON.
func (p *Portal) getExport(c *gin.Context) {
	email, ok := memberEmail(c.Query("email"))
	if !ok {
		invalidCandidateEmail(c)
		return
	}
	x, err := p.d.Privacy.Export(c.Request.Context(), email, current(c).viewer.AccountID)
	if err != nil {
		p.privacyError(c, err)
		return
	}
	c.JSON(http.StatusOK, x)
}

// eraseBody is POST /v1/portal/candidates/erase's body.
type eraseBody struct {
	Email string `json:"email"`
}

// postErase is POST /v1/portal/candidates/erase ({"email"}): erases what
// the account holds about the candidate and answers the receipt.
func (p *Portal) postErase(c *gin.Context) {
	var b eraseBody
	if !readBody(c, &b, false, `{"email": "..."}`) {
		return
	}
	email, ok := memberEmail(b.Email)
	if !ok {
		invalidCandidateEmail(c)
		return
	}
	r, err := p.erase(c, email)
	if err != nil {
		p.privacyError(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}

// privacyError answers an export's or erasure's error.
func (p *Portal) privacyError(c *gin.Context, err error) {
	if errors.Is(err, privacy.ErrInvalidEmail) {
		invalidCandidateEmail(c)
		return
	}
	p.fail(c, true, err)
}

// erase erases what the viewer's account holds about the candidate. An
// error after the receipt was stored (the database could not compact its
// files) is logged, not returned: the data is erased and the receipt
// says so.
func (p *Portal) erase(c *gin.Context, email string) (privacy.Receipt, error) {
	r, err := p.d.Privacy.Erase(c.Request.Context(), email, current(c).viewer.AccountID)
	if err != nil && r.ID != "" {
		p.d.Log.Error("portal: erasure done but not compacted", "receipt", r.ID, "error", err)
		err = nil
	}
	return r, err
}
