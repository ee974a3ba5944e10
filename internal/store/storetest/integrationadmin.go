package storetest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/apikey"
	"github.com/jobgate/jobgate/internal/store"
)

// testUpdateIntegration: settings and sealed secrets are replaced and
// audited by name; an unknown id is ErrNotFound, a deleted one ErrDeleted.
func testUpdateIntegration(t *testing.T, s store.Store) {
	in := tenant(t, s)
	got, err := s.UpdateIntegration(ctx(), in.ID, map[string]string{"channels": "nav"}, []byte{9, 8})
	require.NoError(t, err)
	require.Equal(t, map[string]string{"channels": "nav"}, got.Settings)
	stored, err := s.GetIntegration(ctx(), in.ID)
	require.NoError(t, err)
	require.Equal(t, map[string]string{"channels": "nav"}, stored.Settings)
	require.Equal(t, []byte{9, 8}, stored.SealedSecrets)
	require.Equal(t, store.IntegrationActive, stored.Status)
	require.Equal(t, "settings=channels", audited(t, s, 5, "integration.update", in.ID).Detail)

	_, err = s.UpdateIntegration(ctx(), "int_missing", nil, nil)
	require.ErrorIs(t, err, store.ErrNotFound)
	_, err = s.DeleteIntegration(ctx(), in.ID)
	require.NoError(t, err)
	_, err = s.UpdateIntegration(ctx(), in.ID, map[string]string{}, nil)
	require.ErrorIs(t, err, store.ErrDeleted)
}

// testDeleteIntegration (issue 16, item 4): deleting withdraws every live
// and scheduled ad, writing a withdraw delivery for each channel a live
// one is on or on its way to, revokes the keys and marks the integration
// deleted, in one transaction; a pending application delivery is kept;
// the other integration of the account is untouched; deleting again is
// ErrDeleted and changes nothing.
func testDeleteIntegration(t *testing.T, s store.Store) {
	in := tenant(t, s)
	other, err := s.CreateIntegration(ctx(), store.Integration{AccountID: in.AccountID, Vendor: "generic"})
	require.NoError(t, err)
	onBoth := write(in, "r1", "Lager")
	onBoth.Channels = []string{"board", "nav"}
	r1, err := s.UpsertAd(ctx(), onBoth)
	require.NoError(t, err)
	for _, d := range r1.Deliveries {
		if d.Channel == "board" { // the board took it; NAV's publish is in flight
			require.NoError(t, s.CompleteDelivery(ctx(), d.ID, d.Generation, &store.Publication{AdID: r1.Ad.ID, Channel: "board", State: store.PublicationLive, Revision: 1}))
		}
	}
	app, err := s.CreateApplication(ctx(), applicationWrite(in, r1.Ad.ID, "d1", ""))
	require.NoError(t, err)
	sched := write(in, "r2", "Senere")
	sched.PublishAt = time.Now().Add(48 * time.Hour).UTC().Truncate(time.Microsecond)
	_, err = s.UpsertAd(ctx(), sched)
	require.NoError(t, err)
	gone, err := s.UpsertAd(ctx(), write(in, "r3", "Borte"))
	require.NoError(t, err)
	_, err = s.WithdrawAd(ctx(), in.ID, "r3")
	require.NoError(t, err)
	kept, err := s.UpsertAd(ctx(), write(other, "r1", "Annen"))
	require.NoError(t, err)
	k := apikey.New()
	require.NoError(t, s.IssueKey(ctx(), store.APIKey{ID: k.ID, IntegrationID: in.ID, Hash: apikey.Hash(k.Secret), CreatedAt: time.Now().UTC()}, nil))

	jobs, _, err := s.ListJobs(ctx(), store.JobQuery{})
	require.NoError(t, err)
	require.Len(t, jobs, 1, "r1 is on the board before")

	del, err := s.DeleteIntegration(ctx(), in.ID)
	require.NoError(t, err)
	require.Equal(t, 2, del.Withdrawn, "the live and the scheduled ad")
	require.Equal(t, 1, del.Revoked)
	require.Equal(t, store.IntegrationDeleted, del.Integration.Status)
	require.ElementsMatch(t, []string{"board", "nav"}, withdrawChannels(t, del.Deliveries, r1.Ad.ID))

	for _, ref := range []string{"r1", "r2", "r3"} {
		a, err := s.GetAd(ctx(), in.ID, ref)
		require.NoError(t, err)
		require.Equal(t, store.AdWithdrawn, a.Status, ref)
	}
	require.Equal(t, store.AdWithdrawn, mustAd(t, s, gone.Ad.ID).Status)
	require.Equal(t, store.AdLive, mustAd(t, s, kept.Ad.ID).Status, "another integration's ad stays")
	got, err := s.GetIntegration(ctx(), in.ID)
	require.NoError(t, err)
	require.Equal(t, store.IntegrationDeleted, got.Status)
	key, err := s.LookupKey(ctx(), k.ID)
	require.NoError(t, err)
	require.NotNil(t, key.RevokedAt)
	d, err := s.GetDelivery(ctx(), app.Delivery.ID)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryPending, d.State, "an application on its way to the ATS is still delivered")
	require.Equal(t, "withdrawn=2 revoked=1", audited(t, s, 5, "integration.delete", in.ID).Detail)
	jobs, _, err = s.ListJobs(ctx(), store.JobQuery{})
	require.NoError(t, err)
	for _, j := range jobs {
		require.NotEqual(t, in.ID, j.IntegrationID, "the deleted integration's ads leave the board at once")
	}

	_, err = s.DeleteIntegration(ctx(), in.ID)
	require.ErrorIs(t, err, store.ErrDeleted)
	// A push let in (or a poll begun) before the delete cannot put an ad
	// live after it: live or scheduled, new or known, nothing is written.
	later := write(in, "r4", "Etterpå")
	_, err = s.UpsertAd(ctx(), later)
	require.ErrorIs(t, err, store.ErrDeleted)
	_, err = s.UpsertAd(ctx(), write(in, "r1", "Lager igjen"))
	require.ErrorIs(t, err, store.ErrDeleted)
	later.PublishAt = time.Now().Add(time.Hour).UTC()
	_, err = s.UpsertAd(ctx(), later)
	require.ErrorIs(t, err, store.ErrDeleted)
	_, err = s.GetAd(ctx(), in.ID, "r4")
	require.ErrorIs(t, err, store.ErrNotFound)
	require.Equal(t, store.AdWithdrawn, mustAd(t, s, r1.Ad.ID).Status)
	_, err = s.SetIntegrationStatus(ctx(), in.ID, store.IntegrationActive)
	require.ErrorIs(t, err, store.ErrDeleted, "a deleted integration is not enabled again")
	_, err = s.DeleteIntegration(ctx(), "int_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	due, err := s.DuePolls(ctx(), []string{"generic"}, time.Now().Add(time.Hour), 10)
	require.NoError(t, err)
	for _, p := range due {
		require.NotEqual(t, in.ID, p.IntegrationID, "polls skip a deleted integration")
	}
}

// withdrawChannels are the channels of ad's withdraw deliveries in ds.
func withdrawChannels(t *testing.T, ds []store.Delivery, adID string) []string {
	t.Helper()
	var out []string
	for _, d := range ds {
		require.Equal(t, store.KindWithdraw, d.Kind)
		require.Equal(t, store.DeliveryPending, d.State)
		if d.AdID == adID {
			out = append(out, d.Channel)
		}
	}
	return out
}

func mustAd(t *testing.T, s store.Store, id string) store.AdRecord {
	t.Helper()
	a, err := s.GetAdByID(ctx(), id)
	require.NoError(t, err)
	return a
}

// testLatePublish: a NAV publish in flight when its ad was withdrawn (the
// withdrawal found no publication there yet, so its delivery did
// nothing) lands afterwards: it is recorded as NAV has it and a withdraw
// delivery for NAV is written, so the ad is not left live there. While
// the ad is live, CompletePublish is CompleteDelivery.
func testLatePublish(t *testing.T, s store.Store) {
	in := tenant(t, s)
	w := write(in, "r1", "Lager")
	w.Channels = []string{"nav"}
	r, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	pub := r.Deliveries[0]
	wd, err := s.WithdrawAd(ctx(), in.ID, "r1")
	require.NoError(t, err)
	require.Len(t, wd.Deliveries, 1, "a withdraw for the publish on its way")
	require.NoError(t, s.CompleteDelivery(ctx(), wd.Deliveries[0].ID, 1, nil), "superseded: nothing on NAV yet")

	again, err := s.CompletePublish(ctx(), pub.ID, pub.Generation, store.Publication{AdID: r.Ad.ID, Channel: "nav", State: store.PublicationPending, Revision: 1, Reference: "nav-uuid"})
	require.NoError(t, err)
	require.NotNil(t, again, "the late publish is taken down again")
	require.Equal(t, store.KindWithdraw, again.Kind)
	require.Equal(t, "nav", again.Channel)
	require.Equal(t, store.DeliveryPending, again.State)
	a := mustAd(t, s, r.Ad.ID)
	require.Equal(t, store.AdWithdrawn, a.Status)
	require.Len(t, a.Publications, 1)
	require.Equal(t, "nav-uuid", a.Publications[0].Reference, "the withdrawal knows what to stop")
	_, err = s.CompletePublish(ctx(), pub.ID, pub.Generation, store.Publication{AdID: r.Ad.ID, Channel: "nav", State: store.PublicationLive, Revision: 1})
	require.ErrorIs(t, err, store.ErrConflict)

	live, err := s.UpsertAd(ctx(), w)
	require.NoError(t, err)
	d := live.Deliveries[0]
	none, err := s.CompletePublish(ctx(), d.ID, d.Generation, store.Publication{AdID: r.Ad.ID, Channel: "nav", State: store.PublicationLive, Revision: live.Ad.Revision, Reference: "nav-uuid"})
	require.NoError(t, err)
	require.Nil(t, none, "a live ad's publish is recorded, nothing more")
	require.Equal(t, store.PublicationLive, mustAd(t, s, r.Ad.ID).Publications[0].State)
}
