// Package outboundtest gives tests an outbound client that may call their
// servers: httptest servers and the vendorsim simulators listen on
// 127.0.0.1, which the outbound guard refuses unless allowed, as
// JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8 allows it.
package outboundtest

import "github.com/jobgate/jobgate/internal/outbound"

// Allow is the tests' allow-list: loopback.
const Allow = "127.0.0.0/8"

// Client is an outbound client allowed to call loopback, and nothing else
// the guard refuses.
var Client = outbound.New(outbound.Config{Allow: outbound.MustParseAllow(Allow)})
