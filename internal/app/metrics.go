package app

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metricsEndpoint is /metrics: the registry in Prometheus' text format,
// behind JOBGATE_METRICS_TOKEN when it is set.
func metricsEndpoint(reg *prometheus.Registry, token string) http.Handler {
	h := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	if token == "" {
		return h
	}
	// Both sides are hashed so the comparison takes the same time
	// whatever the length of the token offered.
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		scheme, got, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		sum := sha256.Sum256([]byte(strings.TrimSpace(got)))
		if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="metrics"`)
			writeError(w, http.StatusUnauthorized, "unauthorised", "/metrics needs Authorization: Bearer <JOBGATE_METRICS_TOKEN>")
			return
		}
		h.ServeHTTP(w, r)
	})
}

// writeError answers in the API's error shape.
func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"error": map[string]string{"code": code, "message": msg}})
}

// metricsServer serves /metrics alone on JOBGATE_METRICS_ADDR (or on
// opt.MetricsListener); nil when the address is not set and /metrics is
// served on the main address. It listens before returning, so a busy or
// bad address stops start-up.
func (p *process) metricsServer(endpoint http.Handler) (*http.Server, net.Listener, error) {
	addr := p.env.Cfg.MetricsAddr
	if addr == "" {
		return nil, nil, nil
	}
	ln := p.opt.MetricsListener
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", addr); err != nil {
			return nil, nil, fmt.Errorf("JOBGATE_METRICS_ADDR: %w", err)
		}
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", endpoint)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: this address serves /metrics only")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second, MaxHeaderBytes: 16 << 10}
	return srv, ln, nil
}

// serveMetrics runs srv on ln until it is shut down; a failure is logged,
// since the API goes on without its metrics.
func (p *process) serveMetrics(srv *http.Server, ln net.Listener) {
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		p.env.Log.Error("metrics listener stopped", "addr", ln.Addr().String(), "err", err)
	}
}

// stopMetrics shuts the metrics server down, if there is one.
func stopMetrics(ctx context.Context, srv *http.Server) {
	if srv != nil {
		_ = srv.Shutdown(ctx)
	}
}
