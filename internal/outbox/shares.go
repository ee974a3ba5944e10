package outbox

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// shareWait is how long a delivery whose destination holds its share of
// the slots waits before it is tried again (plus up to half as much
// again, so the ones put back together do not all come back together).
// Short: a slot of its own destination may free at any moment.
const shareWait = time.Second

// ShareOf is the most of slots one destination may hold at once: a
// quarter, and at least two, so a destination that hangs (an ATS that
// takes the connection and never answers) holds at most a quarter of a
// worker's deliveries and the other destinations keep the rest.
func ShareOf(slots int) int { return max(2, slots/4) }

// Shares counts the slots of one asynq server (its concurrency) held per
// destination in this process, and refuses a destination more than its
// share. The slots are a process's own, so the count is too. Shares is
// safe for concurrent use; a nil *Shares never refuses.
type Shares struct {
	slots int
	share int

	mu   sync.Mutex
	held map[string]int
}

// NewShares returns the shares of slots slots, ShareOf(slots) each.
// slots <= 0 means no bound (Take never refuses).
func NewShares(slots int) *Shares {
	if slots <= 0 {
		return nil
	}
	return &Shares{slots: slots, share: ShareOf(slots), held: map[string]int{}}
}

// Share is dest's share given floor, the least it needs to work (a
// batching channel's batch size, so its batches still fill): the usual
// share, raised to floor but never past half the slots.
func (s *Shares) Share(floor int) int {
	return max(s.share, min(floor, s.slots/2))
}

// Take takes a slot for dest, whose share is Share(floor). It returns the
// function that gives the slot back (call it once, when the call to dest
// is over), or, when dest holds its share already, backpressure: the
// delivery goes back to the queue for a moment without spending an
// attempt, and its worker takes another destination's delivery.
func (s *Shares) Take(dest string, floor int) (release func(), err error) {
	if s == nil {
		return func() {}, nil
	}
	share := s.Share(floor)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held[dest] >= share {
		wait := shareWait + rand.N(shareWait/2)
		return nil, connectors.NewBackpressure(fmt.Errorf("%s holds its share of %d of this worker's %d delivery slots", dest, share, s.slots), wait)
	}
	s.held[dest]++
	var once sync.Once
	return func() { once.Do(func() { s.give(dest) }) }, nil
}

// Held is how many slots dest holds now.
func (s *Shares) Held(dest string) int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.held[dest]
}

func (s *Shares) give(dest string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held[dest]--; s.held[dest] <= 0 {
		delete(s.held, dest)
	}
}
