package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors/applywebhook"
)

// postWebhook sends a signed application to the ATS's webhook name.
func postWebhook(t *testing.T, base, name, key, appID string, pdf []byte) int {
	t.Helper()
	body, err := json.Marshal(map[string]any{"application_id": appID, "job": map[string]string{"id": "job_1", "reference": "ref-1"},
		"candidate": map[string]string{"first_name": "Kari", "email": "kari@example.no"},
		"documents": []map[string]string{{"kind": "cv", "file_name": "cv.pdf", "content_type": "application/pdf", "data": base64.StdEncoding.EncodeToString(pdf)}}})
	require.NoError(t, err)
	req, err := http.NewRequest(http.MethodPost, base+"/webhook/"+name, bytes.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", appID)
	req.Header.Set(applywebhook.SignatureHeader, applywebhook.Sign(key, time.Now(), body))
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	return resp.StatusCode
}

func TestATSServeTakesSignedApplicationsAndShowsThem(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	done := make(chan error, 1)
	go func() {
		_, err := runATS(ctx, "serve", []string{"--addr", "127.0.0.1:0", "--key", "acme=key-one"}, &out)
		done <- err
	}()
	serving := regexp.MustCompile(`serving on (http://\S+)`)
	require.Eventually(t, func() bool { return serving.MatchString(out.String()) }, 5*time.Second, 5*time.Millisecond)
	base := serving.FindStringSubmatch(out.String())[1]
	require.Contains(t, out.String(), "acme: apply_url="+base+"/webhook/acme\n")

	pdf := []byte("%PDF-1.4\nhello\n")
	require.Equal(t, http.StatusCreated, postWebhook(t, base, "acme", "key-one", "app_1", pdf))
	require.Equal(t, http.StatusUnauthorized, postWebhook(t, base, "acme", "wrong", "app_2", pdf))
	require.Equal(t, http.StatusUnauthorized, postWebhook(t, base, "other", "key-two", "app_3", pdf))

	r, err := run(ctx, []string{"ats", "key", "--sim", base, "--key", "other=key-two"})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status, string(r.Body))
	require.Equal(t, http.StatusCreated, postWebhook(t, base, "other", "key-two", "app_3", pdf))

	r, err = run(ctx, []string{"ats", "received", "--sim", base, "--vendor", "webhook"})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, r.Status)
	var got struct {
		Received []struct {
			Account, ID    string
			IdempotencyKey string `json:"idempotency_key"`
			Fields         map[string][]string
			Files          []struct {
				Field, SHA256 string
				Size          int
			}
		}
	}
	require.NoError(t, json.Unmarshal(r.Body, &got))
	require.Len(t, got.Received, 2)
	sum := sha256.Sum256(pdf)
	first := got.Received[0]
	require.Equal(t, "acme", first.Account)
	require.Equal(t, "app_1", first.IdempotencyKey)
	require.Equal(t, []string{"Kari"}, first.Fields["candidate.first_name"])
	require.Len(t, first.Files, 1)
	require.Equal(t, hex.EncodeToString(sum[:]), first.Files[0].SHA256)
	require.Equal(t, len(pdf), first.Files[0].Size)

	_, err = run(ctx, []string{"ats", "key", "--sim", base})
	require.ErrorContains(t, err, "--key NAME=KEY is required")
	_, err = run(ctx, []string{"ats", "key", "--sim", base, "--key", "nokey"})
	require.ErrorContains(t, err, "want NAME=KEY")
	_, err = run(ctx, []string{"ats", "fly", "--sim", base})
	require.ErrorContains(t, err, "unknown command")

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
