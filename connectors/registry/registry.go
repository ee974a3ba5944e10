// Package registry is the one place that names every connector. Adding a
// vendor means adding its package and one line here; nothing registers
// itself in init().
package registry

import (
	"fmt"
	"sort"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/applywebhook"
	"github.com/jobgate/jobgate/connectors/generic"
	"github.com/jobgate/jobgate/connectors/jobylon"
	"github.com/jobgate/jobgate/connectors/lever"
	"github.com/jobgate/jobgate/connectors/ponty"
	"github.com/jobgate/jobgate/connectors/reachmee"
	"github.com/jobgate/jobgate/connectors/teamtailor"
	"github.com/jobgate/jobgate/connectors/workbuster"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Config is the vendor-level configuration some connectors need.
type Config struct {
	// TeamtailorSecret is the board's key from Teamtailor's Integrations
	// Hub (JOBGATE_TEAMTAILOR_SECRET).
	TeamtailorSecret string
	// TeamtailorApplyURL is the base URL of Teamtailor's Direct Apply API
	// (JOBGATE_TEAMTAILOR_APPLY_URL; empty: the documented one), and
	// TeamtailorJobBoardID the board's JobBoardId there
	// (JOBGATE_TEAMTAILOR_JOB_BOARD_ID).
	TeamtailorApplyURL   string
	TeamtailorJobBoardID string
	// Outbound makes every call the connectors make (nil:
	// outbound.Default, which allows no private address); the hub builds
	// it from JOBGATE_OUTBOUND_ALLOW.
	Outbound *outbound.Client
}

// Sources returns every source connector, by name, wired to hub (nil where
// no receiver is mounted, as in the CLI).
func Sources(hub connectors.Hub, cfg Config) map[string]connectors.Connector {
	all := []connectors.Connector{
		generic.New(),
		jobylon.New(cfg.Outbound).WithHub(hub),
		lever.New(cfg.Outbound),
		ponty.New(hub),
		reachmee.New(cfg.Outbound),
		teamtailor.New(hub, cfg.TeamtailorSecret).WithApply(cfg.TeamtailorApplyURL, cfg.TeamtailorJobBoardID, cfg.Outbound),
		workbuster.New(cfg.Outbound),
	}
	out := make(map[string]connectors.Connector, len(all))
	for _, c := range all {
		out[c.Name()] = c
	}
	return out
}

// Pushers returns the sources that receive webhooks, sorted by name.
func Pushers(sources map[string]connectors.Connector) []connectors.Pusher {
	var out []connectors.Pusher
	for _, name := range sortedNames(sources) {
		if p, ok := sources[name].(connectors.Pusher); ok {
			out = append(out, p)
		}
	}
	return out
}

// Pollers returns the sources whose feeds jobgate polls, sorted by name.
func Pollers(sources map[string]connectors.Connector) []connectors.Poller {
	var out []connectors.Poller
	for _, name := range sortedNames(sources) {
		if p, ok := sources[name].(connectors.Poller); ok {
			out = append(out, p)
		}
	}
	return out
}

// Source returns the named source connector, for its capabilities.
func Source(name string) (connectors.Connector, error) {
	c, ok := Sources(nil, Config{})[name]
	if !ok {
		return nil, fmt.Errorf("unknown vendor %q (known: %v)", name, Names())
	}
	return c, nil
}

// Names lists the source connectors' names, sorted.
func Names() []string { return sortedNames(Sources(nil, Config{})) }

func sortedNames(m map[string]connectors.Connector) []string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Appliers returns what delivers applications: the sources that can apply
// into their ATS, then the signed apply webhook (calling through out),
// sorted by name.
func Appliers(sources map[string]connectors.Connector, out *outbound.Client) []connectors.Applier {
	var appliers []connectors.Applier
	for _, name := range sortedNames(sources) {
		if a, ok := sources[name].(connectors.Applier); ok {
			appliers = append(appliers, a)
		}
	}
	return append(appliers, applywebhook.New(out))
}
