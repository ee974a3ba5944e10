package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

// applicationWrite makes an application for the ad with one CV.
func applicationWrite(in store.Integration, adID, dedupe, key string) store.ApplicationWrite {
	return store.ApplicationWrite{ID: ids.New("app"), AccountID: in.AccountID, IntegrationID: in.ID, AdID: adID, Applier: "webhook",
		TokenHash: []byte("hash"), IdempotencyKey: key, DedupeKey: dedupe, DedupeWindow: 10 * time.Minute,
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

	// The same submission within the window is the first application.
	again, err := s.CreateApplication(ctx(), applicationWrite(in, adID, "d1", ""))
	require.NoError(t, err)
	require.False(t, again.Created)
	require.Equal(t, w.ID, again.Application.ID)
	// Outside the window it is a new one.
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

// testConcurrentDuplicates sends the same submission many times at once,
// half with an idempotency key: exactly one application per key is stored.
func testConcurrentDuplicates(t *testing.T, s store.Store) {
	in := tenant(t, s)
	res, err := s.UpsertAd(ctx(), write(in, "r1", "Lager"))
	require.NoError(t, err)
	var mu sync.Mutex
	byKey := map[string]map[string]bool{}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key, dedupe := "", "same-cv"
			if i%2 == 0 {
				key, dedupe = "idem", fmt.Sprintf("other-%d", i)
			}
			r, err := s.CreateApplication(ctx(), applicationWrite(in, res.Ad.ID, dedupe, key))
			require.NoError(t, err)
			mu.Lock()
			defer mu.Unlock()
			group := key + "|" + map[bool]string{true: "", false: dedupe}[key != ""]
			if byKey[group] == nil {
				byKey[group] = map[string]bool{}
			}
			byKey[group][r.Application.ID] = true
		}()
	}
	wg.Wait()
	require.Len(t, byKey, 2)
	for group, apps := range byKey {
		require.Len(t, apps, 1, "group %q stored more than one application", group)
	}
	all, err := s.ListDeliveries(ctx(), store.DeliveryFilter{AdID: res.Ad.ID, Limit: 100})
	require.NoError(t, err)
	n := 0
	for _, d := range all {
		if d.Kind == store.KindApply {
			n++
		}
	}
	require.Equal(t, 2, n, "one delivery per stored application")
}
