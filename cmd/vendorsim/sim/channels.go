package sim

import "net/http"

// Channels serves the simulated channel servers, NAV and FINN, on one
// handler, as `vendorsim channels serve` does: NAV's API under /api/v1/
// and /stillingsimport/api/v1/, FINN's import at its path, their control
// APIs under /_sim/nav and /_sim/finn, and both channels' stats at GET
// /_sim/channels. Their paths do not collide.
type Channels struct {
	NAV  *NAV
	FINN *FINN
	mux  *http.ServeMux
}

// The channels' names in the control API and ChannelsControl.
const (
	ChannelNAV  = "nav"
	ChannelFINN = "finn"
)

// NewChannels returns a NAV and a FINN made from their configs, served
// together.
func NewChannels(nav NAVConfig, finn FINNConfig) *Channels {
	c := &Channels{NAV: NewNAV(nav), FINN: NewFINN(finn), mux: http.NewServeMux()}
	for _, prefix := range []string{"/api/v1/", "/stillingsimport/", "/_sim/nav"} {
		c.mux.Handle(prefix, c.NAV)
	}
	c.mux.Handle("/_sim/nav/", c.NAV)
	c.mux.Handle("/_sim/finn", c.FINN)
	c.mux.Handle("/_sim/finn/", c.FINN)
	c.mux.Handle(c.FINN.cfg.Path, c.FINN)
	c.mux.HandleFunc("GET /_sim/channels", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{ChannelNAV: c.NAV.Stats(), ChannelFINN: c.FINN.Stats()})
	})
	return c
}

// ServeHTTP serves both channels and their control APIs.
func (c *Channels) ServeHTTP(w http.ResponseWriter, r *http.Request) { c.mux.ServeHTTP(w, r) }

// Close releases the requests either channel's faults hold (see
// NAV.Close).
func (c *Channels) Close() {
	c.NAV.Close()
	c.FINN.Close()
}
