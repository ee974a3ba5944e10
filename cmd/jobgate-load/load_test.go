package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/ad"
)

func TestHistogramQuantiles(t *testing.T) {
	us := time.Microsecond
	uniform := func(n int, unit time.Duration) []time.Duration {
		out := make([]time.Duration, n)
		for i := range out {
			out[i] = time.Duration(i+1) * unit
		}
		return out
	}
	tests := []struct {
		name   string
		values []time.Duration
		q      float64
		want   time.Duration
		tol    float64 // relative
	}{
		{"empty", nil, 0.5, 0, 0},
		{"one value", []time.Duration{7 * time.Millisecond}, 0.99, 7 * time.Millisecond, 0.016},
		{"exact region p50", uniform(100, us), 0.5, 50 * us, 0},
		{"exact region p99", uniform(100, us), 0.99, 99 * us, 0},
		{"1..1000 ms p50", uniform(1000, time.Millisecond), 0.50, 500 * time.Millisecond, 0.016},
		{"1..1000 ms p90", uniform(1000, time.Millisecond), 0.90, 900 * time.Millisecond, 0.016},
		{"1..1000 ms p99", uniform(1000, time.Millisecond), 0.99, 990 * time.Millisecond, 0.016},
		{"max is exact", uniform(1000, time.Millisecond), 1, 1000 * time.Millisecond, 0},
		{"outlier only at p100", append(uniform(999, us), time.Minute), 0.99, 990 * us, 0.016},
		{"hours fit", []time.Duration{3 * time.Hour}, 0.5, 3 * time.Hour, 0},
		{"negative is zero", []time.Duration{-time.Second}, 0.5, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Record into two halves and merge, as the workers do.
			a, b := newHistogram(), newHistogram()
			for i, v := range tt.values {
				if i%2 == 0 {
					a.Record(v)
				} else {
					b.Record(v)
				}
			}
			a.Merge(b)
			got := a.Quantile(tt.q)
			assert.InDelta(t, float64(tt.want), float64(got), tt.tol*float64(tt.want), "got %s", got)
			assert.LessOrEqual(t, got, a.Max())
		})
	}
}

func TestHistogramBuckets(t *testing.T) {
	for _, v := range []uint64{0, 1, 127, 128, 129, 255, 256, 1000, 1 << 20, 1<<20 + 12345, 1<<63 + 5, ^uint64(0)} {
		i := bucketOf(v)
		require.Less(t, i, histBuckets, "v=%d", v)
		assert.GreaterOrEqual(t, bucketHigh(i), v, "v=%d", v)
		if i > 0 {
			assert.Less(t, bucketHigh(i-1), v, "v=%d", v)
		}
	}
}

func TestParseLabelled(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    map[string]float64
		wantErr bool
	}{
		{"typical", `# HELP jobgate_outbox_deliveries Outbox deliveries.
# TYPE jobgate_outbox_deliveries gauge
jobgate_outbox_deliveries{state="dead"} 2
jobgate_outbox_deliveries{state="delivered"} 12345
jobgate_outbox_deliveries{state="pending"} 317
`, map[string]float64{"dead": 2, "delivered": 12345, "pending": 317}, false},
		{"other metrics and longer names ignored", `jobgate_outbox_deliveries_total{state="pending"} 9
go_goroutines 12
jobgate_http_requests_total{code="200",state="pending"} 4
jobgate_outbox_deliveries{state="pending"} 0
`, map[string]float64{"pending": 0}, false},
		{"several labels, spaces, exponent and timestamp", `jobgate_outbox_deliveries{ vendor="a,b}" , state="pending"} 1.5e+03 1700000000000`,
			map[string]float64{"pending": 1500}, false},
		{"escaped label value", `jobgate_outbox_deliveries{state="pen\"ding\\"} 1`, map[string]float64{`pen"ding\`: 1}, false},
		{"no label", "jobgate_outbox_deliveries 4\n", map[string]float64{}, false},
		{"absent", "go_goroutines 12\n", map[string]float64{}, false},
		{"bad value", `jobgate_outbox_deliveries{state="pending"} lots`, nil, true},
		{"unterminated labels", `jobgate_outbox_deliveries{state="pending" 1`, nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseLabelled(strings.NewReader(tt.text), outboxMetric, "state")
			if tt.wantErr {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

// The body the load sends must be an ad jobgate accepts, or the load
// measures 422s; each ad's body must differ.
func TestBodyIsAValidDistinctAd(t *testing.T) {
	b0, b1 := appendBody(nil, 0), appendBody(nil, 1)
	assert.NotEqual(t, b0, b1)
	assert.InDelta(t, 2048, len(b1), 600)
	a, err := ad.Decode(b1)
	require.NoError(t, err)
	require.NoError(t, ad.Normalize(&a, time.Now()))
	assert.Equal(t, "Lagermedarbeider 1", a.Title)
	assert.Equal(t, "https://ats.example/apply/1", a.ApplyURL)
}

func TestCommandLineRedactsKey(t *testing.T) {
	got := commandLine([]string{"--url", "http://x:1", "--key", "jg_secret", "--prefix", "a b"})
	assert.Equal(t, `go run ./cmd/jobgate-load --url http://x:1 --key "$JOBGATE_LOAD_KEY" --prefix 'a b'`, got)
	got = commandLine([]string{"-key=jg_secret", "--json"})
	assert.NotContains(t, got, "jg_secret")
}

// fakeJobgate answers every PUT with 201 and, once PUTs have stopped,
// reports an outbox backlog of 3 that goes down by one per scrape.
type fakeJobgate struct {
	mu              sync.Mutex
	puts            int
	scrapesSincePut int
	badAuth         atomic.Int64
}

func (f *fakeJobgate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch {
	case r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, "/v1/ads/"):
		if r.Header.Get("Authorization") != "Bearer k1" || r.Header.Get("Content-Type") != "application/json" {
			f.badAuth.Add(1)
		}
		_, _ = io.Copy(io.Discard, r.Body)
		f.mu.Lock()
		f.puts++
		f.scrapesSincePut = 0
		f.mu.Unlock()
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte(`{"ok":true}`))
	case r.Method == http.MethodGet && r.URL.Path == "/metrics":
		f.mu.Lock()
		pending := 0
		if f.puts > 0 {
			pending = max(0, 3-f.scrapesSincePut)
			f.scrapesSincePut++
		}
		f.mu.Unlock()
		_, _ = io.WriteString(w, "# TYPE jobgate_outbox_deliveries gauge\n"+
			`jobgate_outbox_deliveries{state="pending"} `+strconv.Itoa(pending)+"\n"+
			`jobgate_outbox_deliveries{state="dead"} 0`+"\n")
	default:
		http.NotFound(w, r)
	}
}

func TestRunAgainstFakeJobgate(t *testing.T) {
	fake := &fakeJobgate{}
	srv := httptest.NewServer(fake)
	defer srv.Close()

	o := options{URL: srv.URL, Key: "k1", Duration: time.Second, Concurrency: 4, Ads: 10, Ceiling: true,
		CeilingDuration: 300 * time.Millisecond, DrainTimeout: 3 * time.Second, DrainInterval: 10 * time.Millisecond,
		RequestTimeout: 5 * time.Second, Prefix: "t", Command: "test"}
	rep, err := run(context.Background(), o, io.Discard)
	require.NoError(t, err)

	assert.Zero(t, fake.badAuth.Load())
	assert.Greater(t, rep.Load.Accepted, uint64(0))
	assert.Equal(t, rep.Load.Requests, rep.Load.Accepted)
	assert.Equal(t, rep.Load.Accepted, rep.Load.Status["201"])
	assert.Zero(t, rep.Load.TransportErrors)
	assert.Greater(t, rep.Load.PerSecond, 0.0)
	assert.LessOrEqual(t, rep.Load.P50, rep.Load.P99)
	assert.LessOrEqual(t, rep.Load.P99, rep.Load.Max)

	assert.Equal(t, 0.0, rep.PendingBefore)
	assert.Equal(t, 3.0, rep.Drain.PendingAtEnd)
	assert.True(t, rep.Drain.Drained)
	assert.Greater(t, rep.Drain.DrainTime, time.Duration(0))
	assert.Equal(t, 4, rep.Drain.Scrapes) // 3, 2, 1, 0

	require.NotNil(t, rep.Ceiling)
	assert.Greater(t, rep.Ceiling.Accepted, uint64(0))
	assert.Equal(t, rep.Ceiling.Accepted, rep.Ceiling.Status["202"])

	var out strings.Builder
	rep.print(&out, true)
	for _, want := range []string{"==== jobgate-load summary ====", "command:   test", "drained in", "of the bare-gin ceiling", "NOT MET", `"accepted_per_second"`} {
		assert.Contains(t, out.String(), want)
	}
}

func TestRunFailsFastOnBadKey(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusUnauthorized)
		_, _ = io.WriteString(w, `{"error":{"code":"unauthorized","message":"bad key"}}`)
	}))
	defer srv.Close()
	_, err := run(context.Background(), options{URL: srv.URL, Key: "nope", Duration: time.Second, Concurrency: 1, Ads: 1,
		DrainInterval: 10 * time.Millisecond, RequestTimeout: time.Second, Prefix: "t"}, io.Discard)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "401")
}

func TestOpenLoopSendsAtMostTheSchedule(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusCreated)
	}))
	defer srv.Close()
	res := runLoad(context.Background(), loadConfig{Rate: 200, BaseURL: srv.URL, Key: "k", Prefix: "p", Ads: 10,
		Concurrency: 4, Duration: 500 * time.Millisecond, Client: newClient(4, time.Second), Accepted: jobgateAccepted})
	if res.Requests == 0 || res.Requests > 100 {
		t.Fatalf("open loop at 200/s for 0.5 s sent %d requests, want 1 to 100", res.Requests)
	}
	if res.Accepted != res.Requests {
		t.Fatalf("accepted %d of %d", res.Accepted, res.Requests)
	}
}
