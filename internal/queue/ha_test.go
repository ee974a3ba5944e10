package queue_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/hibiken/asynq"
	"github.com/redis/go-redis/v9"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/auth"
	"github.com/jobgate/jobgate/internal/breaker"
	"github.com/jobgate/jobgate/internal/metrics"
	"github.com/jobgate/jobgate/internal/outbox"
	"github.com/jobgate/jobgate/internal/queue"
	"github.com/jobgate/jobgate/internal/queue/queuetest"
	"github.com/jobgate/jobgate/internal/redisaddr"
)

// TestSentinel runs the queue and jobgate's own Redis uses through a real
// Sentinel set-up, in both its forms (REDIS_URL and
// JOBGATE_REDIS_SENTINELS), then fails the master over: the worker that
// ran before the switch delivers what is enqueued after it, on the
// promoted replica, without a restart.
func TestSentinel(t *testing.T) {
	set := queuetest.StartSentinel(t)
	byURL := open(t, redisaddr.Settings{URL: set.URL(2), SentinelPassword: set.SentinelPassword})
	bySettings := open(t, redisaddr.Settings{Sentinels: set.Sentinels, Master: set.MasterName,
		Password: set.Password, SentinelPassword: set.SentinelPassword})
	ctx := t.Context()
	require.NoError(t, byURL.Redis.Set(ctx, "ha:marker", "x", time.Minute).Err())
	master := redis.NewClient(&redis.Options{Addr: set.Master, Password: set.Password, DB: 2})
	defer master.Close()
	require.Equal(t, "x", master.Get(ctx, "ha:marker").Val(), "the URL's database and the master's password are used")
	require.Equal(t, int64(0), bySettings.Redis.Exists(ctx, "ha:marker").Val(), "the settings form uses database 0")

	w := startWorker(t, byURL)
	checkGate(t, byURL, w, "before")
	checkOwnUses(t, byURL.Redis)

	set.Failover(t)
	enqueueAll(t, byURL, w, "after", 30)
	checkOwnUses(t, byURL.Redis)
	require.NoError(t, bySettings.Ping(ctx), "the settings form follows the switch too")
	promoted := redis.NewClient(&redis.Options{Addr: set.Master, Password: set.Password, DB: 2})
	defer promoted.Close()
	n, err := promoted.Exists(ctx, "asynq:{"+outbox.Queue+"}:t:after-0").Result()
	require.NoError(t, err)
	require.Equal(t, int64(1), n, "tasks after the switch are kept on the promoted replica")
}

// TestCluster runs the queue and jobgate's own Redis uses through a real
// three-master Redis Cluster.
func TestCluster(t *testing.T) {
	set := queuetest.StartCluster(t)
	qc := open(t, redisaddr.Settings{URL: set.URL()})
	require.IsType(t, &redis.ClusterClient{}, qc.Redis)
	require.NoError(t, qc.FlushForTest(t.Context()))
	w := startWorker(t, qc)
	checkGate(t, qc, w, "cluster")
	checkOwnUses(t, qc.Redis)
	// One seed is enough: the client finds the other masters.
	seed := open(t, redisaddr.Settings{URL: "redis-cluster://:" + set.Password + "@" + set.Nodes[2]})
	checkOwnUses(t, seed.Redis)
}

func open(t *testing.T, s redisaddr.Settings) *queue.Conn {
	t.Helper()
	qc, err := queue.OpenSettings(t.Context(), s)
	require.NoError(t, err)
	t.Cleanup(func() { qc.Close() })
	return qc
}

// worker is an asynq server on jobgate's three queues that records the
// tasks it ran.
type worker struct {
	mu   sync.Mutex
	done map[string]int
}

func (w *worker) ran(id string) int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.done[id]
}

func startWorker(t *testing.T, qc *queue.Conn) *worker {
	t.Helper()
	w := &worker{done: map[string]int{}}
	srv := qc.Server(asynq.Config{Concurrency: 4, LogLevel: asynq.ErrorLevel,
		Queues: map[string]int{outbox.Queue: 1, outbox.ApplyQueue: 1, outbox.ChannelQueue: 1}})
	mux := asynq.NewServeMux()
	mux.HandleFunc("ha:test", func(_ context.Context, task *asynq.Task) error {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.done[string(task.Payload())]++
		return nil
	})
	require.NoError(t, srv.Start(mux))
	t.Cleanup(srv.Shutdown)
	return w
}

// enqueueAll puts n tasks on each of jobgate's queues (retrying an
// enqueue that fails, as the outbox reconciler would) and waits until the
// worker ran each once.
func enqueueAll(t *testing.T, qc *queue.Conn, w *worker, prefix string, n int) {
	t.Helper()
	cl := qc.Client()
	defer cl.Close()
	var ids []string
	for i := range n {
		q := []string{outbox.Queue, outbox.ApplyQueue, outbox.ChannelQueue}[i%3]
		id := prefix + "-" + strconv.Itoa(i)
		queuetest.Eventually(t, 10*time.Second, func() error {
			_, err := cl.EnqueueContext(t.Context(), asynq.NewTask("ha:test", []byte(id)), asynq.Queue(q), asynq.TaskID(id), asynq.Retention(time.Hour))
			if errors.Is(err, asynq.ErrTaskIDConflict) {
				return nil // an earlier try got through
			}
			return err
		}, "enqueue %s", id)
		ids = append(ids, id)
	}
	waitRan(t, w, ids)
}

func waitRan(t *testing.T, w *worker, ids []string) {
	t.Helper()
	queuetest.Eventually(t, 20*time.Second, func() error {
		for _, id := range ids {
			if w.ran(id) != 1 {
				return fmt.Errorf("task %s ran %d times", id, w.ran(id))
			}
		}
		return nil
	}, "the worker did not run every task once")
}

// checkGate fills the outbox queue to the gate's bound while the worker
// is paused, sees the gate hold enqueuers back (it reads asynq's pending
// list, a key of the queue's hash slot), then lets the worker drain it and
// sees the gate open.
func checkGate(t *testing.T, qc *queue.Conn, w *worker, prefix string) {
	t.Helper()
	ctx := t.Context()
	insp := qc.Inspector()
	require.NoError(t, insp.PauseQueue(outbox.Queue))
	const n = 12
	cl := qc.Client()
	defer cl.Close()
	var ids []string
	for i := range n {
		id := prefix + "-gate-" + strconv.Itoa(i)
		_, err := cl.EnqueueContext(ctx, asynq.NewTask("ha:test", []byte(id)), asynq.Queue(outbox.Queue), asynq.TaskID(id), asynq.Retention(time.Hour))
		require.NoError(t, err)
		ids = append(ids, id)
	}
	gate := outbox.NewGate(qc.Redis, n)
	gctx, stop := context.WithCancel(ctx)
	defer stop()
	go gate.Run(gctx)
	queuetest.Eventually(t, 5*time.Second, func() error {
		wctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		if err := gate.Wait(wctx); err == nil {
			return errors.New("the gate let an enqueue through") // not sampled yet
		}
		return nil
	}, "the gate does not hold back at %d pending", n)
	require.NoError(t, insp.UnpauseQueue(outbox.Queue))
	waitRan(t, w, ids)
	wctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	require.NoError(t, gate.Wait(wctx), "the gate opens once the queue drained")
	enqueueAll(t, qc, w, prefix, 9)
}

// checkOwnUses runs jobgate's own uses of Redis: the vendor rate limiter
// (a Lua script), the channel's fixed window (a transaction), the lockout
// counters (transactions over two keys of a scope) and a lease (SET NX).
func checkOwnUses(t *testing.T, rdb redis.UniversalClient) {
	t.Helper()
	ctx := t.Context()
	run := strconv.FormatInt(time.Now().UnixNano(), 36)

	l := outbox.NewRateLimiter(rdb)
	start := time.Now()
	for range 3 {
		require.NoError(t, l.Wait(ctx, "ha:"+run, 2))
	}
	require.GreaterOrEqual(t, time.Since(start), time.Second, "three calls at 2/s are spaced over a second")

	g := outbox.NewGuard(rdb, metrics.New(), outbox.BreakerSettings{})
	var ok, held int
	for range 3 {
		_, err := g.Call(ctx, breaker.Key{Group: "ha-" + run, Destination: "host"}, 1,
			func() (connectors.Publication, error) { return connectors.Publication{}, nil })
		switch {
		case err == nil:
			ok++
		case connectors.ClassOf(err) == connectors.Backpressure:
			held++
		default:
			t.Fatalf("guard: %v", err)
		}
	}
	require.Positive(t, ok)
	require.Positive(t, held, "one a second: three calls at once are not all let through")

	a := auth.New(nil, rdb, metrics.New(), auth.Config{MaxFailures: 2, MaxAddressFailures: 3, Window: time.Minute})
	client := "198.51.100.7-" + run
	for range 2 {
		require.NoError(t, a.Fail(ctx, client, "key_a", "wrong_secret"))
	}
	wait, address, err := a.LockedFor(ctx, client, "key_a")
	require.NoError(t, err)
	require.Positive(t, wait, "two failures lock key_a out from the address")
	require.False(t, address)
	wait, _, err = a.LockedFor(ctx, client, "key_b")
	require.NoError(t, err)
	require.Zero(t, wait, "key_b is not locked out")
	require.NoError(t, a.Fail(ctx, client, "key_b", "wrong_secret"))
	wait, address, err = a.LockedFor(ctx, client, "key_c")
	require.NoError(t, err)
	require.True(t, wait > 0 && address, "the third failure from the address locks it out")

	took, err := rdb.SetNX(ctx, "jobgate:ha:lease:"+run, "a", time.Minute).Result()
	require.NoError(t, err)
	require.True(t, took)
	took, err = rdb.SetNX(ctx, "jobgate:ha:lease:"+run, "b", time.Minute).Result()
	require.NoError(t, err)
	require.False(t, took, "a lease is held once")
}
