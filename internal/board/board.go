// Package board is the built-in "board" channel: publishing an ad on the
// board means the board's feed (GET /v1/jobs) and job page show it. It
// runs through the outbox like every external channel, so the outbox works
// end to end for every ad, with or without NAV and FINN.
package board

import (
	"context"
	"strings"

	"github.com/jobgate/jobgate/connectors"
)

// Name is the channel's name.
const Name = "board"

// Channel is the board channel. Its publications carry the ad's page on the
// board as their URL; the hub stores them, which is what makes the ad
// listed.
type Channel struct{}

// Name returns "board".
func (Channel) Name() string { return Name }

// Publish marks the ad live on the board.
func (Channel) Publish(_ context.Context, a connectors.PublishedAd, _ *connectors.Publication) (connectors.Publication, error) {
	return connectors.Publication{Channel: Name, State: connectors.PublicationLive, Reference: a.ID, URL: a.JobURL, Revision: a.Revision}, nil
}

// Withdraw takes the ad off the board.
func (Channel) Withdraw(_ context.Context, a connectors.PublishedAd, prev connectors.Publication) (connectors.Publication, error) {
	return connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: prev.Reference, URL: prev.URL, Revision: a.Revision}, nil
}

// JobURL is an ad's page on the board at publicURL.
func JobURL(publicURL, id string) string {
	return strings.TrimRight(publicURL, "/") + "/jobs/" + id
}
