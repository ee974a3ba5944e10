package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

// applicationWrite makes an application for the ad with one CV, whose
// content hash is content.
func applicationWrite(in store.Integration, adID, content, key string) store.ApplicationWrite {
	return store.ApplicationWrite{ID: ids.New("app"), AccountID: in.AccountID, IntegrationID: in.ID, AdID: adID, Applier: "webhook",
		TokenHash: []byte("hash"), IdempotencyKey: key, ContentHash: content, DedupeWindow: 10 * time.Minute,
		Content: []byte(`{"candidate":{}}`), Documents: []store.ApplicationDocument{
			{Kind: "cv", FileName: "cv.pdf", ContentType: "application/pdf", SHA256: "s1", Data: []byte("%PDF-1.4 one")},
			{Kind: "other", FileName: "b.txt", ContentType: "text/plain", SHA256: "s2", Data: []byte{0, 1, 2, 255}},
		}}
}

func testApplications(t *testing.T, s store.Store) {
	in := tenant(t, s)
	res, err := s.UpsertAd(ctx(), write(in, "r1", "Lager"))
	require.NoError(t, err)
	adID := res.Ad.ID

	w := applicationWrite(in, adID, "d1", "")
	created, err := s.CreateApplication(ctx(), w)
	require.NoError(t, err)
	require.True(t, created.Created)
	require.Equal(t, store.KindApply, created.Delivery.Kind)
	require.Equal(t, "webhook", created.Delivery.Channel)
	require.Equal(t, store.DeliveryPending, created.Application.State)

	got, docs, err := s.LoadApplication(ctx(), created.Delivery.ID)
	require.NoError(t, err)
	require.Equal(t, w.ID, got.ID)
	require.Len(t, docs, 2)
	require.Equal(t, []byte("%PDF-1.4 one"), docs[0].Data)
	require.Equal(t, []byte{0, 1, 2, 255}, docs[1].Data, "bytes come back exactly")

	// The same content within the window is the first application.
	again, err := s.CreateApplication(ctx(), applicationWrite(in, adID, "d1", ""))
	require.NoError(t, err)
	require.False(t, again.Created)
	require.Equal(t, w.ID, again.Application.ID)
	require.Equal(t, "d1", again.Application.ContentHash)
	// Other content is another application, whatever else it shares.
	other, err := s.CreateApplication(ctx(), applicationWrite(in, adID, "d1-other", ""))
	require.NoError(t, err)
	require.True(t, other.Created)
	// Outside the window the same content is a new one.
	late := applicationWrite(in, adID, "d1", "")
	late.DedupeWindow = -time.Second
	fresh, err := s.CreateApplication(ctx(), late)
	require.NoError(t, err)
	require.True(t, fresh.Created)

	require.NoError(t, s.CompleteApplication(ctx(), created.Delivery.ID, 0, "ats-7"))
	require.ErrorIs(t, s.CompleteApplication(ctx(), created.Delivery.ID, 0, "ats-8"), store.ErrConflict)
	view, err := s.GetApplication(ctx(), w.ID)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryDelivered, view.State)
	require.Equal(t, "ats-7", view.ATSID)
	require.NotNil(t, view.DeliveredAt)

	_, err = s.GetApplication(ctx(), "app_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	_, err = s.WithdrawAd(ctx(), in.ID, "r1")
	require.NoError(t, err)
	_, err = s.CreateApplication(ctx(), applicationWrite(in, adID, "d2", ""))
	require.ErrorIs(t, err, store.ErrNotFound, "a withdrawn ad takes no applications")
}

// testApplicationKeys: an idempotency key is bound to the content it was
// first used with, at any time; other content under it writes nothing.
func testApplicationKeys(t *testing.T, s store.Store) {
	in := tenant(t, s)
	adA, err := s.UpsertAd(ctx(), write(in, "r1", "Lager"))
	require.NoError(t, err)
	adB, err := s.UpsertAd(ctx(), write(in, "r2", "Kontor"))
	require.NoError(t, err)

	first, err := s.CreateApplication(ctx(), applicationWrite(in, adA.Ad.ID, "c1", "k1"))
	require.NoError(t, err)
	require.True(t, first.Created)

	late := applicationWrite(in, adA.Ad.ID, "c1", "k1")
	late.DedupeWindow = -time.Second
	same, err := s.CreateApplication(ctx(), late)
	require.NoError(t, err, "the key counts at any time, not only in the window")
	require.False(t, same.Created)
	require.Equal(t, first.Application.ID, same.Application.ID)

	reused := applicationWrite(in, adA.Ad.ID, "c2", "k1")
	_, err = s.CreateApplication(ctx(), reused)
	require.ErrorIs(t, err, store.ErrKeyReused)
	_, err = s.GetApplication(ctx(), reused.ID)
	require.ErrorIs(t, err, store.ErrNotFound, "a reused key stores nothing")

	onB, err := s.CreateApplication(ctx(), applicationWrite(in, adB.Ad.ID, "c2", "k1"))
	require.NoError(t, err)
	require.True(t, onB.Created, "a key is the client's for one job")

	withoutKey, err := s.CreateApplication(ctx(), applicationWrite(in, adA.Ad.ID, "c1", ""))
	require.NoError(t, err)
	require.False(t, withoutKey.Created, "the same content without a key repeats the keyed application")
	require.Equal(t, first.Application.ID, withoutKey.Application.ID)

	all, err := s.ListDeliveries(ctx(), store.DeliveryFilter{AdID: adA.Ad.ID, Limit: 100})
	require.NoError(t, err)
	require.Equal(t, 1, applyDeliveries(all), "one delivery for the one stored application")
}

// testConcurrentDuplicates sends submissions at once: 8 of the same content
// without a key, 6 of content A and 2 of content B under one key. Without
// a key one application is stored and the other writers get it back;
// under the key one is stored, the writers of its content get it back,
// and those of the other content get ErrKeyReused.
func testConcurrentDuplicates(t *testing.T, s store.Store) {
	in := tenant(t, s)
	res, err := s.UpsertAd(ctx(), write(in, "r1", "Lager"))
	require.NoError(t, err)
	type outcome struct {
		key, content string
		res          store.ApplicationResult
		err          error
	}
	outcomes := make([]outcome, 16)
	var wg sync.WaitGroup
	for i := range outcomes {
		key, content := "", "same-content"
		if i%2 == 0 {
			key, content = "idem", map[bool]string{true: "content-b", false: "content-a"}[i%8 == 0]
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := s.CreateApplication(ctx(), applicationWrite(in, res.Ad.ID, content, key))
			outcomes[i] = outcome{key, content, r, err}
		}()
	}
	wg.Wait()
	stored := map[string]store.ApplicationRecord{} // by key
	for _, o := range outcomes {
		if o.err == nil && o.res.Created {
			_, twice := stored[o.key]
			require.False(t, twice, "key %q stored more than one application", o.key)
			stored[o.key] = o.res.Application
		}
	}
	require.Len(t, stored, 2)
	for _, o := range outcomes {
		first := stored[o.key]
		if o.content != first.ContentHash {
			require.ErrorIs(t, o.err, store.ErrKeyReused, "other content under the key")
			continue
		}
		require.NoError(t, o.err)
		require.Equal(t, first.ID, o.res.Application.ID)
	}
	all, err := s.ListDeliveries(ctx(), store.DeliveryFilter{AdID: res.Ad.ID, Limit: 100})
	require.NoError(t, err)
	require.Equal(t, 2, applyDeliveries(all), "one delivery per stored application")
}

// applyDeliveries counts the apply deliveries of ds.
func applyDeliveries(ds []store.Delivery) int {
	n := 0
	for _, d := range ds {
		if d.Kind == store.KindApply {
			n++
		}
	}
	return n
}
