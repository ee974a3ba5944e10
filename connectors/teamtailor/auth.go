package teamtailor

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/connectors"
)

// authenticate runs both of Teamtailor's checks on a request whose raw body
// is body: the Teamtailor-Signature HMAC with the board's secret
// (https://partner.teamtailor.com/job_boards, "Webhook signatures"), used
// once (replay.go), then the activation JWT in Authorization, signed with
// the same secret, whose api_key claim is the key jobgate issued to the
// customer. It answers the failure itself, in Teamtailor's
// {"errors":[...]} shape. The signature and the JWT are the board's, shared
// by every customer, so their failures count toward the lockout of the
// client address only; a wrong api_key counts for that key too.
func (c *Connector) authenticate(g *gin.Context, body []byte) (connectors.Integration, bool) {
	ka, ok := c.hub.(connectors.KeyAuthenticator)
	if c.secret == "" || !ok {
		fail(g, 503, "Teamtailor is not configured on this job board")
		return connectors.Integration{}, false
	}
	ctx := g.Request.Context()
	if wait, err := c.hub.LockedOut(ctx, g.ClientIP(), ""); err != nil || wait > 0 {
		return connectors.Integration{}, c.locked(g, wait, err)
	}
	sig, err := checkSignature(g.GetHeader("Teamtailor-Signature"), body, c.secret, c.now())
	if err != nil {
		return connectors.Integration{}, c.refuse(g, "teamtailor_signature", "the request is not signed by Teamtailor for this job board")
	}
	if !c.firstUse(g, sig) {
		return connectors.Integration{}, false
	}
	apiKey, err := activationKey(g.GetHeader("Authorization"), c.secret, c.now())
	if err != nil {
		return connectors.Integration{}, c.refuse(g, "teamtailor_jwt", "the request is not signed by Teamtailor for this job board")
	}
	in, err := ka.Authenticate(ctx, g.ClientIP(), apiKey)
	var locked *connectors.LockedOutError
	switch {
	case errors.As(err, &locked):
		return in, c.locked(g, locked.RetryAfter, nil)
	case errors.Is(err, connectors.ErrBadCredentials):
		fail(g, 401, "the api_key in the activation settings is not valid: paste the key the job board issued")
		return in, false
	case err != nil:
		fail(g, 500, "internal error")
		return in, false
	case in.Vendor != Name:
		fail(g, 401, "the api_key belongs to another kind of integration")
		return in, false
	}
	return in, true
}

// locked answers a lockout (429 with Retry-After), or 503 when the lockout
// could not be checked (err): never let a request through unchecked.
func (c *Connector) locked(g *gin.Context, wait time.Duration, err error) bool {
	if err != nil {
		unavailable(g)
		return false
	}
	g.Header("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
	fail(g, 429, "too many failed authentications; try again later")
	return false
}

// unavailable answers 503: the job board cannot check the request now
// (Redis unreachable), and the request may be sent again.
func unavailable(g *gin.Context) {
	fail(g, 503, "the job board cannot check this request now; try again in a minute")
}

// refuse counts a failure toward the client address's lockout and answers
// 401 with msg.
func (c *Connector) refuse(g *gin.Context, reason, msg string) bool {
	if err := c.hub.AuthFailed(g.Request.Context(), g.ClientIP(), "", reason); err != nil {
		unavailable(g)
		return false
	}
	fail(g, 401, msg)
	return false
}

// signature is a verified Teamtailor-Signature: its v1 HMAC and the end
// of its validity.
type signature struct {
	mac     []byte
	expires time.Time
}

// checkSignature verifies "t=<unix>,v1=<hex>[,v0=...]": HMAC-SHA256 with
// secret over "<t>.<body>", v1 (the newest scheme) only, t within the
// window, compared in constant time.
func checkSignature(header string, body []byte, secret string, now time.Time) (signature, error) {
	var ts, v1 string
	for _, part := range strings.Split(header, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "t":
			ts = v
		case "v1":
			v1 = v
		}
	}
	unix, err := strconv.ParseInt(ts, 10, 64)
	if err != nil || v1 == "" {
		return signature{}, errors.New("malformed signature header")
	}
	signed := time.Unix(unix, 0)
	if d := now.Sub(signed); d > signatureWindow || d < -signatureWindow {
		return signature{}, errors.New("signature timestamp outside the window")
	}
	want, err := hex.DecodeString(v1)
	if err != nil {
		return signature{}, errors.New("malformed signature")
	}
	if !hmac.Equal(want, Sign(secret, ts, body)) {
		return signature{}, errors.New("wrong signature")
	}
	return signature{mac: want, expires: signed.Add(signatureWindow)}, nil
}

// Sign is Teamtailor's signature of body at timestamp ts.
func Sign(secret, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts + "."))
	m.Write(body)
	return m.Sum(nil)
}
