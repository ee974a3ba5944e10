package outbox

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/store"
)

// adLockTTL is how long a worker that dies holding an ad's lock keeps the
// ad's other deliveries to that channel waiting; a live holder renews it
// every third of that for as long as its delivery runs.
const adLockTTL = 15 * time.Second

// AdLocks serialise the deliveries of one ad to one external channel
// across every worker process. Without them two revisions of an ad can be
// in flight to a channel at once (NAV's batches wait up to a second in
// each worker before they are sent), and the older one can land last: the
// channel then holds it while jobgate has recorded the newer one, and
// nothing sends the newer one again. The fleet test (cmd/jobgate-fleet)
// found exactly that. With the lock held from the moment the delivery
// reads the ad until its outcome is recorded, the channel receives an
// ad's revisions in the order they were read, so the last read lands
// last. A lock lives in Redis under one key (Cluster-safe), with a token
// only its holder knows.
type AdLocks struct {
	rdb redis.UniversalClient
	ttl time.Duration
}

// NewAdLocks returns locks kept in rdb.
func NewAdLocks(rdb redis.UniversalClient) *AdLocks {
	return &AdLocks{rdb: rdb, ttl: adLockTTL}
}

// releaseScript deletes the lock only for the token that took it, so a
// holder whose lock expired never frees its successor's.
var releaseScript = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) end return 0`)

// renewScript extends the lock only for the token that took it.
var renewScript = redis.NewScript(`if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) end return 0`)

func adLockKey(channel, adID string) string { return "jobgate:adlock:" + channel + ":" + adID }

// TryLock takes the lock of adID on channel if nobody holds it. It answers
// ok false when another delivery holds it. While held, the lock is renewed
// in the background; release (never nil when ok) stops that and frees it.
func (l *AdLocks) TryLock(ctx context.Context, channel, adID string) (release func(), ok bool, err error) {
	key, token := adLockKey(channel, adID), newLockToken()
	ok, err = l.rdb.SetNX(ctx, key, token, l.ttl).Result()
	if err != nil {
		return nil, false, fmt.Errorf("ad lock: %w", err)
	}
	if !ok {
		return nil, false, nil
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go l.renew(key, token, stop, done)
	return func() {
		close(stop)
		<-done
		// Freed even when the delivery's context has ended (a shutdown):
		// otherwise the ad's next delivery waits out the TTL.
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		// A failed release is not an error: the lock expires by itself.
		releaseScript.Run(rctx, l.rdb, []string{key}, token)
	}, true, nil
}

// renew keeps the lock alive until stop is closed.
func (l *AdLocks) renew(key, token string, stop <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	t := time.NewTicker(l.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			ctx, cancel := context.WithTimeout(context.Background(), l.ttl/3)
			// A failed renewal is tried again at the next tick.
			renewScript.Run(ctx, l.rdb, []string{key}, token, l.ttl.Milliseconds())
			cancel()
		}
	}
}

// adLockWait is how long a delivery whose ad is locked waits in the queue
// before it tries again: about a NAV batch window, spread so the ones put
// back together do not come back together.
func adLockWait() time.Duration {
	return 500*time.Millisecond + rand.N(500*time.Millisecond)
}

func newLockToken() string {
	b := make([]byte, 16)
	_, _ = crand.Read(b) // crypto/rand.Read never fails
	return hex.EncodeToString(b)
}

// lockAd takes d's ad's lock on its external channel (locked true), and answers the
// backpressure that puts d back in the queue (no attempt spent, its row
// untouched) while another delivery holds it. Board deliveries are
// transactions of their own and take none.
func (w *Worker) lockAd(ctx context.Context, d store.Delivery) (release func(), locked bool, err error) {
	if w.adLocks == nil || QueueOf(d) != ChannelQueue {
		return func() {}, false, nil
	}
	release, ok, err := w.adLocks.TryLock(ctx, d.Channel, d.AdID)
	if err != nil {
		return nil, false, &retryIn{delay: time.Second, err: connectors.NewBackpressure(err, time.Second)}
	}
	if !ok {
		wait := adLockWait()
		w.m.OutboxAttempts.WithLabelValues(d.Channel, connectors.Backpressure.String()).Inc()
		return nil, false, &retryIn{delay: wait, err: connectors.NewBackpressure(
			fmt.Errorf("ad %s: another delivery to %s is in flight", d.AdID, d.Channel), wait)}
	}
	return release, true, nil
}
