package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/golang-jwt/jwt/v5"
	"github.com/stretchr/testify/require"
)

// TestRunPonty checks that `vendorsim ponty` sends what Ponty sends: the
// JWT as "x-pnty-auth-2: Bearer <token>" with iat and exp, the ad with a
// publish_date, and the version probe with a token.
func TestRunPonty(t *testing.T) {
	type request struct {
		method, path, auth string
		body               map[string]any
	}
	var got []request
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		req := request{method: r.Method, path: r.URL.Path, auth: r.Header.Get("x-pnty-auth-2")}
		_ = json.Unmarshal(b, &req.body)
		got = append(got, req)
		_, _ = w.Write([]byte(`{"success":true,"url":"https://board.example/jobs/1"}`))
	}))
	defer srv.Close()
	file := filepath.Join(t.TempDir(), "ad.json")
	require.NoError(t, os.WriteFile(file, []byte(`{"assignment_id":"7","title":"T"}`), 0o600))
	ctx := context.Background()
	common := []string{"--jobgate", srv.URL, "--integration", "int_1", "--key", "k", "--slug", "acme"}

	for _, args := range [][]string{
		append([]string{"ponty", "upsert", "--file", file}, common...),
		append([]string{"ponty", "version"}, common...),
		append([]string{"ponty", "version", "--fault", "no-exp"}, common...),
	} {
		r, err := run(ctx, args)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status)
	}
	require.Len(t, got, 3)
	require.Equal(t, "/connectors/ponty/int_1/pnty_jobs_api", got[0].path)
	require.Equal(t, "acme", got[0].body["system_slug"])
	require.Regexp(t, `^\d{4}-\d{2}-\d{2}$`, got[0].body["publish_date"], "Ponty sends the ad's publish date")
	require.Equal(t, "/connectors/ponty/int_1/pnty_version", got[1].path)
	for i, want := range []bool{true, true, false} {
		token, ok := strings.CutPrefix(got[i].auth, "Bearer ")
		require.True(t, ok, "request %d carries a Bearer token", i)
		claims := jwt.MapClaims{}
		_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return []byte("k"), nil }, jwt.WithValidMethods([]string{"HS256"}), jwt.WithExpirationRequired())
		require.Equal(t, want, err == nil, "request %d: %v", i, err)
		require.Contains(t, claims, "iat")
	}
}
