package postgres_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"

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
		s, err := postgres.Open(storetest.FreshDatabase(t, url), postgres.Options{})
		require.NoError(t, err)
		t.Cleanup(func() { s.Close() })
		require.NoError(t, s.Migrate(t.Context()))
		require.NoError(t, s.Migrate(t.Context()), "migrating twice is a no-op")
		return s
	})
}
