package postgres_test

import (
	"context"
	"fmt"
	neturl "net/url"
	"os"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
	"github.com/jobgate/jobgate/internal/store/postgres"
	"github.com/jobgate/jobgate/internal/store/storetest"
)

// TestConformance runs the store suite against the Postgres server named by
// JOBGATE_TEST_DATABASE_URL, each test in a database of its own.
func TestConformance(t *testing.T) {
	url := os.Getenv("JOBGATE_TEST_DATABASE_URL")
	if url == "" {
		t.Skip("JOBGATE_TEST_DATABASE_URL is not set")
	}
	storetest.Run(t, func(t *testing.T) store.Store {
		s, err := postgres.Open(FreshDatabase(t, url), postgres.Options{})
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		require.NoError(t, s.Migrate(t.Context()))
		require.NoError(t, s.Migrate(t.Context()), "migrating twice is a no-op")
		return s
	})
}

// FreshDatabase creates an empty database on the server at url and returns
// its URL; it is dropped when the test ends.
func FreshDatabase(t *testing.T, url string) string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	require.NoError(t, err)
	defer conn.Close(ctx)
	name := strings.ReplaceAll(ids.New("t"), "-", "")
	_, err = conn.Exec(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, url)
		if err == nil {
			_, _ = c.Exec(ctx, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
			c.Close(ctx)
		}
	})
	u, err := neturl.Parse(url)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String()
}
