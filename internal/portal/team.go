package portal

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/mail"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// maxTeam bounds the members one PUT names.
const maxTeam = 100

// memberEmail returns the e-mail lower-cased, or false when it is not one
// plain address (no name, no list) of at most 254 characters.
func memberEmail(s string) (string, bool) {
	e := identity.NormalizeEmail(s)
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || a.Name != "" || len(e) > 254 {
		return "", false
	}
	return e, true
}

// getTeam is GET /v1/portal/ads/:id/team.
func (p *Portal) getTeam(c *gin.Context) {
	if !p.seeAd(c, true) {
		return
	}
	p.answerTeam(c)
}

func (p *Portal) answerTeam(c *gin.Context) {
	team, err := p.d.Store.ListTeam(c.Request.Context(), c.Param("id"))
	if err != nil {
		p.fail(c, true, err)
		return
	}
	c.JSON(http.StatusOK, teamOf(c.Param("id"), team))
}

// teamBody is PUT /v1/portal/ads/:id/team's body.
type teamBody struct {
	Members *[]string `json:"members"`
}

// putTeam is PUT /v1/portal/ads/:id/team ({"members":[e-mail, ...]}): the
// whole set of portal-added members. Recruiters the ATS names stay (and
// come back on the ATS's next push while it names them); it answers the
// team as it is then.
func (p *Portal) putTeam(c *gin.Context) {
	var body teamBody
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		abort(c, http.StatusBadRequest, codeInvalidJSON, "the body must be a JSON object {\"members\":[\"e-mail\", ...]}")
		return
	}
	emails, problems := teamEmails(body.Members)
	if len(problems) > 0 {
		abort(c, http.StatusUnprocessableEntity, codeValidation, "the team is not valid", problems...)
		return
	}
	err := p.d.Store.SetPortalTeam(c.Request.Context(), current(c).viewer.storeViewer(), c.Param("id"), emails)
	switch {
	case errors.Is(err, store.ErrNotFound):
		abort(c, http.StatusNotFound, codeNotFound, "no such ad")
	case err != nil:
		p.fail(c, true, err)
	default:
		p.answerTeam(c)
	}
}

// teamEmails checks a PUT's members: present, at most maxTeam, each an
// e-mail; duplicates count once.
func teamEmails(members *[]string) ([]string, []ad.FieldError) {
	if members == nil {
		return nil, []ad.FieldError{{Field: "members", Code: "required", Message: "is required (an empty list removes every portal-added member)"}}
	}
	if len(*members) > maxTeam {
		return nil, []ad.FieldError{{Field: "members", Code: "too_many", Message: fmt.Sprintf("has more than %d members", maxTeam)}}
	}
	var out []string
	var problems []ad.FieldError
	seen := map[string]bool{}
	for i, m := range *members {
		e, ok := memberEmail(m)
		if !ok {
			problems = append(problems, ad.FieldError{Field: fmt.Sprintf("members[%d]", i), Code: "invalid", Message: "is not an e-mail address"})
			continue
		}
		if !seen[e] {
			seen[e] = true
			out = append(out, e)
		}
	}
	return out, problems
}

// postTeamMember is POST /portal/ads/:id/team (form email): puts the
// e-mail on the team, then back to the ad's page.
func (p *Portal) postTeamMember(c *gin.Context) {
	if !p.seeAd(c, false) {
		return
	}
	e, ok := memberEmail(c.PostForm("email"))
	if !ok {
		p.renderAd(c, http.StatusUnprocessableEntity, "err_invalid_email")
		return
	}
	ctx, adID := c.Request.Context(), c.Param("id")
	err := p.d.Store.AddTeamMembers(ctx, adID, []string{e}, store.TeamFromPortal)
	if err == nil {
		err = p.d.Store.Audit(ctx, "team.add", adID, "")
	}
	if err != nil {
		p.fail(c, false, err)
		return
	}
	c.Redirect(http.StatusSeeOther, "/portal/ads/"+adID)
}

// postTeamRemove is POST /portal/ads/:id/team/remove (form email): takes
// the e-mail off the team, then back to the ad's page (which the user may
// no longer see, having removed itself: then the ads list).
func (p *Portal) postTeamRemove(c *gin.Context) {
	if !p.seeAd(c, false) {
		return
	}
	ctx, adID := c.Request.Context(), c.Param("id")
	err := p.d.Store.RemoveTeamMember(ctx, adID, identity.NormalizeEmail(c.PostForm("email")))
	switch {
	case errors.Is(err, store.ErrNotFound):
		p.renderAd(c, http.StatusUnprocessableEntity, "err_member_not_found")
		return
	case err != nil:
		p.fail(c, false, err)
		return
	}
	if _, err := p.d.Store.PortalAd(ctx, current(c).viewer.storeViewer(), adID); err != nil {
		c.Redirect(http.StatusSeeOther, "/portal/")
		return
	}
	c.Redirect(http.StatusSeeOther, "/portal/ads/"+adID)
}
