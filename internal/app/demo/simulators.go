package demo

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"time"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// simulators are every vendor simulator of cmd/vendorsim/sim behind one
// address: the ATS intakes (Teamtailor, Lever, Jobylon, the signed apply
// webhook), the polled vendors' feeds (Lever, Jobylon, ReachMee,
// Workbuster), and the channels (NAV, FINN), each with its control API
// under /_sim/. One address is one thing to print and one port to give;
// Lever's connector also wants its feed and its apply API on one base URL,
// as api.lever.co serves both.
type simulators struct {
	ATS      *sim.ATS
	Feeds    *sim.Feeds
	Channels *sim.Channels
	// URL is the simulators' base URL, http://host:port.
	URL string

	atsControl http.Handler
	srv        *http.Server
	done       chan error
}

// startSimulators serves the simulators on addr. NAV files every upload at
// once and moderates an ad at its first status request, so a demo ad is
// live on NAV within a status interval rather than after NAV's days.
func startSimulators(addr string) (*simulators, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("--sim-addr: %w", err)
	}
	s := &simulators{ATS: sim.NewATS(), Feeds: sim.NewFeeds(),
		Channels: sim.NewChannels(sim.NAVConfig{FilingDelay: sim.NAVFilesAtOnce}, sim.FINNConfig{}),
		URL:      baseURL(ln.Addr()), done: make(chan error, 1)}
	s.Channels.NAV.ModerateAfter(0)
	s.atsControl = s.ATS.WithControl()
	s.srv = &http.Server{Handler: http.HandlerFunc(s.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { s.done <- s.srv.Serve(ln) }()
	return s, nil
}

// serve hands the request to the simulator whose path it is (route).
func (s *simulators) serve(w http.ResponseWriter, r *http.Request) { s.route(r).ServeHTTP(w, r) }

// route picks the simulator: the channels' API paths and control, then the
// ATS's control (Lever's form and API key too), then the feeds' control,
// then what only the ATS takes (anything but GET, Lever's and Teamtailor's
// intake reads); every other GET is a feed.
func (s *simulators) route(r *http.Request) http.Handler {
	p := r.URL.Path
	switch {
	case hasPrefix(p, "/stillingsimport/", "/api/v1/", "/_sim/nav", "/_sim/finn", "/_sim/channels", sim.DefaultFINNPath):
		return s.Channels
	case hasPrefix(p, "/_sim/received", "/_sim/keys/", "/_sim/ats"),
		strings.HasPrefix(p, "/_sim/lever/") && (strings.HasSuffix(p, "/form") || strings.HasSuffix(p, "/api-key")):
		return s.atsControl
	case strings.HasPrefix(p, "/_sim/"):
		return s.Feeds
	case r.Method != http.MethodGet && r.Method != http.MethodHead, hasPrefix(p, "/v1/", "/eu/v1/", "/teamtailor/"):
		return s.atsControl
	}
	return s.Feeds
}

func hasPrefix(p string, prefixes ...string) bool {
	for _, pre := range prefixes {
		if strings.HasPrefix(p, pre) {
			return true
		}
	}
	return false
}

// stop releases the requests a fault holds and shuts the server down.
func (s *simulators) stop(ctx context.Context) error {
	s.ATS.Close()
	s.Feeds.Close()
	s.Channels.Close()
	err := s.srv.Shutdown(ctx)
	if serveErr := <-s.done; !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return err
}

// baseURL is http://host:port for a listener's address; an unspecified
// host (":8080", "0.0.0.0:8080") is reached on loopback.
func baseURL(a net.Addr) string {
	ap, err := netip.ParseAddrPort(a.String())
	if err != nil {
		return "http://" + a.String()
	}
	ip := ap.Addr().Unmap()
	if ip.IsUnspecified() {
		ip = netip.AddrFrom4([4]byte{127, 0, 0, 1})
	}
	return "http://" + netip.AddrPortFrom(ip, ap.Port()).String()
}
