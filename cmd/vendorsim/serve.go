package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"time"

	"github.com/jobgate/jobgate/internal/outbound"
)

// allowHint tells, when the simulator listens on an address jobgate's
// outbound guard refuses (loopback, a private network), the
// JOBGATE_OUTBOUND_ALLOW jobgate must run with to call it.
func allowHint(stdout io.Writer, ln net.Listener) {
	ap, err := netip.ParseAddrPort(ln.Addr().String())
	if err != nil || outbound.NewGuard(nil).Check(ap.Addr()) == nil {
		return
	}
	cidr := netip.PrefixFrom(ap.Addr().Unmap(), ap.Addr().Unmap().BitLen()).String()
	if ap.Addr().Unmap().IsLoopback() && ap.Addr().Unmap().Is4() {
		cidr = "127.0.0.0/8"
	}
	fmt.Fprintf(stdout, "  run jobgate with %s=%s: the simulator listens on an address jobgate refuses to call otherwise\n", outbound.AllowVariable, cidr)
}

// serveUntil serves h on ln until ctx ends, then releases what the
// simulator holds (closeSim, so held requests end) and shuts the server
// down gracefully.
func serveUntil(ctx context.Context, ln net.Listener, h http.Handler, closeSim func()) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	closeSim()
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}
