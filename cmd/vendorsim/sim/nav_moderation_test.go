package sim

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestNAVAdminStatusWaitsForModeration(t *testing.T) {
	s := newNAVServer(t)
	require.Equal(t, "RECEIVED", s.stream(t, mustJSON(t, navAd("ref-1", nil)))[0]["status"])
	for range 3 {
		status, e := s.adminStatus(t, "ref-1")
		require.Equal(t, http.StatusNotFound, status, "not moderated: NAV has no record yet")
		require.Equal(t, "NOT_FOUND", e["errorType"])
		require.Equal(t, "AdAdminStatus for 10042, ref-1 not found", e["message"])
	}
	st, _ := s.Status("ref-1")
	require.True(t, st.Pending)

	require.Equal(t, 1, s.Moderate())
	status, a := s.adminStatus(t, "ref-1")
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, sortedKeys(decodeObject(t, example(t, "nav-doc-adminstatus.json"))), sortedKeys(a), "nav-doc-adminstatus.json's shape")
	require.Equal(t, "ACTIVE", a["publishStatus"])
	require.Equal(t, "DONE", a["status"])
	require.Nil(t, a["message"])
	require.Equal(t, "ref-1", a["reference"])
	require.EqualValues(t, 10042, a["providerId"])
	require.Equal(t, "https://arbeidsplassen.nav.no/stillinger/stilling/"+st.UUID, a["url"])
	require.Zero(t, s.Moderate(), "nothing waits any more")
}

func TestNAVModeratesAfterSomeStatusRequests(t *testing.T) {
	s := newNAVServer(t)
	s.ModerateAfter(2)
	s.Reject("ref-2", "DUPLICATE")
	_, r := s.batch(t, mustJSON(t, []any{navAd("ref-1", nil), navAd("ref-2", nil), navAd("ref-3", func(ad map[string]any) {
		ad["expires"] = "2020-01-01T00:00:00"
	})}))
	require.Equal(t, "RECEIVED", r["status"])
	for _, ref := range []string{"ref-1", "ref-2", "ref-3"} {
		for range 2 {
			status, _ := s.adminStatus(t, ref)
			require.Equal(t, http.StatusNotFound, status, ref)
		}
	}
	want := map[string][2]any{"ref-1": {"ACTIVE", nil}, "ref-2": {"REJECTED", "DUPLICATE"}, "ref-3": {"INACTIVE", nil}}
	for ref, w := range want {
		status, a := s.adminStatus(t, ref)
		require.Equal(t, http.StatusOK, status, ref)
		require.Equal(t, w[0], a["publishStatus"], ref)
		require.Equal(t, w[1], a["message"], ref)
	}
	require.Equal(t, map[string]int{"ACTIVE": 1, "REJECTED": 1, "INACTIVE": 1}, s.Stats().PublishStatus)

	// A manual check can reject a published ad later (§1.8).
	s.Reject("ref-1", "")
	_, a := s.adminStatus(t, "ref-1")
	require.Equal(t, "REJECTED", a["publishStatus"])
	require.Equal(t, "UNKNOWN", a["message"])

	// A new version waits again; the old outcome stands meanwhile.
	s.ModerateAfter(-1)
	_, r = s.batch(t, mustJSON(t, []any{navAd("ref-3", nil)}))
	require.Equal(t, "RECEIVED", r["status"])
	_, a = s.adminStatus(t, "ref-3")
	require.Equal(t, "INACTIVE", a["publishStatus"])
	require.Equal(t, 1, s.Moderate("ref-3", "ref-1"))
	_, a = s.adminStatus(t, "ref-3")
	require.Equal(t, "ACTIVE", a["publishStatus"])
}

func TestNAVStopsAndDeletesAds(t *testing.T) {
	s := newNAVServer(t)
	ad := mustJSON(t, navAd("ref-1", nil))
	s.stream(t, ad)
	status, r := s.delete(t, "ref-1", false)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "RECEIVED", r["status"], "the stop is a transfer NAV received")
	require.Equal(t, "STOPPED", r["message"])
	require.EqualValues(t, 2, r["versionId"])
	require.Regexp(t, md5Hex, r["md5"])
	status, a := s.adminStatus(t, "ref-1")
	require.Equal(t, http.StatusOK, status, "the stop is known at once")
	require.Equal(t, "STOPPED", a["publishStatus"])

	// The gotcha of §1.9: the same payload again is SKIPPED, the ad stays stopped.
	require.Equal(t, "SKIPPED", s.stream(t, ad)[0]["status"])
	st, _ := s.Status("ref-1")
	require.Equal(t, "STOPPED", st.Status)
	// A changed one is received and waits for moderation.
	require.Equal(t, "RECEIVED", s.stream(t, mustJSON(t, navAd("ref-1", func(ad map[string]any) { ad["title"] = "Sjåfør" })))[0]["status"])
	st, _ = s.Status("ref-1")
	require.Equal(t, "RECEIVED", st.Status)
	require.True(t, st.Pending)
	require.Equal(t, "Sjåfør", s.Ad("ref-1")["title"])

	status, r = s.delete(t, "ref-1", true)
	require.Equal(t, http.StatusOK, status)
	require.Equal(t, "DELETED", r["message"])
	_, a = s.adminStatus(t, "ref-1")
	require.Equal(t, "DELETED", a["publishStatus"])
	// A deleted reference is never used again.
	s.stream(t, mustJSON(t, navAd("ref-1", func(ad map[string]any) { ad["title"] = "Kokk" })))
	st, _ = s.Status("ref-1")
	require.Equal(t, "DELETED", st.Status)
	require.False(t, st.Pending)

	status, e := s.delete(t, "nobody", false)
	require.Equal(t, http.StatusNotFound, status)
	require.Equal(t, "NOT_FOUND", e["errorType"])
	require.Equal(t, "AdState with 10042 nobody not found", e["message"])
	stats := s.Stats()
	require.Equal(t, 1, stats.Stopped)
	require.Equal(t, 1, stats.Deleted)
	require.Equal(t, 3, stats.DeleteRequests)
}
