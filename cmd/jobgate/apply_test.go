package main

import (
	"bytes"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/apply/applytest"
)

// The candidate of these tests: every value is searched for in the logs.
var (
	candidateFields = map[string]string{"first_name": "Sigrid", "last_name": "Kvernbergsen", "email": "sigrid.kvernbergsen@example.no",
		"phone": "+47 41 23 45 67", "cover_letter": "Jeg har lang erfaring med truckkjøring.", "consents[privacy_policy]": "true"}
	candidateCV = applytest.PDF([]byte("CV-BYTES-Sigrid-Kvernbergsen-4f1c9a"))
)

// serveLogged is serve, with the process's logs at debug level kept.
func serveLogged(t *testing.T, env []string, addr string) (*exec.Cmd, *apptest.Logs) {
	t.Helper()
	logs := &apptest.Logs{}
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(append(cleanEnv(), env...), "JOBGATE_ADDR="+addr, "JOBGATE_RECONCILE_INTERVAL=200ms", "JOBGATE_LOG_LEVEL=debug")
	cmd.Stdout, cmd.Stderr = logs, logs
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill(); _, _ = cmd.Process.Wait() })
	require.Eventually(t, func() bool {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == 200
	}, 20*time.Second, 50*time.Millisecond, "serve did not come up: %s", logs)
	return cmd, logs
}

// applyTenant creates a generic integration whose applications go to the
// simulator's webhook, and an ad; it returns the key and the job id.
func applyTenant(t *testing.T, env []string, atsURL string, ats *sim.ATS) (string, string) {
	acc := created(t, env, "accounts", "create", "--name", "Eksempel AS")
	integ := created(t, env, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "apply_url="+atsURL+"/webhook/acme")
	key := created(t, env, "keys", "issue", "--integration", integ)
	ats.SetKey("acme", key)
	return key, integ
}

// jobID returns the id of the integration's ad ref.
func jobID(t *testing.T, addr, key, ref string) string {
	req, _ := http.NewRequest("GET", "http://"+addr+"/v1/ads/"+ref, nil)
	req.Header.Set("Authorization", "Bearer "+key)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var v struct{ ID string }
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	return v.ID
}

// submit posts the candidate's application and returns its status URL.
func submit(t *testing.T, addr, job string) string {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range candidateFields {
		require.NoError(t, mw.WriteField(k, v))
	}
	w, err := mw.CreateFormFile("cv", "Sigrid Kvernbergsen CV.pdf")
	require.NoError(t, err)
	_, _ = w.Write(candidateCV)
	require.NoError(t, mw.Close())
	resp, err := http.Post("http://"+addr+"/v1/jobs/"+job+"/applications", mw.FormDataContentType(), &buf)
	require.NoError(t, err)
	defer resp.Body.Close()
	var v struct {
		StatusURL string `json:"status_url"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&v))
	require.Equal(t, http.StatusAccepted, resp.StatusCode)
	return v.StatusURL
}

func status(t *testing.T, url string) string {
	resp, err := http.Get(url)
	if err != nil {
		return ""
	}
	defer resp.Body.Close()
	var v struct{ Status string }
	_ = json.NewDecoder(resp.Body).Decode(&v)
	return v.Status
}

// TestSIGKILLAfterTheATSAnswered kills jobgate while the ATS holds the
// application but before jobgate recorded it: restarted, jobgate sends it
// again with the same Idempotency-Key, and the ATS holds one application.
// The logs of the whole flow, at debug level, carry none of the
// candidate's data.
func TestSIGKILLAfterTheATSAnswered(t *testing.T) {
	ats := sim.NewATS()
	atsSrv := httptest.NewServer(ats)
	t.Cleanup(func() { ats.Close(); atsSrv.Close() })
	env := []string{"JOBGATE_DATA_DIR=" + migrated(t, t.TempDir()), "JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8"}
	key, _ := applyTenant(t, env, atsSrv.URL, ats)

	addr := freeAddr(t)
	srv, logs := serveLogged(t, env, addr)
	require.Equal(t, http.StatusCreated, put(t, addr, key, "ref-1", "Truckfører"))
	job := jobID(t, addr, key, "ref-1")
	ats.HangAfterAccept(1)
	statusURL := submit(t, addr, job)
	require.Eventually(t, func() bool { return len(ats.Received("webhook")) == 1 }, 20*time.Second, 20*time.Millisecond, "the ATS took it")
	require.NoError(t, srv.Process.Signal(syscall.SIGKILL))
	_, _ = srv.Process.Wait()
	require.Equal(t, 1, ats.Received("webhook")[0].Deliveries)

	_, logs2 := serveLogged(t, env, addr)
	require.Eventually(t, func() bool { return status(t, statusURL) == "delivered" }, 30*time.Second, 50*time.Millisecond,
		"delivered after the restart: %s", logs2)
	got := ats.Received("webhook")
	require.Len(t, got, 1, "the ATS holds one application")
	require.Equal(t, 2, got[0].Deliveries, "it was sent twice, with the same Idempotency-Key")
	require.Equal(t, candidateCV, got[0].Files[0].Data)

	all := logs.String() + logs2.String()
	require.Contains(t, all, "application accepted", "the logs were captured")
	for name, v := range candidateFields {
		if name == "consents[privacy_policy]" {
			continue
		}
		require.NotContains(t, all, v, "the candidate's %s is in the logs", name)
	}
	require.NotContains(t, all, "CV-BYTES-Sigrid", "the CV is in the logs")
	require.NotContains(t, all, "Kvernbergsen", "the candidate's name is in the logs")
	metrics, err := http.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	defer metrics.Body.Close()
	var m bytes.Buffer
	_, _ = m.ReadFrom(metrics.Body)
	require.NotContains(t, m.String(), "Kvernbergsen", "personal data in a metric label")
	require.NotContains(t, m.String(), "example.no")
}
