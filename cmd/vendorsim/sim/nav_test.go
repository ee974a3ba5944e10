package sim

import (
	"encoding/json"
	"net/http"
	"regexp"
	"testing"

	"github.com/stretchr/testify/require"
)

var md5Hex = regexp.MustCompile(`^[0-9A-F]{32}$`)

// receiptKeys are the keys of NAV's documented receipt, plus the
// providerId today's TransferLogDTO has (research §1.9).
func receiptKeys(t *testing.T) []string {
	doc := decodeObject(t, example(t, "nav-doc-receipt.json"))
	doc["providerId"] = 0
	return sortedKeys(doc)
}

func TestNAVStreamReceivesItsSampleAdAndSkipsItUnchanged(t *testing.T) {
	s := newNAVServer(t)
	sample := example(t, "nav-doc-sample-ad.json")
	got := s.stream(t, sample)
	require.Len(t, got, 1)
	r := got[0]
	require.Equal(t, receiptKeys(t), sortedKeys(r))
	require.Equal(t, "RECEIVED", r["status"])
	require.EqualValues(t, 1, r["versionId"])
	require.EqualValues(t, 1, r["items"])
	require.EqualValues(t, 10042, r["providerId"])
	require.Regexp(t, md5Hex, r["md5"])

	again := s.stream(t, sample)
	require.Len(t, again, 1)
	require.Equal(t, "SKIPPED", again[0]["status"])
	require.Equal(t, "Content already exist, skipping", again[0]["message"])
	require.Equal(t, r["md5"], again[0]["md5"])
	require.NotContains(t, again[0], "versionId")

	var want map[string]any
	require.NoError(t, json.Unmarshal(sample, &want))
	require.Equal(t, want, s.Ad("140095810"))
	require.JSONEq(t, string(sample), string(s.AdJSON("140095810")))
	st := s.Stats()
	require.Equal(t, 1, st.Received)
	require.Equal(t, 1, st.Skipped)
	require.Equal(t, 2, st.StreamRequests)
}

func TestNAVStreamAnswersOneReceiptPerAdWithNoSeparator(t *testing.T) {
	for _, name := range []string{"nav-doc-stream-ads.jstream", "nav-ads-stream.jstream"} {
		s := newNAVServer(t)
		body := example(t, name)
		resp, raw := s.do(t, http.MethodPost, "/api/v1/transfers/10042", body)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Contains(t, string(raw), "}{", "receipts follow each other as in nav-doc-stream-receipts.jstream")
		got := s.stream(t, body)
		require.Len(t, got, 2, name)
		for _, r := range got {
			require.Equal(t, "SKIPPED", r["status"], "the second time, %s", name)
		}
		require.ElementsMatch(t, []string{"140095810", "1214567"}, s.References())
		st, ok := s.Status("1214567")
		require.True(t, ok)
		require.Equal(t, "RECEIVED", st.Status)
		require.EqualValues(t, 2, st.VersionID, "one transfer per streamed ad")
	}
}

func TestNAVBatchReceivesItsExamplesAndSkipsThemUnchanged(t *testing.T) {
	for _, name := range []string{"nav-transfer-ads.json", "nav-doc-batch-ads.json"} {
		s := newNAVServer(t)
		body := example(t, name)
		resp, r := s.batch(t, body)
		require.Equal(t, http.StatusCreated, resp.StatusCode, "%s: %v", name, r)
		require.Equal(t, receiptKeys(t), sortedKeys(r))
		require.Equal(t, "RECEIVED", r["status"])
		require.EqualValues(t, 2, r["items"])
		require.EqualValues(t, 1, r["versionId"])

		resp, again := s.batch(t, body)
		require.Equal(t, http.StatusOK, resp.StatusCode)
		require.Equal(t, "SKIPPED", again["status"])
		require.EqualValues(t, 1, again["items"], "NAV's SKIPPED receipt says items 1 even for a batch")
		require.Equal(t, r["md5"], again["md5"])
		require.Equal(t, []int{2, 2}, s.Stats().BatchSizes)
		require.Equal(t, "Heltid", s.Ad("1214567")["properties"].(map[string]any)["extent"])
	}
}

func TestNAVRefusesTheAdWithMissingFields(t *testing.T) {
	s := newNAVServer(t)
	missing := example(t, "nav-transfer-ads-missing.json")
	got := s.stream(t, missing)
	require.Len(t, got, 1)
	require.Equal(t, "ERROR", got[0]["status"])
	require.Equal(t, "Missing parameter: reference", got[0]["message"])
	require.Equal(t, "", got[0]["md5"])
	require.NotContains(t, got[0], "versionId")

	resp, e := s.batch(t, missing)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	require.Equal(t, "MISSING_PARAMETER", e["errorType"])
	require.Equal(t, "Missing parameter: reference", e["message"])
	require.Regexp(t, `^[0-9a-f-]{36}$`, e["errorRef"])

	// Its one ad has its text under properties.adtext (no such property),
	// no title, and an old category type: NAV's mapper fails at the first
	// in the document.
	var wrapped struct{ Ads []json.RawMessage }
	require.NoError(t, json.Unmarshal(missing, &wrapped))
	got = s.stream(t, wrapped.Ads[0])
	require.Equal(t, "ERROR", got[0]["status"])
	require.Equal(t, "Invalid value: adtext at field properties", got[0]["message"])
	ad := decodeObject(t, wrapped.Ads[0])
	delete(ad["properties"].(map[string]any), "adtext")
	got = s.stream(t, mustJSON(t, ad))
	require.Equal(t, "Invalid value: AP2020 at field categoryType", got[0]["message"])
	delete(ad, "categoryList")
	got = s.stream(t, mustJSON(t, ad))
	require.Equal(t, "Missing parameter: title", got[0]["message"])
	require.Empty(t, s.References())
}

func TestNAVAnswersMalformedJSONWithItsParseError(t *testing.T) {
	s := newNAVServer(t)
	broken := example(t, "nav-transfer-ads-parse-error.json")
	got := s.stream(t, broken)
	require.Len(t, got, 1)
	require.Equal(t, "ERROR", got[0]["status"])
	require.Regexp(t, `^JSON Parse error: at \[Source: .*; line: 7, column: 3\]$`, got[0]["message"])

	resp, e := s.batch(t, broken)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode)
	require.Equal(t, "PARSE_ERROR", e["errorType"])
	require.Regexp(t, `^Parse error: at \[Source: .*; line: 7, column: 3\]$`, e["message"])

	// A stream stops at the first unparseable bytes; the ads before it count.
	body := append(mustJSON(t, navAd("a", nil)), []byte("\n{\"reference\": \"b\",,}\n")...)
	got = s.stream(t, append(body, mustJSON(t, navAd("c", nil))...))
	require.Len(t, got, 2)
	require.Equal(t, "RECEIVED", got[0]["status"])
	require.Equal(t, "ERROR", got[1]["status"])
	require.Equal(t, []string{"a"}, s.References())

	resp, raw := s.do(t, http.MethodPost, "/api/v1/transfers/10042", nil)
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "an empty stream")
	require.Empty(t, raw)
}

func TestNAVBatchHoldsOneToAHundredAds(t *testing.T) {
	s := newNAVServer(t)
	ads := make([]any, 101)
	for i := range ads {
		ads[i] = navAd("ref-"+string(rune('a'+i%26))+string(rune('a'+i/26)), nil)
	}
	for _, list := range [][]any{ads, {}} {
		resp, e := s.batch(t, mustJSON(t, list))
		require.Equal(t, http.StatusBadRequest, resp.StatusCode)
		require.Equal(t, "INVALID_VALUE", e["errorType"])
		require.Equal(t, "ads should be between 1 to max 100", e["message"])
	}
	require.Empty(t, s.References())
	resp, r := s.batch(t, mustJSON(t, ads[:100]))
	require.Equal(t, http.StatusCreated, resp.StatusCode, r)
	require.EqualValues(t, 100, r["items"])
	require.Len(t, s.References(), 100)

	// One ad given as an object is a batch of one.
	resp, r = s.batch(t, mustJSON(t, navAd("single", nil)))
	require.Equal(t, http.StatusCreated, resp.StatusCode, r)
	require.EqualValues(t, 1, r["items"])
}
