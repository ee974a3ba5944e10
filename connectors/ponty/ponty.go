// Package ponty receives ads pushed by Ponty.
//
// Ponty's documented push protocol is that of its own reference receiver,
// the WordPress plugin https://github.com/ponty-tech/connector (read at
// 5cf4aa3, version 1.0.15: ponty-connector/ponty-connector.php, functions
// api, api_auth and api_fail; docs at https://ponty-tech.github.io/connector):
// POST {site}/pnty_jobs_api with the ad as JSON (an upsert keyed on
// system_slug + assignment_id, its publish_date the time it goes live),
// DELETE {site}/pnty_jobs_api/{assignment_id} with the system slug in
// x-pnty-slug, GET {site}/pnty_version, and on every request the header
// "x-pnty-auth-2: Bearer <JWT>", HS256-signed with the API key, refused
// when issued more than 60 s ago or expired. Every answer is HTTP 200,
// {"success":true,"url":...} or {"success":false,"message":...}.
//
// jobgate is the receiving site: the employer pastes the key jobgate issued
// into Ponty (Admin > Annonsering) and the site URL
// {JOBGATE_PUBLIC_URL}/connectors/ponty/{integration id}, so the path names
// the integration whose keys check the JWT. Whether Ponty speaks the same
// protocol to job-board channels is unknown (research/ats-vendors.md §5,
// [U]); the 60 s window is configurable per integration
// (setting jwt_max_age) in case it differs.
package ponty

import (
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// Name is the vendor name used in `--vendor ponty` and in the path.
const Name = "ponty"

// defaultMaxAge is how old a JWT may be: Ponty's connector refuses tokens
// issued more than 60 s ago.
const defaultMaxAge = 60 * time.Second

// Connector is the Ponty source.
type Connector struct {
	hub connectors.Hub
	now func() time.Time
}

// New returns the Ponty connector; hub may be nil where nothing is
// mounted (the CLI).
func New(hub connectors.Hub) *Connector { return &Connector{hub: hub, now: time.Now} }

// Name returns "ponty".
func (*Connector) Name() string { return Name }

// Capabilities: Ponty pushes and signs its JWTs with the key jobgate
// issued, so the key is kept sealed. No public candidate-intake API:
// candidates go to external_apply_url.
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{Push: true, KeySigning: true}
}

// Mount adds the receivers under /connectors/ponty/.
func (c *Connector) Mount(r connectors.Router) {
	r.POST("/:integration/pnty_jobs_api", c.upsert)
	r.DELETE("/:integration/pnty_jobs_api/:assignment_id", c.unpublish)
	r.DELETE("/:integration/pnty_jobs_api", c.unpublish)
	r.GET("/:integration/pnty_version", c.version)
}
