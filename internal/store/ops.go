package store

import (
	"context"
	"time"
)

// OpsStore reads what the operator console lists (ads with their channel
// states, deliveries, applications' delivery states) and replays dead
// deliveries by filter. Nothing it returns carries a candidate's personal
// data: applications come as ids, job, destination and delivery state.
type OpsStore interface {
	// ListAdSummaries lists ads newest first, with their publications,
	// a page at a time; it returns the next page's cursor ("" on the last).
	ListAdSummaries(ctx context.Context, f AdFilter) ([]AdSummary, string, error)
	// FindDeliveries lists deliveries newest first, a page at a time; it
	// returns the next page's cursor ("" on the last).
	FindDeliveries(ctx context.Context, f DeliveryQuery) ([]Delivery, string, error)
	// ListApplicationStates lists applications newest first with the
	// state of their delivery, a page at a time; it returns the next
	// page's cursor ("" on the last).
	ListApplicationStates(ctx context.Context, f ApplicationQuery) ([]ApplicationState, string, error)
	// ReplayDeadDeliveries replays the dead deliveries f matches (its
	// State is ignored: only dead ones are replayed, in one transaction),
	// each audited as ReplayDelivery does, and returns them. A delivery
	// that is not dead is left as it is.
	ReplayDeadDeliveries(ctx context.Context, f DeliveryQuery) ([]Delivery, error)
}

// AdFilter filters ListAdSummaries; empty fields do not filter.
type AdFilter struct {
	IntegrationID string
	// Status is the ad's status (AdLive, AdWithdrawn, AdScheduled).
	Status string
	// Channel keeps ads with a publication on it; with ChannelState, in
	// that state. ChannelState alone keeps ads with a publication in that
	// state on any channel.
	Channel      string
	ChannelState string
	// Cursor is the next cursor of the previous page; Limit the page size
	// (zero means 50).
	Cursor string
	Limit  int
}

// AdSummary is an ad as the console lists it: no content.
type AdSummary struct {
	ID            string
	AccountID     string
	IntegrationID string
	Reference     string
	Title         string
	Status        string
	Revision      int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Publications  []Publication
}

// DeliveryQuery filters FindDeliveries and ReplayDeadDeliveries; empty
// fields do not filter.
type DeliveryQuery struct {
	// ID keeps one delivery.
	ID            string
	State         string
	Kind          string
	Channel       string
	IntegrationID string
	AdID          string
	// Cursor is the next cursor of the previous page; Limit the page size
	// (zero means 50).
	Cursor string
	Limit  int
}

// ApplicationQuery filters ListApplicationStates; empty fields do not
// filter.
type ApplicationQuery struct {
	// ID keeps one application.
	ID string
	// State is its delivery's state.
	State         string
	IntegrationID string
	// Cursor is the next cursor of the previous page; Limit the page size
	// (zero means 50).
	Cursor string
	Limit  int
}

// ApplicationState is an application as the console lists it: ids, the
// job, the destination and its delivery, never the candidate.
type ApplicationState struct {
	ID            string
	AccountID     string
	IntegrationID string
	AdID          string
	// JobTitle is the ad's title as it is now.
	JobTitle string
	// Applier is the connector that delivers it (the destination's vendor).
	Applier    string
	DeliveryID string
	// State, Attempts and LastError are the delivery's (LastError without
	// personal data, as the outbound layer wrote it).
	State       string
	Attempts    int
	LastError   string
	CreatedAt   time.Time
	DeliveredAt *time.Time
}
