package nav

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var receiptSeeds = []string{"nav-doc-receipt.json", "nav-doc-batch-receipt.json", "nav-doc-stream-receipts.jstream",
	"nav-doc-adminstatus.json", "nav-transfer-ads-parse-error.json"}

func TestParseReceipts(t *testing.T) {
	for name, want := range map[string][]Receipt{
		"nav-doc-receipt.json": {{VersionID: 1, Status: StatusReceived, MD5: "3D5A0C23BC12D58D5865CF3CFC086F11", Items: 1,
			Created: "2020-04-02T09:47:58.52183", Updated: "2020-04-02T09:47:58.521843"}},
		"nav-doc-batch-receipt.json": {{VersionID: 1, Status: StatusReceived, MD5: "A814439739BD4ED36BAA643B3420002E", Items: 2,
			Created: "2020-04-03T12:52:26.836529", Updated: "2020-04-03T12:52:26.836541"}},
	} {
		body, err := os.ReadFile(filepath.Join(vendor, name))
		require.NoError(t, err)
		got, err := ParseReceipts(body)
		require.NoError(t, err, name)
		require.Equal(t, want, got, name)
	}
	body, err := os.ReadFile(filepath.Join(vendor, "nav-doc-stream-receipts.jstream"))
	require.NoError(t, err)
	got, err := ParseReceipts(body)
	require.NoError(t, err)
	require.Len(t, got, 2, "receipts joined as }{ are read one after another")
	require.Equal(t, []int64{1, 2}, []int64{got[0].VersionID, got[1].VersionID})

	for _, bad := range []string{"", "  ", "null", "[]", `[{"status":"RECEIVED"}]`, `{"status":"received"}`, `{"versionId":1}`,
		`{"status":"DONE"} 42`, `{"status":"SKIPPED"`, "<html></html>", strings.Repeat(`{"status":"DONE"}`, 101)} {
		_, err := ParseReceipts([]byte(bad))
		require.Error(t, err, "%.40q", bad)
	}
}

// FuzzReceipt feeds the receipt parser, seeded with NAV's receipt
// examples: no panic, and what it accepts is 1 to 100 receipts of known
// status that survive a round trip.
func FuzzReceipt(f *testing.F) {
	for _, s := range receiptSeeds {
		if b, err := os.ReadFile(filepath.Join(vendor, s)); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(skipped))
	f.Add([]byte(`{"status":"ERROR","message":"JSON Parse error: at [Source: (String)\"x\"; line: 1, column: 2]"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		rs, err := ParseReceipts(body)
		if err != nil {
			require.Nil(t, rs)
			return
		}
		require.NotEmpty(t, rs)
		require.LessOrEqual(t, len(rs), maxReceipts)
		var again []byte
		for _, r := range rs {
			require.True(t, slices.Contains(receiptStatuses, r.Status))
			b, err := json.Marshal(r)
			require.NoError(t, err)
			again = append(again, b...)
		}
		back, err := ParseReceipts(again)
		require.NoError(t, err)
		require.Equal(t, rs, back)
	})
}
