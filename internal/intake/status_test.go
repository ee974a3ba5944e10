package intake

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// TestStatusOf: what the candidate is told of each delivery state; an
// application Lever refused for a required field is needs_attention
// (incomplete), not failed (issue 15, Lever).
func TestStatusOf(t *testing.T) {
	for _, c := range []struct {
		state, lastError, status, reason string
	}{
		{store.DeliveryPending, "", StatusReceived, ""},
		{store.DeliveryDelivered, "", StatusDelivered, ""},
		{store.DeliveryNeedsAttention, "lever: posting p: permanent: status 400: Missing required field: urls[LinkedIn]", StatusNeedsAttention, "incomplete"},
		{store.DeliveryDead, "lever: posting p: permanent: status 400: Email is invalid", StatusFailed, "rejected"},
		{store.DeliveryDead, "retryable: status 503", StatusFailed, "undeliverable"},
	} {
		v := statusOf(store.ApplicationRecord{ID: "app_1", AdID: "job_1", State: c.state, LastError: c.lastError})
		require.Equal(t, c.status, v.Status, c.state)
		require.Equal(t, c.reason, v.Reason, c.state)
	}
}
