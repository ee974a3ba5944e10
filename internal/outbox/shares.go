package outbox

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// Timings of the shares.
const (
	// shareWait is the least a delivery whose destination holds its share
	// waits in the queue before it is tried again. Short: a slot of a
	// destination that answers frees at any moment.
	shareWait = 250 * time.Millisecond
	// maxShareWait is the most it waits: the longer its destination has
	// freed no slot (it hangs), the longer the wait, up to this, so a
	// backlog of deliveries to a hanging ATS is not re-read every second.
	maxShareWait = 30 * time.Second
	// slotWait is the longest a delivery over its share waits in its
	// worker for a slot of its own destination, when that destination
	// is answering: a busy but healthy ATS frees slots all the time, and
	// requeueing would cost the delivery a second or more.
	slotWait = 5 * time.Second
	// answering is how recently a destination must have given a slot
	// back to count as answering. One that hangs gives none back, so its
	// deliveries over the share go back to the queue at once and hold no
	// worker.
	answering = time.Second
)

// errShareFull marks the backpressure of a full share: this process's
// scheduling, not an outcome of the delivery, so the Worker records
// nothing in the row and the task comes back after the short wait.
var errShareFull = errors.New("destination busy")

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
	slots    int
	share    int
	slotWait time.Duration
	now      func() time.Time

	mu    sync.Mutex
	dests map[string]*destSlots
	// busy counts the workers in Take or holding a slot, over all
	// destinations.
	busy int
}

// destSlots is one destination's slots: how many it holds, how many of
// its deliveries wait in a worker for one, since when it has been in use,
// when it last gave one back (zero: never), and freed, closed (and
// replaced) whenever it gives one back.
type destSlots struct {
	held, waiting int
	since         time.Time
	lastFreed     time.Time
	freed         chan struct{}
}

// silence is how long d has given no slot back, and whether it answers.
func (d *destSlots) silence(now time.Time) (time.Duration, bool) {
	if d.lastFreed.IsZero() {
		return now.Sub(d.since), false
	}
	silent := now.Sub(d.lastFreed)
	return silent, silent <= answering
}

// NewShares returns the shares of slots slots, ShareOf(slots) each.
// slots <= 0 means no bound (Take never refuses).
func NewShares(slots int) *Shares {
	if slots <= 0 {
		return nil
	}
	return &Shares{slots: slots, share: ShareOf(slots), slotWait: slotWait, now: time.Now, dests: map[string]*destSlots{}}
}

// Share is a destination's share given floor, the least it needs to work
// (a batching channel's batch size, so its batches still fill): the
// usual share, raised to floor but never past half the slots.
func (s *Shares) Share(floor int) int {
	return max(s.share, min(floor, s.slots/2))
}

// Take takes a slot for dest, whose share is Share(floor), and returns
// the function that gives it back (call it once the call to dest is
// over). When dest holds its share and is answering, Take waits up to
// slotWait for one of its slots (a share's worth of deliveries may wait
// so, and more while a share of the workers stays free for others);
// otherwise, or if none frees, it answers backpressure: the
// delivery goes back to the queue for a moment without spending an
// attempt, and its worker takes another destination's delivery.
func (s *Shares) Take(ctx context.Context, dest string, floor int) (release func(), err error) {
	if s == nil {
		return func() {}, nil
	}
	share := s.Share(floor)
	s.mu.Lock()
	d := s.dest(dest)
	if d.held < share {
		return s.takeLocked(dest, d), nil
	}
	if silence, answers := d.silence(s.now()); !answers || !s.mayWait(d, share) {
		s.mu.Unlock()
		return nil, s.full(dest, share, silence)
	}
	d.waiting++
	s.busy++
	defer s.unwait(dest, d)
	timer := time.NewTimer(s.slotWait)
	defer timer.Stop()
	for {
		freed := d.freed
		s.mu.Unlock()
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-timer.C:
			return nil, s.full(dest, share, 0)
		case <-freed:
		}
		s.mu.Lock()
		if d.held < share {
			return s.takeLocked(dest, d), nil
		}
	}
}

// mayWait says whether one more delivery may wait in its worker for a
// slot of d (with s.mu held): a share's worth may, and more while the
// workers busy with deliveries leave a share free for other destinations.
func (s *Shares) mayWait(d *destSlots, share int) bool {
	return d.waiting < share || s.busy < s.slots-s.share
}

// dest is dest's slots, new ones in use from now.
func (s *Shares) dest(dest string) *destSlots {
	d, ok := s.dests[dest]
	if !ok {
		d = &destSlots{since: s.now(), freed: make(chan struct{})}
		s.dests[dest] = d
	}
	return d
}

// takeLocked takes a slot with s.mu held, and unlocks it.
func (s *Shares) takeLocked(dest string, d *destSlots) func() {
	d.held++
	s.busy++
	s.mu.Unlock()
	var once sync.Once
	return func() { once.Do(func() { s.give(dest, d) }) }
}

func (s *Shares) give(dest string, d *destSlots) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d.held--
	s.busy--
	d.lastFreed = s.now()
	close(d.freed)
	d.freed = make(chan struct{})
	s.forget(dest, d)
}

// unwait counts a delivery that waited for a slot as waiting no more.
func (s *Shares) unwait(dest string, d *destSlots) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d.waiting--
	s.busy--
	s.forget(dest, d)
}

// forget drops a destination that holds and awaits nothing (with s.mu
// held): the map holds only the destinations in use.
func (s *Shares) forget(dest string, d *destSlots) {
	if d.held == 0 && d.waiting == 0 && s.dests[dest] == d {
		delete(s.dests, dest)
	}
}

// full is the backpressure of a delivery over dest's share: back to the
// queue for about as long as dest has freed no slot (silence), between
// shareWait and maxShareWait, plus up to half as much again so the ones
// put back together do not come back together.
func (s *Shares) full(dest string, share int, silence time.Duration) error {
	wait := min(max(silence, shareWait), maxShareWait)
	wait += rand.N(wait / 2)
	return connectors.NewBackpressure(fmt.Errorf("%w: %s holds its share of %d of this worker's %d delivery slots", errShareFull, dest, share, s.slots), wait)
}

// Held is how many slots dest holds now.
func (s *Shares) Held(dest string) int {
	if s == nil {
		return 0
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if d, ok := s.dests[dest]; ok {
		return d.held
	}
	return 0
}
