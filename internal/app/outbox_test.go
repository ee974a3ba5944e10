package app_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/store"
)

// failingEnqueuer refuses every enqueue, as a Redis outage between commit
// and enqueue would.
type failingEnqueuer struct{ calls atomic.Int32 }

func (f *failingEnqueuer) EnqueueContext(context.Context, *asynq.Task, ...asynq.Option) (*asynq.TaskInfo, error) {
	f.calls.Add(1)
	return nil, errors.New("injected: redis unreachable")
}

func TestEnqueueFailureIsReconciled(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		failing := &failingEnqueuer{}
		s := apptest.Start(t, apptest.Config(t, m), app.Options{
			Enqueuer:       func(outbox.Enqueuer) outbox.Enqueuer { return failing },
			ReconcileGrace: 50 * time.Millisecond,
		})
		_, key := s.Tenant(t)
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/r1", apptest.Ad("Reconciled"), apptest.Bearer(key)...).Status)
		apptest.Eventually(t, func() bool { return listed(t, s, "Reconciled") }, "the reconciler delivers what the dispatcher could not enqueue")
		require.Positive(t, failing.calls.Load(), "the injected failure happened")
	})
}

func TestRedisFlushedWhilePending(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{ReconcileGrace: 50 * time.Millisecond})
		_, key := s.Tenant(t)
		require.NoError(t, s.Queue.Inspector().PauseQueue(outbox.Queue))
		for i := range 5 {
			require.Equal(t, http.StatusCreated, s.Do(t, "PUT", fmt.Sprintf("/v1/ads/f%d", i), apptest.Ad(fmt.Sprintf("Flushed %d", i)), apptest.Bearer(key)...).Status)
		}
		apptest.Eventually(t, func() bool {
			info, err := s.Queue.Inspector().GetQueueInfo(outbox.Queue)
			return err == nil && info.Pending == 5
		}, "the five tasks wait in the paused queue")
		require.NoError(t, s.Queue.FlushForTest(context.Background()))
		for i := range 5 {
			apptest.Eventually(t, func() bool { return listed(t, s, fmt.Sprintf("Flushed %d", i)) }, "delivered after Redis lost its tasks")
		}
	})
}

// scripted wraps a channel and decides, call by call, what Publish does.
type scripted struct {
	connectors.Channel
	calls   atomic.Int32
	mu      sync.Mutex
	publish func(ctx context.Context, call int) error
}

func (s *scripted) script(fn func(ctx context.Context, call int) error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls.Store(0)
	s.publish = fn
}

func (s *scripted) Publish(ctx context.Context, a connectors.PublishedAd, prev *connectors.Publication) (connectors.Publication, error) {
	n := int(s.calls.Add(1))
	s.mu.Lock()
	fn := s.publish
	s.mu.Unlock()
	if err := fn(ctx, n); err != nil {
		return connectors.Publication{}, err
	}
	return s.Channel.Publish(ctx, a, prev)
}

func TestWorkerDiesMidTask(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		started := make(chan struct{})
		var once sync.Once
		ch := &scripted{publish: func(ctx context.Context, call int) error {
			if call == 1 {
				once.Do(func() { close(started) })
				<-ctx.Done() // hangs until the worker is torn down
				return ctx.Err()
			}
			return nil
		}}
		wrap := func(c connectors.Channel) connectors.Channel { ch.Channel = c; return ch }
		cfg.ShutdownTimeout = 200 * time.Millisecond
		first := apptest.Start(t, cfg, app.Options{WrapChannel: wrap})
		integ, key := first.Tenant(t)
		require.Equal(t, http.StatusCreated, first.Do(t, "PUT", "/v1/ads/r1", apptest.Ad("Survivor"), apptest.Bearer(key)...).Status)
		<-started
		first.Stop(t)

		second := apptest.Start(t, cfg, app.Options{WrapChannel: wrap, ReconcileGrace: 50 * time.Millisecond})
		apptest.Eventually(t, func() bool { return listed(t, second, "Survivor") }, "the task runs again after the worker died")
		require.GreaterOrEqual(t, ch.calls.Load(), int32(2))
		ad, err := second.Env.Store.GetAd(context.Background(), integ, "r1")
		require.NoError(t, err)
		ds, err := second.Env.Store.ListDeliveries(context.Background(), store.DeliveryFilter{AdID: ad.ID})
		require.NoError(t, err)
		require.Equal(t, store.DeliveryDelivered, ds[0].State)
		require.Zero(t, ds[0].Attempts, "a shutdown is not a failed attempt")
	})
}

func TestDeadDeliveryAndReplay(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		var refuse atomic.Bool
		refuse.Store(true)
		ch := &scripted{publish: func(context.Context, int) error {
			if refuse.Load() {
				return connectors.NewPermanent(errors.New("status 400: the channel refuses the ad"))
			}
			return nil
		}}
		s := apptest.Start(t, apptest.Config(t, m), app.Options{ReconcileGrace: 50 * time.Millisecond,
			WrapChannel: func(c connectors.Channel) connectors.Channel { ch.Channel = c; return ch }})
		_, key := s.Tenant(t)
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/r1", apptest.Ad("Refused"), apptest.Bearer(key)...).Status)
		var dead []store.Delivery
		apptest.Eventually(t, func() bool {
			dead, _ = s.Env.Store.ListDeliveries(context.Background(), store.DeliveryFilter{State: store.DeliveryDead})
			return len(dead) == 1
		}, "a permanent failure is dead at once")
		require.Equal(t, int32(1), ch.calls.Load(), "a permanent failure is not retried")
		require.Contains(t, dead[0].LastError, "refuses the ad")

		refuse.Store(false)
		_, err := s.Env.Store.ReplayDelivery(context.Background(), dead[0].ID)
		require.NoError(t, err)
		apptest.Eventually(t, func() bool { return listed(t, s, "Refused") }, "a replayed delivery is delivered")
	})
}

func TestRetriesExhaustAndBackpressureDoesNot(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		ch := &scripted{publish: func(_ context.Context, call int) error {
			return connectors.NewRetryable(fmt.Errorf("status 503 on call %d", call), 0)
		}}
		s := apptest.Start(t, apptest.Config(t, m), app.Options{WrapChannel: func(c connectors.Channel) connectors.Channel { ch.Channel = c; return ch }})
		integ, key := s.Tenant(t)
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/r1", apptest.Ad("Flaky"), apptest.Bearer(key)...).Status)
		var dead []store.Delivery
		apptest.Eventually(t, func() bool {
			dead, _ = s.Env.Store.ListDeliveries(context.Background(), store.DeliveryFilter{State: store.DeliveryDead})
			return len(dead) == 1
		}, "a delivery that keeps failing dies after its schedule")
		require.Equal(t, 3, dead[0].Attempts, "the test schedule has three attempts")
		require.Equal(t, int32(3), ch.calls.Load())
		require.Contains(t, dead[0].LastError, "status 503 on call 3")

		ch.script(func(_ context.Context, call int) error {
			if call <= 4 {
				return connectors.NewBackpressure(errors.New("rate limited"), 10*time.Millisecond)
			}
			return nil
		})
		require.Equal(t, http.StatusCreated, s.Do(t, "PUT", "/v1/ads/r2", apptest.Ad("Patient"), apptest.Bearer(key)...).Status)
		apptest.Eventually(t, func() bool { return listed(t, s, "Patient") }, "backpressure beyond the attempt budget still delivers")
		require.Equal(t, int32(5), ch.calls.Load())
		patient, err := s.Env.Store.GetAd(context.Background(), integ, "r2")
		require.NoError(t, err)
		ds, err := s.Env.Store.ListDeliveries(context.Background(), store.DeliveryFilter{AdID: patient.ID})
		require.NoError(t, err)
		require.Equal(t, store.DeliveryDelivered, ds[0].State)
		require.Zero(t, ds[0].Attempts, "backpressure uses up no attempts")
	})
}
