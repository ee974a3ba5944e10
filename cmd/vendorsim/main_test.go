package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestRunSendsTheVendorsRequests checks the command line against a stand-in
// jobgate that records what arrives.
func TestRunSendsTheVendorsRequests(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		got = append(got, r.Method+" "+r.URL.Path+" "+r.Header.Get("Authorization")+r.Header.Get("x-pnty-slug")+" "+string(body))
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	file := filepath.Join(t.TempDir(), "ad.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"assignment_id":"7","title":"T"}`), 0o600))
	ctx := context.Background()

	r, err := run(ctx, []string{"workbuster", "put", "--jobgate", srv.URL, "--key", "jg_key_x_secretsecret", "--ref", "wb-1", "--file", file})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, r.Status)
	r, err = run(ctx, []string{"ponty", "delete", "--jobgate", srv.URL, "--integration", "int_1", "--key", "k", "--slug", "acme", "--id", "7"})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, r.Status)
	r, err = run(ctx, []string{"teamtailor", "delete", "--jobgate", srv.URL, "--secret", "s", "--key", "k", "--ref", "23"})
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, r.Status)
	require.Len(t, got, 3)
	require.True(t, strings.HasPrefix(got[2], "DELETE /connectors/teamtailor/webhook/23 Bearer "), got[2])
	require.True(t, strings.HasPrefix(got[0], "PUT /v1/ads/wb-1 Bearer jg_key_x_secretsecret"), got[0])
	require.True(t, strings.HasPrefix(got[1], "DELETE /connectors/ponty/int_1/pnty_jobs_api/7 acme"), got[1])

	_, err = run(ctx, []string{"teamtailor", "fly"})
	require.ErrorContains(t, err, "unknown command")
}
