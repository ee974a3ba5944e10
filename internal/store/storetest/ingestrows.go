package storetest

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testUpsertAdRows checks what an upsert leaves in the store, row by row,
// for an ad the size the load tool sends (kept whole in the row on
// Postgres since migration 0026) and for one past the row's 4 KB (still
// compressed and moved out of line): the content read back byte for byte
// from the ad, its revisions and the worker's load, and every delivery
// row written by the upsert with its channel, revision and owner.
func testUpsertAdRows(t *testing.T, s store.Store) {
	in := tenant(t, s)
	for _, size := range []int{2500, 20000} {
		ref := "rows-" + strconv.Itoa(size)
		w := sizedWrite(in, ref, "one", size)
		first, err := s.UpsertAd(ctx(), w)
		require.NoError(t, err)
		checkDeliveries(t, s, first, 1, w)

		w2 := sizedWrite(in, ref, "two", size)
		second, err := s.UpsertAd(ctx(), w2)
		require.NoError(t, err)
		require.Equal(t, first.Ad.ID, second.Ad.ID)
		checkDeliveries(t, s, second, 2, w2)

		got, err := s.GetAd(ctx(), in.ID, ref)
		require.NoError(t, err)
		require.Equal(t, string(w2.Content), string(got.Content), "%d bytes: the ad's content", size)
		revs, err := s.ListRevisions(ctx(), got.ID)
		require.NoError(t, err)
		require.Len(t, revs, 2)
		require.Equal(t, string(w.Content), string(revs[0].Content), "%d bytes: revision 1", size)
		require.Equal(t, string(w2.Content), string(revs[1].Content), "%d bytes: revision 2", size)
	}
}

// sizedWrite is write with a description padding the content to about
// size bytes, on two channels.
func sizedWrite(in store.Integration, ref, title string, size int) store.AdWrite {
	w := write(in, ref, title)
	words := strings.Fields("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor " + title)
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(words[(i*7+len(title))%len(words)])
		b.WriteByte(' ')
	}
	w.Content, _ = json.Marshal(map[string]string{"title": title, "description": b.String()})
	w.Hash = "h:" + title + ":" + ref
	w.Channels = []string{"board", "nav"}
	return w
}

// checkDeliveries checks the upsert's answer and the delivery rows it
// wrote, as the worker loads them.
func checkDeliveries(t *testing.T, s store.Store, r store.AdResult, revision int, w store.AdWrite) {
	t.Helper()
	require.True(t, r.Changed)
	require.Equal(t, revision, r.Ad.Revision)
	require.Len(t, r.Deliveries, len(w.Channels))
	for i, want := range r.Deliveries {
		require.Equal(t, w.Channels[i], want.Channel)
		d, rec, err := s.LoadDelivery(ctx(), want.ID)
		require.NoError(t, err)
		require.Equal(t, store.KindPublish, d.Kind)
		require.Equal(t, want.Channel, d.Channel)
		require.Equal(t, revision, d.Revision)
		require.Equal(t, store.DeliveryPending, d.State)
		require.Equal(t, 1, d.Generation)
		require.Equal(t, r.Ad.ID, d.AdID)
		require.Equal(t, w.AccountID, d.AccountID)
		require.Equal(t, w.IntegrationID, d.IntegrationID)
		require.Equal(t, string(w.Content), string(rec.Content), "the worker loads the ad as written")
	}
}
