package outbox

import (
	"context"
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

// testShares are shares of slots on a clock the test moves.
func testShares(slots int) (*Shares, *time.Time) {
	s := NewShares(slots)
	now := time.Unix(1_700_000_000, 0)
	s.now = func() time.Time { return now }
	return s, &now
}

// takeN takes n slots of dest, which must all be granted.
func takeN(t *testing.T, s *Shares, dest string, n, floor int) []func() {
	t.Helper()
	var out []func()
	for range n {
		release, err := s.Take(t.Context(), dest, floor)
		require.NoError(t, err)
		out = append(out, release)
	}
	return out
}

// cancelled is a context already over: a Take that would wait for a slot
// answers its error; one that does not wait answers backpressure.
func cancelled() context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return ctx
}

func (s *Shares) waitingFor(dest string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.dests[dest]; ok {
		return d.waiting
	}
	return 0
}

// TestSharesBoundADestination: a destination that hangs takes its share
// of the slots and no more (the next take is backpressure with a short
// wait, at once, holding no worker), while the others still get theirs;
// a release gives the slot back, once.
func TestSharesBoundADestination(t *testing.T) {
	s, now := testShares(32)
	x := takeN(t, s, "integration x", 8, 0)
	_, err := s.Take(cancelled(), "integration x", 0)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err), "x has answered nothing yet: no waiting for its slots")
	require.Less(t, connectors.RetryAfterOf(err), 2*shareWait, "and a short wait in the queue")
	*now = now.Add(2 * answering) // x has freed nothing since: it hangs

	_, err = s.Take(cancelled(), "integration x", 0)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err), "the ninth slot of 32 is over x's share, and it does not wait")
	require.Contains(t, err.Error(), "share of 8")
	wait := connectors.RetryAfterOf(err)
	require.GreaterOrEqual(t, wait, 2*answering, "as long as x has been silent")
	require.LessOrEqual(t, wait, 3*answering, "plus jitter")
	*now = now.Add(time.Hour)
	_, err = s.Take(cancelled(), "integration x", 0)
	require.GreaterOrEqual(t, connectors.RetryAfterOf(err), maxShareWait, "but no longer than maxShareWait")
	require.LessOrEqual(t, connectors.RetryAfterOf(err), maxShareWait*3/2)
	require.Equal(t, 8, s.Held("integration x"))

	y := takeN(t, s, "integration y", 8, 0)
	require.Equal(t, 8, s.Held("integration y"), "y gets its share while x holds its own")
	x[0]()
	x[0]() // a second call changes nothing
	require.Equal(t, 7, s.Held("integration x"))
	x[0] = takeN(t, s, "integration x", 1, 0)[0]
	_, err = s.Take(cancelled(), "integration x", 0)
	require.Error(t, err, "but not two")
	for _, r := range append(x, y...) {
		r()
	}
	require.Equal(t, 0, s.Held("integration x"))
	require.Empty(t, s.dests, "nothing kept for destinations not in use")
	require.Zero(t, s.busy)
}

// TestSharesWaitForAnAnsweringDestination: over its share, a delivery to
// a destination that answers waits for one of its slots, and gets the
// first one freed; a share's worth wait so, and more only while a share
// of the workers stays free for other destinations.
func TestSharesWaitForAnAnsweringDestination(t *testing.T) {
	s, _ := testShares(8) // share 2
	x := takeN(t, s, "integration x", 2, 0)
	x[0]() // x answers
	x[0] = takeN(t, s, "integration x", 1, 0)[0]
	got := make(chan error, 2)
	for range 2 {
		go func() {
			release, err := s.Take(context.Background(), "integration x", 0)
			if err == nil {
				defer release()
			}
			got <- err
		}()
	}
	require.Eventually(t, func() bool { return s.waitingFor("integration x") == 2 }, 5*time.Second, time.Millisecond)
	_, err := s.Take(cancelled(), "integration x", 0)
	require.ErrorIs(t, err, context.Canceled, "a third would wait too: 4 of 8 workers are busy, a share stays free")
	y := takeN(t, s, "integration y", 2, 0)
	_, err = s.Take(cancelled(), "integration x", 0)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err), "but not once only a share of the workers is free")
	for _, r := range y {
		r()
	}

	x[0]()
	require.NoError(t, <-got, "a waiting delivery takes the freed slot")
	x[1]()
	require.NoError(t, <-got)
	require.Eventually(t, func() bool { return s.Held("integration x") == 0 }, 5*time.Second, time.Millisecond)
	s.mu.Lock()
	defer s.mu.Unlock()
	require.Zero(t, s.busy, "every worker counted out again")
}

// TestSharesWaitEnds: a slot that does not free within slotWait sends the
// delivery back to the queue, for a short wait.
func TestSharesWaitEnds(t *testing.T) {
	s, _ := testShares(8)
	s.slotWait = 50 * time.Millisecond
	x := takeN(t, s, "integration x", 2, 0)
	x[0]()
	takeN(t, s, "integration x", 1, 0)
	_, err := s.Take(t.Context(), "integration x", 0)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err))
	require.Less(t, connectors.RetryAfterOf(err), 2*shareWait)
	require.Equal(t, 0, s.waitingFor("integration x"))
}

// TestSharesFloor: a batching channel's share is raised to its batch
// size, but never past half the slots.
func TestSharesFloor(t *testing.T) {
	s, now := testShares(200)
	require.Equal(t, 50, s.Share(0))
	require.Equal(t, 100, s.Share(100), "NAV's batches of 100 still fill from 200 slots")
	require.Equal(t, 50, NewShares(100).Share(100), "half of 100 slots at most")
	takeN(t, s, "nav host nav.example", 100, 100)
	*now = now.Add(2 * answering)
	_, err := s.Take(cancelled(), "nav host nav.example", 100)
	require.Equal(t, connectors.Backpressure, connectors.ClassOf(err))
	takeN(t, s, "finn host finn.example", 50, 0)
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
				release, err := s.Take(context.Background(), "integration x", 0)
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
		_, err := s.Take(context.Background(), "integration x", 0)
		require.NoError(t, err)
	}
}
