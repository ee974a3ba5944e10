package teamtailor

import (
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Name is the vendor name used in `--vendor teamtailor` and in the path.
const Name = "teamtailor"

// signatureWindow is how far a Teamtailor-Signature timestamp may be from
// now; Teamtailor's docs suggest five minutes.
const signatureWindow = 5 * time.Minute

// Connector is the Teamtailor source. Teamtailor's base_url for the board
// is {JOBGATE_PUBLIC_URL}/connectors/teamtailor.
type Connector struct {
	hub    connectors.Hub
	secret string
	now    func() time.Time

	// Direct apply (WithApply): the API's base URL, the board's default
	// JobBoardId, and the outbound client (nil: outbound.Default).
	applyBase  string
	jobBoardID string
	out        *outbound.Client
}

// New returns the Teamtailor connector. secret is the board's API key from
// Teamtailor's Integrations Hub (JOBGATE_TEAMTAILOR_SECRET); without it
// every request is refused. hub may be nil where nothing is mounted.
func New(hub connectors.Hub, secret string) *Connector {
	return &Connector{hub: hub, secret: secret, now: time.Now}
}

// Name returns "teamtailor".
func (*Connector) Name() string { return Name }

// Capabilities: Teamtailor pushes ads, and takes applications through its
// Direct Apply API (apply.go), with the file types it documents
// (filetypes.go).
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{Push: true, DirectApply: true, URLSettings: []string{SettingApplyBaseURL},
		FileTypes: fileExtensions()}
}

// Mount adds the receivers Teamtailor's job-board API calls under
// /connectors/teamtailor/.
func (c *Connector) Mount(r connectors.Router) {
	r.GET("/config", c.config)
	r.POST("/webhook", c.webhook)
	r.PUT("/webhook", c.webhook)
	r.DELETE("/webhook/:reference_id", c.unlist)
	r.GET("/validate", c.validate)
}
