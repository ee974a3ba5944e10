package sim

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestNAVFilesAfterTheDelay: an upload is RECEIVED at once but NAV has no
// ad state for it until it is filed, so stop and status answer 404 until
// then (§1.9, §1.10, §1.11); once filed, the stop works, and is itself
// filed later.
func TestNAVFilesAfterTheDelay(t *testing.T) {
	n := NewNAV(NAVConfig{ProviderID: 10042, Token: "test-token", FilingDelay: 300 * time.Millisecond})
	s := navServer{n, newServer(t, n)}
	resp, receipt := s.batch(t, mustJSON(t, []any{navAd("late-1", nil)}))
	require.Equal(t, http.StatusCreated, resp.StatusCode)
	require.Equal(t, "RECEIVED", receipt["status"])
	require.NotNil(t, n.AdJSON("late-1"), "received")
	_, filed := n.Status("late-1")
	require.False(t, filed, "not filed yet")
	code, body := s.delete(t, "late-1", false)
	require.Equal(t, http.StatusNotFound, code)
	require.Equal(t, "NOT_FOUND", body["errorType"])
	code, _ = s.adminStatus(t, "late-1")
	require.Equal(t, http.StatusNotFound, code)

	require.Eventually(t, func() bool { _, ok := n.Status("late-1"); return ok }, 5*time.Second, 20*time.Millisecond, "filed after the delay")
	code, body = s.delete(t, "late-1", false)
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "STOPPED", body["message"])
	st, _ := n.Status("late-1")
	require.Equal(t, "RECEIVED", st.Status, "the stop is a transfer, filed later too")
	require.Eventually(t, func() bool { st, _ := n.Status("late-1"); return st.Status == "STOPPED" }, 5*time.Second, 20*time.Millisecond)
}

// TestNAVDefaultFilingDelay: a zero config files 30 s after, as NAV's job.
func TestNAVDefaultFilingDelay(t *testing.T) {
	require.Equal(t, 30*time.Second, NewNAV(NAVConfig{}).filingDelay())
	require.Zero(t, NewNAV(NAVConfig{FilingDelay: NAVFilesAtOnce}).filingDelay())
}

// TestNAVExpiryRule is NAV's handleExpiryAndStarttimeCombinations, checked
// on the cases of NAV's own TransferLogServiceITest and on the formats its
// parser does not read.
func TestNAVExpiryRule(t *testing.T) {
	for _, tc := range []struct {
		name, due, expires, want string
	}{
		{"SNAREST and no expires: published + 10 days", "Snarest", "", "2025-03-11T08:00:00"},
		{"SNAREST with expires: unchanged", "SNAREST", "2025-04-01T12:00:00", "2025-04-01T12:00:00"},
		{"dd.MM.yyyy before expires: the start of that day", "24.03.2025", "2025-03-30T10:00:00", "2025-03-24T00:00:00"},
		{"a date-time before expires: the start of its day", "2025-03-24T00:00:00", "2025-03-30T10:00:00", "2025-03-24T00:00:00"},
		{"yyyy-MM-ddTHH:mm too", "2025-03-24T15:30", "2025-03-30T10:00:00", "2025-03-24T00:00:00"},
		{"the same day's end: moved to its start", "24.03.2025", "2025-03-24T23:59:59", "2025-03-24T00:00:00"},
		{"an ISO date is no date to NAV: unchanged", "2025-03-24", "2025-03-24T23:59:59", "2025-03-24T23:59:59"},
		{"after expires: unchanged", "30.03.2025", "2025-03-24T00:00:00", "2025-03-24T00:00:00"},
		{"a fraction is not NAV's pattern", "2025-03-24T00:00:00.5", "2025-03-30T10:00:00", "2025-03-30T10:00:00"},
		{"a date without expires: none", "24.03.2025", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			raw := navAd("r", func(ad map[string]any) {
				ad["published"] = "2025-03-01T08:00:00"
				ad["properties"].(map[string]any)["applicationdue"] = tc.due
				if tc.expires == "" {
					delete(ad, "expires")
				} else {
					ad["expires"] = tc.expires
				}
			})
			ad, expires, f := mapNAVAd(mustJSON(t, raw))
			require.Nil(t, f)
			got := ad.expiryRule(expires)
			if tc.want == "" {
				require.True(t, got.IsZero())
				require.Nil(t, ad.Expires)
				return
			}
			require.Equal(t, tc.want, navLocalTime(got))
			require.Equal(t, tc.want, *ad.Expires, "the stored ad carries it, and its md5")
		})
	}
}

// TestNAVStoresTheRuledExpiry: what an upload stores is expires after the
// rule, and an ACTIVE ad past it answers INACTIVE.
func TestNAVStoresTheRuledExpiry(t *testing.T) {
	s := newNAVServer(t)
	yesterday := time.Now().In(oslo).AddDate(0, 0, -1).Format("02.01.2006")
	_, receipt := s.batch(t, mustJSON(t, []any{navAd("exp-1", func(ad map[string]any) {
		ad["properties"].(map[string]any)["applicationdue"] = yesterday
	})}))
	require.Equal(t, "RECEIVED", receipt["status"])
	st, _ := s.Status("exp-1")
	y, m, d := time.Now().In(oslo).AddDate(0, 0, -1).Date()
	require.Equal(t, time.Date(y, m, d, 0, 0, 0, 0, oslo).Format("2006-01-02T15:04:05"), st.Expires)
	s.Moderate()
	code, body := s.adminStatus(t, "exp-1")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "INACTIVE", body["publishStatus"], "expired at moderation")

	_, _ = s.batch(t, mustJSON(t, []any{navAd("exp-2", func(ad map[string]any) {
		ad["expires"] = time.Now().In(oslo).Add(3 * time.Second).Format("2006-01-02T15:04:05")
	})}))
	s.Moderate("exp-2")
	_, body = s.adminStatus(t, "exp-2")
	require.Equal(t, "ACTIVE", body["publishStatus"])
	require.Eventually(t, func() bool { _, body := s.adminStatus(t, "exp-2"); return body["publishStatus"] == "INACTIVE" },
		8*time.Second, 50*time.Millisecond, "an ACTIVE ad expires by itself")
}

// TestNAVUnknown: moderation answers publishStatus UNKNOWN with no
// message, as NAV maps an ad status it does not know.
func TestNAVUnknown(t *testing.T) {
	s := newNAVServer(t)
	_, _ = s.batch(t, mustJSON(t, []any{navAd("unk-1", nil)}))
	s.Unknown("unk-1")
	require.Equal(t, 1, s.Moderate())
	code, body := s.adminStatus(t, "unk-1")
	require.Equal(t, http.StatusOK, code)
	require.Equal(t, "UNKNOWN", body["publishStatus"])
	require.Nil(t, body["message"], "NAV sets a message only for REJECTED")

	_, _ = s.batch(t, mustJSON(t, []any{navAd("unk-2", nil)}))
	s.Moderate("unk-2")
	s.Unknown("unk-2")
	_, body = s.adminStatus(t, "unk-2")
	require.Equal(t, "UNKNOWN", body["publishStatus"], "an approved ad turns UNKNOWN at once")
}
