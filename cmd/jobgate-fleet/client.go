package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// retryFor bounds how long a client retries one request (connection
// errors and 5xx; never a 4xx).
const retryFor = 45 * time.Second

// balancer spreads requests over the api replicas as a load balancer
// does: round robin over those whose /readyz answered 200 at the last
// look (every 200 ms), over all of them when none did.
type balancer struct {
	apis  []*replica
	next  atomic.Uint64
	mu    sync.Mutex
	ready []bool
	stop  context.CancelFunc
}

func newBalancer(apis []*replica) *balancer {
	ctx, cancel := context.WithCancel(context.Background())
	b := &balancer{apis: apis, ready: make([]bool, len(apis)), stop: cancel}
	b.look()
	go every(ctx, 200*time.Millisecond, func() bool { b.look(); return true })
	return b
}

func (b *balancer) look() {
	ready := make([]bool, len(b.apis))
	var wg sync.WaitGroup
	for i, r := range b.apis {
		wg.Go(func() { ready[i] = r.ready() })
	}
	wg.Wait()
	b.mu.Lock()
	b.ready = ready
	b.mu.Unlock()
}

// pick answers the base URL of the next ready replica.
func (b *balancer) pick() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := uint64(len(b.apis))
	start := b.next.Add(1)
	for i := range n {
		if k := (start + i) % n; b.ready[k] {
			return "http://" + b.apis[k].addr
		}
	}
	return "http://" + b.apis[start%n].addr
}

// client sends requests through the balancer, retrying connection errors
// and 5xx answers for up to retryFor.
type client struct {
	http *http.Client
	lb   *balancer
	// attempts, connErrors and serverErrors count every try.
	attempts, connErrors, serverErrors atomic.Int64
}

func newClient(f *fleet) *client {
	return &client{http: &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 64}},
		lb: newBalancer(f.apis)}
}

func (c *client) close() { c.lb.stop() }

// do sends a JSON request with the bearer key (none when empty).
func (c *client) do(ctx context.Context, method, path, key string, body []byte) result {
	h := http.Header{}
	if key != "" {
		h.Set("Authorization", "Bearer "+key)
	}
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	return c.send(ctx, method, path, h, body)
}

// send sends the request, again while it fails with a connection error or
// a 5xx, for up to retryFor.
func (c *client) send(ctx context.Context, method, path string, h http.Header, body []byte) result {
	start := time.Now()
	backoff := 100 * time.Millisecond
	var res result
	for {
		res.attempts++
		c.attempts.Add(1)
		res.status, res.body, res.err = c.once(ctx, method, c.lb.pick()+path, h, body)
		if res.err == nil && res.status < 500 {
			break
		}
		if res.err != nil {
			c.connErrors.Add(1)
		} else {
			c.serverErrors.Add(1)
		}
		if time.Since(start) > retryFor || ctx.Err() != nil {
			break
		}
		time.Sleep(backoff)
		backoff = min(2*backoff, time.Second)
	}
	res.took = time.Since(start)
	res.readID()
	return res
}

func (c *client) once(ctx context.Context, method, url string, h http.Header, body []byte) (int, []byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return 0, nil, err
	}
	req.Header = h.Clone()
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}
