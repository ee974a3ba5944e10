package store

import "context"

// LatePublish records a publish to an external channel that may have
// landed after its ad was withdrawn (deleting an integration, or a vendor
// unlisting the ad, while the publish was in flight).
type LatePublish interface {
	// CompletePublish records a publish delivery's outcome as
	// CompleteDelivery does while the ad is live. When the ad is no longer
	// live and the channel took the ad (pub is neither rejected nor
	// withdrawn), the publication is recorded as the channel has it and a
	// withdraw delivery of that channel is written in the same
	// transaction and returned: an ad withdrawn before its publish landed
	// is taken down again, never left live. It returns ErrConflict as
	// CompleteDelivery does.
	CompletePublish(ctx context.Context, id string, generation int, pub Publication) (*Delivery, error)
}
