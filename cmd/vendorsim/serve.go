package main

import (
	"context"
	"net"
	"net/http"
	"time"
)

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
