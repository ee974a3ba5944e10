// Package workbuster is the connector for Workbuster. Workbuster publishes
// no technical documentation of a channel protocol (research/ats-vendors.md
// §6: only end-user help pages, http://kb.workbuster.se/vacant-position/,
// every wire fact [U]), so a Workbuster employer pushes ads through
// jobgate's generic ad API (PUT/DELETE /v1/ads/{reference}) with the key
// jobgate issued. Workbuster has no public candidate-intake API either:
// applications always go to the ad's apply_url on Workbuster's career page
// (redirect), whatever the integration's settings say.
package workbuster

import "github.com/jobgate/jobgate/connectors"

// Name is the vendor name used in `--vendor workbuster`.
const Name = "workbuster"

// Connector is the Workbuster source.
type Connector struct{}

// New returns the Workbuster connector.
func New() *Connector { return &Connector{} }

// Name returns "workbuster".
func (*Connector) Name() string { return Name }

// Capabilities: pushed through the generic API; no direct apply.
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{Push: true}
}
