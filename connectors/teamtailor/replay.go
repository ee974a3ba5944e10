package teamtailor

import (
	"encoding/hex"
	"time"

	"github.com/gin-gonic/gin"
)

// replicaSkew is added to a used signature's memory, beyond the end of its
// validity, for replicas whose clocks run a little behind the one that
// recorded it.
const replicaSkew = 5 * time.Second

// memory is how long a signature used at now must be remembered: until it
// is refused anyway, its timestamp having left the window.
func (s signature) memory(now time.Time) time.Duration {
	return s.expires.Sub(now) + replicaSkew
}

// firstUse lets a verified signature through once. Teamtailor's signature
// covers only the timestamp and the body, not the method or the path
// (https://partner.teamtailor.com/job_boards, "Webhook signatures": the
// timestamp is there "to prevent replay attacks", the window is the
// receiver's), so captured headers of a bodiless GET would otherwise work
// on DELETE /webhook/{any reference} for the rest of the window. Every
// replica shares the memory (connectors.Hub.FirstUse, in Redis), keyed by
// the v1 HMAC's bytes (not its text, which hex lets be upper or lower
// case). A replay is answered 401 in Teamtailor's error shape: the docs'
// example receiver refuses a signature with 401 (Teamtailor/tt-partner-docs,
// source/includes/job_boards/_webhook_signatures.md.erb), and any non-2xx
// answer carries {"errors":[...]}, shown to the recruiter (_webhooks.md.erb,
// "Error handling"). A memory that cannot be reached answers 503 and
// nothing is done.
//
// Two bodiless requests Teamtailor signs in the same second carry the same
// signature; the second is refused like a replay, and its message asks to
// send it again (Teamtailor shows it to the recruiter).
func (c *Connector) firstUse(g *gin.Context, s signature) bool {
	first, err := c.hub.FirstUse(g.Request.Context(), Name+":signature:"+hex.EncodeToString(s.mac), s.memory(c.now()))
	switch {
	case err != nil:
		unavailable(g)
		return false
	case !first:
		return c.refuse(g, "teamtailor_replay",
			"this signed request was already received: each Teamtailor signature is accepted once; send the request again")
	}
	return true
}
