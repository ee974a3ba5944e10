package main

import (
	"context"
	"net"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// webhookName is the simulator's webhook the applications go to.
const webhookName = "load"

// serveATS is the child: the ATS simulator, light (no bodies kept).
func serveATS(ctx context.Context, o options) error {
	ats := sim.NewATS()
	ats.SetLight(true)
	ats.SetKey(webhookName, o.ATSKey)
	return sim.ServeChild(ctx, o.ATSChild, ats)
}

// startATS starts this binary as the ATS child on addr with key.
func startATS(addr, key string) (*sim.Child, error) {
	return sim.StartChild("--ats-child", addr, "--ats-key", key)
}

// freeAddr picks a free loopback address for the child.
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}
