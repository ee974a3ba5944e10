package finn

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// afterLife is a day past the full fixture's first life (1 March + 42).
var afterLife = time.Date(2026, 4, 13, 9, 0, 0, 0, ad.Oslo)

func livePub() connectors.Publication {
	return connectors.Publication{Channel: Name, State: connectors.PublicationLive,
		Reference: "job-01jnb7x2k4m6p8r0t2v4w6y8z0-1-20260301", URL: "https://www.finn.no/job/ad/1", UpdatedAt: testNow}
}

func TestPublishReadvertises(t *testing.T) {
	f := &fakeFINN{}
	c := newTestChannel(t, f, Config{})
	c.now = func() time.Time { return afterLife }
	a := fullAd(t)
	a.Ad.Deadline = "2026-05-01"
	prev := livePub()
	pub, err := c.Publish(context.Background(), a, &prev)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationLive, pub.State)
	require.Equal(t, "job-01jnb7x2k4m6p8r0t2v4w6y8z0-2-20260412", pub.Reference, "a new ORDERNO, from the day the last life ended")
	require.Equal(t, time.Date(2026, 5, 24, 0, 0, 0, 0, ad.Oslo), Expires(pub))
	got := f.received()
	require.Len(t, got, 1)
	doc, err := ParseJobDocument(got[0].doc)
	require.NoError(t, err)
	require.Equal(t, pub.Reference, doc.Objects[0].Head.OrderNo)
	require.Equal(t, "12.04.2026", doc.Objects[0].Head.FromDate)
}

func TestPublishStopsAfterLife(t *testing.T) {
	f := &fakeFINN{}
	c := newTestChannel(t, f, Config{})
	c.now = func() time.Time { return afterLife }
	a := fullAd(t)
	delete(a.Settings, SettingReadvertise)
	prev := livePub()
	pub, err := c.Publish(context.Background(), a, &prev)
	require.NoError(t, err)
	require.Equal(t, connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: prev.Reference,
		URL: prev.URL, Reason: ReasonLifeEnded, Revision: a.Revision, UpdatedAt: afterLife}, pub)
	got := f.received()
	require.Len(t, got, 1)
	want, err := Stop(c.cfg, "fjordpay-as", prev.Reference, a.Reference)
	require.NoError(t, err)
	require.Equal(t, string(want), string(got[0].doc), "a STOP of the ended ORDERNO")

	// Published again while it may not be re-advertised: nothing is sent.
	again, err := c.Publish(context.Background(), a, &pub)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationWithdrawn, again.State)
	require.Equal(t, ReasonLifeEnded, again.Reason)
	require.Len(t, f.received(), 1)

	// A refused STOP fails the publish with FINN's class.
	f.answer = answer(500, "")
	_, err = c.Publish(context.Background(), a, &prev)
	require.Equal(t, connectors.Retryable, connectors.ClassOf(err))
	require.ErrorContains(t, err, "stop "+prev.Reference+" after 42 days")
}

func TestWithdraw(t *testing.T) {
	f := &fakeFINN{answer: answer(200, `<RESULT status="ok"/>`)}
	c := newTestChannel(t, f, Config{})
	a := fullAd(t)
	prev := livePub()
	pub, err := c.Withdraw(context.Background(), a, prev)
	require.NoError(t, err)
	require.Equal(t, connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: prev.Reference,
		URL: prev.URL, Revision: a.Revision, UpdatedAt: testNow}, pub)
	got := f.received()
	require.Len(t, got, 1)
	golden, err := Stop(testConfig, "fjordpay-as", prev.Reference, a.Reference)
	require.NoError(t, err)
	require.Equal(t, string(golden), string(got[0].doc))

	// Never on FINN: nothing to stop.
	pub, err = c.Withdraw(context.Background(), a, connectors.Publication{Channel: Name, State: connectors.PublicationRejected})
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationWithdrawn, pub.State)
	require.Len(t, f.received(), 1)

	f.answer = answer(200, "<RESULT><ERROR>Annonsen finnes ikke</ERROR></RESULT>")
	_, err = c.Withdraw(context.Background(), a, prev)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "Annonsen finnes ikke")

	delete(a.Settings, SettingProvider)
	_, err = c.Withdraw(context.Background(), a, prev)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, SettingProvider)
}

func TestPublishBadSettingsSendNothing(t *testing.T) {
	f := &fakeFINN{}
	c := newTestChannel(t, f, Config{})
	a := fullAd(t)
	a.Settings = nil
	_, err := c.Publish(context.Background(), a, nil)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "setting finn_provider is required")
	a = fullAd(t)
	a.Ad.Contact = nil
	_, err = c.Publish(context.Background(), a, nil)
	require.ErrorContains(t, err, "JOB_CONTACT")
	require.Empty(t, f.received())
}

// TestPublishReadvertisesWhenFINNCountsEarlier: FINN refuses an update for
// the dates before the life's end by our count; the ad is re-advertised.
func TestPublishReadvertisesWhenFINNCountsEarlier(t *testing.T) {
	prev := livePub()
	f := &fakeFINN{}
	f.answer = func(w http.ResponseWriter, r *http.Request) {
		if len(f.received()) == 1 {
			answer(200, "<RESULT><ERROR>Tildato må være etter fradato</ERROR></RESULT>")(w, r)
			return
		}
		answer(200, `<RESULT STATUS="OK" FINNKODE="555666777"/>`)(w, r)
	}
	c := newTestChannel(t, f, Config{})
	a := fullAd(t)
	pub, err := c.Publish(context.Background(), a, &prev)
	require.NoError(t, err)
	require.Equal(t, "job-01jnb7x2k4m6p8r0t2v4w6y8z0-2-20260302", pub.Reference)
	require.Equal(t, "https://www.finn.no/job/ad/555666777", pub.URL)
	require.Len(t, f.received(), 2)

	// Without re-advertising, FINN's refusal stands.
	delete(a.Settings, SettingReadvertise)
	f.mu.Lock()
	f.uploads = nil
	f.mu.Unlock()
	_, err = c.Publish(context.Background(), a, &prev)
	require.ErrorIs(t, err, ErrDateOrder)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.Len(t, f.received(), 1)
}
