package app_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// TestEraseAtVendor (issue 14 item 5, "where a vendor offers an erasure
// API, call it"): an application delivered to the signed apply webhook is
// erased at the receiver over HTTP; a second call finds nothing there and
// is no error; an integration whose applier documents no erasure (Lever),
// an unknown integration and a delivery without an ATS id call nothing.
func TestEraseAtVendor(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ats, atsURL := atsServer(t)
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		integ, key := s.VendorTenant(t, "generic", map[string]string{"apply_url": atsURL + "/webhook/acme"})
		ats.SetKey("acme", key)
		job := putJob(t, s, key, "ref-1")
		r := apply(t, s, job, kari())
		require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
		statusURL := r.JSON["status_url"].(string)
		apptest.Eventually(t, func() bool { return statusOf(t, s, statusURL)["status"] == "delivered" }, "the application is delivered")
		atsID := ats.Received("webhook")[0].ID

		ctx := context.Background()
		called, err := s.Env.EraseAtVendor(ctx, integ, atsID)
		require.NoError(t, err)
		require.True(t, called)
		got := ats.Received("webhook")[0]
		require.True(t, got.Erased, "the receiver deleted it")
		require.Nil(t, got.Files)
		called, err = s.Env.EraseAtVendor(ctx, integ, atsID)
		require.NoError(t, err, "nothing left at the receiver is no error")
		require.True(t, called)

		lever, _ := s.VendorTenant(t, "lever", map[string]string{"site": "acme", "base_url": atsURL, "employer_name": "Acme AS"})
		for name, c := range map[string][2]string{"lever": {lever, "lever-1"}, "unknown integration": {"int_nope", "x"}, "no ATS id": {integ, ""}} {
			called, err := s.Env.EraseAtVendor(ctx, c[0], c[1])
			require.NoError(t, err, name)
			require.False(t, called, name)
		}
	})
}
