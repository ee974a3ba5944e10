// Package generic is the connector for any ATS that uses jobgate's own
// documented ad API (PUT/DELETE /v1/ads/{reference} with the API key
// jobgate issued). The hub serves that API; this package declares what the
// generic source can do. Applications go to the vendor's apply_url
// (redirect) until the signed apply webhook is configured for the
// integration.
package generic

import "github.com/jobgate/jobgate/connectors"

// Name is the vendor name used in `--vendor generic`.
const Name = "generic"

// Connector is the generic source.
type Connector struct{}

// New returns the generic connector.
func New() *Connector { return &Connector{} }

// Name returns "generic".
func (*Connector) Name() string { return Name }

// Capabilities: ads are pushed through the generic API; the key is kept
// sealed because the signed apply webhook is signed with it.
func (*Connector) Capabilities() connectors.Capabilities {
	return connectors.Capabilities{Push: true, KeySigning: true, SecretSettings: []string{"apply_secret"}}
}
