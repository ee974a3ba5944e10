package sim

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// channelsServer serves Channels for one test, with NAV's and FINN's
// test helpers pointing at it.
func channelsServer(t *testing.T) (*Channels, navServer, finnServer, ChannelsControl) {
	t.Helper()
	ch := NewChannels(NAVConfig{ProviderID: 10042, Token: "test-token", FilingDelay: NAVFilesAtOnce}, FINNConfig{PartnerID: "jobgate"})
	srv := newServer(t, ch)
	return ch, navServer{ch.NAV, srv}, finnServer{ch.FINN, srv}, ChannelsControl{Sim: srv.URL}
}

// statsOf decodes a control call's 200 answer as T.
func statsOf[T any](t *testing.T) func(Response, error) T {
	return func(r Response, err error) T {
		t.Helper()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var v T
		require.NoError(t, json.Unmarshal(r.Body, &v), string(r.Body))
		return v
	}
}

func TestChannelsServeBothAndTheirControlAPIs(t *testing.T) {
	_, nav, finn, c := channelsServer(t)
	ctx := t.Context()
	require.Equal(t, "RECEIVED", nav.stream(t, mustJSON(t, navAd("ref-1", nil)))[0]["status"])
	_, res := finn.upload(t, jobDoc("gw-1"))
	require.Equal(t, "OK", res.Status, res.message())

	both := statsOf[map[string]json.RawMessage](t)(c.Stats(ctx, ""))
	require.Contains(t, both, "nav")
	require.Contains(t, both, "finn")
	ns := statsOf[NAVStats](t)(c.Stats(ctx, ChannelNAV))
	require.Equal(t, 1, ns.Received)
	require.EqualValues(t, 10042, ns.ProviderID)
	fs := statsOf[FINNStats](t)(c.Stats(ctx, ChannelFINN))
	require.Equal(t, 1, fs.Live)

	ads := statsOf[[]NAVAdStatus](t)(c.Ads(ctx, ChannelNAV))
	require.Len(t, ads, 1)
	require.Equal(t, "ref-1", ads[0].Reference)
	r, err := send(ctx, "GET", c.Sim+"/_sim/nav/ads/ref-1", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status)
	require.JSONEq(t, string(mustJSON(t, navAd("ref-1", nil))), string(r.Body))
	finnAds := statsOf[[]FINNAd](t)(c.Ads(ctx, ChannelFINN))
	require.Equal(t, "gw-1", finnAds[0].OrderNo)
	r, err = send(ctx, "GET", c.Sim+"/_sim/finn/ads/gw-1", nil)
	require.NoError(t, err)
	require.Equal(t, jobDoc("gw-1"), r.Body)
	r, err = send(ctx, "GET", c.Sim+"/_sim/finn/ads/nobody", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusNotFound, r.Status)
}

func TestChannelsControlDrivesFaultsAndOutages(t *testing.T) {
	ch, nav, finn, c := channelsServer(t)
	ctx := t.Context()
	ns := statsOf[NAVStats](t)(c.Fault(ctx, ChannelNAV, ChannelFault429, 1, time.Second, 5*time.Second))
	require.Equal(t, ChannelFault429, ns.Fault)
	require.Equal(t, 1, ns.FaultRemaining)
	resp, _ := nav.do(t, http.MethodPost, "/api/v1/transfers/10042", mustJSON(t, navAd("ref-1", nil)))
	require.Equal(t, http.StatusTooManyRequests, resp.StatusCode)
	require.Equal(t, "5", resp.Header.Get("Retry-After"))

	statsOf[FINNStats](t)(c.Fault(ctx, ChannelFINN, ChannelFault5xx, 0, 0, 0))
	body, ctype := multipartFile(t, "fil", "file.xml", jobDoc("gw-1"))
	resp, _ = finn.post(t, body, ctype)
	require.Equal(t, http.StatusInternalServerError, resp.StatusCode)
	statsOf[FINNStats](t)(c.ClearFault(ctx, ChannelFINN))

	fs := statsOf[FINNStats](t)(c.Down(ctx, ChannelFINN, 10*time.Minute))
	require.True(t, fs.Down)
	resp, _ = finn.post(t, body, ctype)
	require.Equal(t, http.StatusServiceUnavailable, resp.StatusCode)
	statsOf[FINNStats](t)(c.Up(ctx, ChannelFINN))
	require.False(t, ch.FINN.IsDown())
	statsOf[NAVStats](t)(c.Down(ctx, ChannelNAV, 0))
	require.True(t, ch.NAV.IsDown())
	statsOf[NAVStats](t)(c.Up(ctx, ChannelNAV))

	fs = statsOf[FINNStats](t)(c.ResetStats(ctx, ChannelFINN))
	require.Equal(t, FINNStats{PartnerID: "jobgate"}, fs)

	r, err := c.Fault(ctx, ChannelNAV, "meteor", 1, 0, 0)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, r.Status)
	_, err = c.Stats(ctx, "linkedin")
	require.ErrorContains(t, err, "unknown channel")
}

func TestChannelsControlDrivesModerationAndTheContract(t *testing.T) {
	ch, nav, finn, c := channelsServer(t)
	ctx := t.Context()
	_, r := nav.batch(t, mustJSON(t, []any{navAd("ref-1", nil), navAd("ref-2", nil), navAd("ref-3", nil)}))
	require.Equal(t, "RECEIVED", r["status"])
	statsOf[NAVStats](t)(c.Reject(ctx, "ref-2", "DISCRIMINATING"))
	decided := statsOf[map[string]int](t)(c.Moderate(ctx, "ref-1", "ref-2"))
	require.Equal(t, 2, decided["decided"])
	_, a := nav.adminStatus(t, "ref-2")
	require.Equal(t, "REJECTED", a["publishStatus"])
	require.Equal(t, "DISCRIMINATING", a["message"])

	statsOf[NAVStats](t)(c.ModerateAfter(ctx, 0))
	status, a := nav.adminStatus(t, "ref-3")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "ACTIVE", a["publishStatus"])
	r2, err := send(ctx, "POST", c.Sim+"/_sim/nav/moderate?after=soon", nil)
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, r2.Status)

	statsOf[FINNStats](t)(c.SetContract(ctx))
	_, res := finn.upload(t, jobDoc("gw-1"))
	require.Equal(t, finnContractMsg, res.message())
	statsOf[FINNStats](t)(c.SetContract(ctx, "JOB"))
	_, res = finn.upload(t, jobDoc("gw-1"))
	require.Equal(t, "OK", res.Status)
	require.Equal(t, []string{"gw-1"}, ch.FINN.OrderNos())
}
