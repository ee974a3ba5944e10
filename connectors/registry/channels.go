package registry

import (
	"fmt"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/finn"
	"github.com/jobgate/jobgate/connectors/nav"
	"github.com/jobgate/jobgate/internal/outbound"
)

// ChannelConfig is the board's configuration of the external channels.
type ChannelConfig struct {
	// NAV is used when NAV.BaseURL is set (JOBGATE_NAV_URL,
	// JOBGATE_NAV_PROVIDER_ID, JOBGATE_NAV_TOKEN).
	NAV nav.Config
	// FINN is used when FINN.PartnerID is set (JOBGATE_FINN_URL,
	// JOBGATE_FINN_PARTNER_ID).
	FINN finn.Config
	// Outbound makes the channels' calls where their own configuration
	// names none (nil: outbound.Default).
	Outbound *outbound.Client
}

// ChannelNames lists the external channels an integration may choose in
// its channels setting.
func ChannelNames() []string { return []string{finn.Name, nav.Name} }

// Channels returns the external channels that are configured, NAV then
// FINN; an error names the one whose configuration is incomplete.
func Channels(cfg ChannelConfig) ([]connectors.Channel, error) {
	var out []connectors.Channel
	if cfg.NAV.Outbound == nil {
		cfg.NAV.Outbound = cfg.Outbound
	}
	if cfg.FINN.Outbound == nil {
		cfg.FINN.Outbound = cfg.Outbound
	}
	if cfg.NAV.BaseURL != "" {
		c, err := nav.New(cfg.NAV)
		if err != nil {
			return nil, fmt.Errorf("NAV channel: %w", err)
		}
		out = append(out, c)
	}
	if cfg.FINN.PartnerID != "" {
		c, err := finn.New(cfg.FINN)
		if err != nil {
			return nil, fmt.Errorf("FINN channel: %w", err)
		}
		out = append(out, c)
	}
	return out, nil
}
