package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// TestAccountRetentionCommands (issue 14, build 4 and bad input "retention
// of 0 or negative days"): accounts list shows the default retention and
// no early CV deletion; update sets and clears them; 0, negative and
// unknown accounts are refused with a clear error and change nothing.
func TestAccountRetentionCommands(t *testing.T) {
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir()), "JOBGATE_RETENTION_DAYS=200"}
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	out, _, err := cli(t, env, "accounts", "list")
	require.NoError(t, err)
	require.Regexp(t, `ID\s+NAME\s+RETENTION DAYS\s+CV DAYS\s+CREATED`, out)
	require.Regexp(t, acc+`\s+Eksempel AS\s+200 \(default\)\s+off\s+20`, out)

	for _, bad := range [][]string{{"--retention-days", "0"}, {"--retention-days=-3"}, {"--cv-days-after-delivery", "0"}, {"--cv-days-after-delivery", "soon"}, {}} {
		_, errOut, err := cli(t, env, append([]string{"accounts", "update", acc}, bad...)...)
		require.Error(t, err, "%v", bad)
		require.Contains(t, errOut, "days", "%v", bad)
	}
	_, errOut, err := cli(t, env, "accounts", "update", "acc_missing", "--retention-days", "30")
	require.Error(t, err)
	require.Contains(t, errOut, "no account acc_missing")
	out, _, _ = cli(t, env, "accounts", "list")
	require.Regexp(t, acc+`\s+Eksempel AS\s+200 \(default\)\s+off`, out, "refused updates changed nothing")

	out, errOut, err = cli(t, env, "accounts", "update", acc, "--retention-days", "30", "--cv-days-after-delivery", "7")
	require.NoError(t, err, errOut)
	require.Contains(t, out, "retention_days=30\tcv_days_after_delivery=7")
	out, _, _ = cli(t, env, "accounts", "list")
	require.Regexp(t, acc+`\s+Eksempel AS\s+30\s+7\s+`, out)
	_, errOut, err = cli(t, env, "accounts", "update", acc, "--cv-days-after-delivery", "off")
	require.NoError(t, err, errOut)
	out, _, _ = cli(t, env, "accounts", "list")
	require.Regexp(t, acc+`\s+Eksempel AS\s+30\s+off\s+`, out, "retention kept, CV deletion off")

	out, _, err = cli(t, env, "privacy", "purge")
	require.NoError(t, err)
	require.Regexp(t, acc+`\s+30\s+0\s+0`, out)
}

// TestCandidateExportAndErase (issue 14, builds 5, 6 and 8, on the
// embedded store): a candidate applies through a running jobgate and the
// application reaches the ATS; candidates export prints it all (ad,
// content, file metadata, the delivered hop with the ATS's id); candidates
// erase prints a receipt naming that hop, and the receipt id on the last
// line; afterwards the e-mail, name and CV bytes are in neither the
// database file, its WAL, nor the logs, and an e-mail with nothing held
// gets a receipt saying so.
func TestCandidateExportAndErase(t *testing.T) {
	ats := sim.NewATS()
	atsSrv := httptest.NewServer(ats)
	t.Cleanup(func() { ats.Close(); atsSrv.Close() })
	dir := migrated(t, t.TempDir())
	env := []string{"JOBGATE_DATA_DIR=" + dir, "JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8"}
	key, integ := applyTenant(t, env, atsSrv.URL, ats)
	addr := freeAddr(t)
	_, logs := serveLogged(t, env, addr)
	require.Equal(t, http.StatusCreated, put(t, addr, key, "ref-1", "Truckfører"))
	job := jobID(t, addr, key, "ref-1")
	statusURL := submit(t, addr, job)
	require.Eventually(t, func() bool { return status(t, statusURL) == "delivered" }, 30*time.Second, 50*time.Millisecond, "delivered: %s", logs)

	out, errOut, err := cli(t, env, "candidates", "export", "--email", "SIGRID.Kvernbergsen@example.no")
	require.NoError(t, err, errOut)
	var exp struct {
		Applications []struct {
			ID        string `json:"id"`
			Ad        struct{ ID, Reference, Title string }
			Content   json.RawMessage `json:"content"`
			Documents []struct {
				FileName string `json:"file_name"`
				Size     int
			}
			Deliveries []struct {
				IntegrationID string `json:"integration_id"`
				State         string `json:"state"`
				ATSID         string `json:"ats_id"`
			}
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &exp), out)
	require.Len(t, exp.Applications, 1)
	a := exp.Applications[0]
	require.Equal(t, job, a.Ad.ID)
	require.Equal(t, "ref-1", a.Ad.Reference)
	require.Contains(t, string(a.Content), "Kvernbergsen")
	require.Equal(t, "Sigrid Kvernbergsen CV.pdf", a.Documents[0].FileName)
	require.Equal(t, len(candidateCV), a.Documents[0].Size)
	require.Equal(t, integ, a.Deliveries[0].IntegrationID)
	require.Equal(t, "delivered", a.Deliveries[0].State)
	require.NotEmpty(t, a.Deliveries[0].ATSID)

	out, errOut, err = cli(t, env, "candidates", "erase", "--email", "sigrid.kvernbergsen@example.no")
	require.NoError(t, err, errOut)
	receiptID := lastLine(out)
	require.True(t, strings.HasPrefix(receiptID, "era_"), out)
	var rec struct {
		ID           string
		Applications int
		Forwarded    []struct {
			IntegrationID string `json:"integration_id"`
			ATSID         string `json:"ats_id"`
			DeliveredAt   string `json:"delivered_at"`
		}
	}
	require.NoError(t, json.Unmarshal([]byte(strings.TrimSuffix(strings.TrimSpace(out), receiptID)), &rec), out)
	require.Equal(t, receiptID, rec.ID)
	require.Equal(t, 1, rec.Applications)
	require.Len(t, rec.Forwarded, 1)
	require.Equal(t, integ, rec.Forwarded[0].IntegrationID)
	require.Equal(t, a.Deliveries[0].ATSID, rec.Forwarded[0].ATSID)
	require.NotEmpty(t, rec.Forwarded[0].DeliveredAt)
	resp, err := http.Get(statusURL)
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "the application's status is gone with it")

	path := filepath.Join(dir, "jobgate.db")
	var files []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if !os.IsNotExist(err) {
			require.NoError(t, err)
		}
		files = append(files, b...)
	}
	for _, v := range []string{"sigrid.kvernbergsen@example.no", "Kvernbergsen", "truckkjøring", "CV-BYTES-Sigrid-Kvernbergsen-4f1c9a"} {
		require.False(t, bytes.Contains(files, []byte(v)), "the database files still hold %q", v)
		require.NotContains(t, logs.String(), v)
	}

	_, errOut, err = cli(t, env, "candidates", "erase", "--email", "nobody@example.no", "--account", "acc_missing")
	require.Error(t, err)
	require.Contains(t, errOut, "no account acc_missing")
	_, errOut, err = cli(t, env, "candidates", "export", "--email", "not-an-address")
	require.Error(t, err)
	require.Contains(t, errOut, "--email must be an e-mail address")
	out, errOut, err = cli(t, env, "candidates", "erase", "--email", "nobody@example.no")
	require.NoError(t, err, errOut)
	require.Contains(t, out, `"applications": 0`)
	require.Contains(t, out, "nothing was held for this e-mail address")
	require.True(t, strings.HasPrefix(lastLine(out), "era_"))
	out, _, err = cli(t, env, "candidates", "export", "--email", "nobody@example.no")
	require.NoError(t, err)
	require.Contains(t, out, `"applications": []`)
}
