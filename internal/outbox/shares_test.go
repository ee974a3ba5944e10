package outbox

import (
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

func TestShareOf(t *testing.T) {
	for slots, want := range map[int]int{1: 2, 4: 2, 8: 2, 12: 3, 32: 8, 200: 50} {
		require.Equal(t, want, ShareOf(slots), "slots %d", slots)
	}
}

// TestSharesBoundADestination: a destination takes its share of the slots
// and no more (the next take is backpressure with a short wait), while
// the others still get theirs; a release gives the slot back, once.
func TestSharesBoundADestination(t *testing.T) {
	s := NewShares(32)
	var releases []func()
	for range 8 {
		release, err := s.Take("integration x", 0)
		require.NoError(t, err)
		releases = append(releases, release)
	}
	_, err := s.Take("integration x", 0)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err), "the ninth slot of 32 is over x's share")
	require.Contains(t, err.Error(), "share of 8")
	wait := connectors.RetryAfterOf(err)
	require.GreaterOrEqual(t, wait, time.Second)
	require.Less(t, wait, 2*time.Second, "a short wait: a slot may free at any moment")
	require.Equal(t, 8, s.Held("integration x"))

	for range 8 {
		release, err := s.Take("integration y", 0)
		require.NoError(t, err, "y still gets its share while x holds its own")
		defer release()
	}
	releases[0]()
	releases[0]() // a second call changes nothing
	require.Equal(t, 7, s.Held("integration x"))
	release, err := s.Take("integration x", 0)
	require.NoError(t, err, "a released slot can be taken again")
	_, err = s.Take("integration x", 0)
	require.Error(t, err, "but not two")
	release()
	for _, r := range releases[1:] {
		r()
	}
	require.Equal(t, 0, s.Held("integration x"))
}

// TestSharesFloor: a batching channel's share is raised to its batch
// size, but never past half the slots.
func TestSharesFloor(t *testing.T) {
	s := NewShares(200)
	require.Equal(t, 50, s.Share(0))
	require.Equal(t, 100, s.Share(100), "NAV's batches of 100 still fill from 200 slots")
	require.Equal(t, 50, NewShares(100).Share(100), "half of 100 slots at most")
	for range 100 {
		_, err := s.Take("nav host nav.example", 100)
		require.NoError(t, err)
	}
	_, err := s.Take("nav host nav.example", 100)
	require.Error(t, err)
	_, err = s.Take("finn host finn.example", 0)
	require.NoError(t, err, "the other channel keeps the other half")
}

// TestSharesConcurrent: many goroutines racing for one destination's
// slots never hold more than its share at once.
func TestSharesConcurrent(t *testing.T) {
	s := NewShares(16)
	var mu sync.Mutex
	held, most := 0, 0
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for range 50 {
				release, err := s.Take("integration x", 0)
				if err != nil {
					continue
				}
				mu.Lock()
				held++
				most = max(most, held)
				mu.Unlock()
				mu.Lock()
				held--
				mu.Unlock()
				release()
			}
		})
	}
	wg.Wait()
	require.LessOrEqual(t, most, ShareOf(16))
	require.Equal(t, 0, s.Held("integration x"))
}

func TestNoSharesNeverRefuse(t *testing.T) {
	var s *Shares = NewShares(0)
	for range 100 {
		_, err := s.Take("integration x", 0)
		require.NoError(t, err)
	}
}
