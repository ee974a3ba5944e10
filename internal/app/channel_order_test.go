package app_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
)

// ordered records, in the order they returned, the titles of the ads a
// channel's Publish calls sent, and holds the first call until released.
type ordered struct {
	connectors.Channel
	mu       sync.Mutex
	started  []string
	returned []string
	release  chan struct{}
	first    sync.Once
}

func (o *ordered) Publish(ctx context.Context, a connectors.PublishedAd, prev *connectors.Publication) (connectors.Publication, error) {
	o.mu.Lock()
	o.started = append(o.started, a.Ad.Title)
	o.mu.Unlock()
	o.first.Do(func() { <-o.release })
	p, err := o.Channel.Publish(ctx, a, prev)
	o.mu.Lock()
	o.returned = append(o.returned, a.Ad.Title)
	o.mu.Unlock()
	return p, err
}

func (o *ordered) calls() (started, returned []string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]string(nil), o.started...), append([]string(nil), o.returned...)
}

// TestChannelGetsRevisionsInOrder holds the NAV call of an ad's first
// revision while its second is written: the second's delivery must wait
// for the first to land (it is put back in the queue, the ad's lock being
// held) and then send the newest revision, so NAV ends with it. Without
// the lock the second call lands first and the held one overwrites it at
// NAV, while jobgate records the second: the loss the fleet test found.
func TestChannelGetsRevisionsInOrder(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		cfg := apptest.Config(t, m)
		nav := navServer(t, &cfg)
		ch := &ordered{release: make(chan struct{})}
		s := apptest.Start(t, cfg, app.Options{WrapChannel: func(c connectors.Channel) connectors.Channel {
			if c.Name() != "nav" {
				return c
			}
			ch.Channel = c
			return ch
		}})
		_, key := s.VendorTenant(t, "generic", map[string]string{"channels": "nav"})
		r := s.Do(t, "PUT", "/v1/ads/order-1", navAd("Revision one"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusCreated, r.Status, string(r.Body))
		id := r.JSON["id"].(string)
		apptest.Eventually(t, func() bool { started, _ := ch.calls(); return len(started) == 1 }, "the first revision's call started")

		r = s.Do(t, "PUT", "/v1/ads/order-1", navAd("Revision two"), apptest.Bearer(key)...)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		apptest.Eventually(t, func() bool {
			started, _ := ch.calls()
			return len(started) > 1 || handedBack(t, s) > 0
		}, "the second revision's delivery ran: it called NAV, or it was put back")
		close(ch.release)

		apptest.Eventually(t, func() bool { _, returned := ch.calls(); return len(returned) >= 2 }, "both deliveries reached NAV")
		started, returned := ch.calls()
		require.Equal(t, "Revision two", returned[len(returned)-1], "the newest revision lands last (calls started %v, returned %v)", started, returned)
		apptest.Eventually(t, func() bool { return strings.Contains(string(nav.AdJSON(id)), "Revision two") },
			"NAV holds the newest revision")
		apptest.Eventually(t, func() bool { return channelState(t, s, key, "order-1", "nav")["revision"] == float64(2) },
			"jobgate records the newest revision as NAV's")
	})
}

// handedBack is how many NAV deliveries were put back in the queue
// (backpressure), from /metrics.
func handedBack(t *testing.T, s *apptest.Server) int {
	r := s.Do(t, "GET", "/metrics", nil)
	for line := range strings.SplitSeq(string(r.Body), "\n") {
		if strings.HasPrefix(line, `jobgate_outbox_attempts_total{channel="nav",outcome="backpressure"}`) {
			f := strings.Fields(line)
			if f[len(f)-1] != "0" {
				return 1
			}
		}
	}
	return 0
}
