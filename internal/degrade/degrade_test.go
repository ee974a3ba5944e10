package degrade

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// memStore is a Store in memory, counting reads, with the store's rules
// for a restore that came after a failure began.
type memStore struct {
	mu       sync.Mutex
	reads    int
	degrades int
	fail     bool
	degraded map[string]store.ApplyDegradation
	restored map[string]time.Time
	pending  map[string]bool
}

func newMem() *memStore {
	return &memStore{degraded: map[string]store.ApplyDegradation{}, restored: map[string]time.Time{}, pending: map[string]bool{}}
}

func (m *memStore) ApplyDegradations(context.Context) ([]store.ApplyDegradation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.reads++
	if m.fail {
		return nil, errors.New("down")
	}
	var out []store.ApplyDegradation
	for _, d := range m.degraded {
		out = append(out, d)
	}
	return out, nil
}

func (m *memStore) DegradeApply(_ context.Context, id, reason string, failingSince, now time.Time) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.degrades++
	if r, ok := m.restored[id]; ok && r.After(failingSince) {
		return false, nil
	}
	if _, ok := m.degraded[id]; ok {
		return false, nil
	}
	m.degraded[id] = store.ApplyDegradation{IntegrationID: id, Reason: reason, Since: now}
	return true, nil
}

func (m *memStore) RestoreApply(_ context.Context, id string, now time.Time, _ ...string) (bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	_, ok := m.degraded[id]
	delete(m.degraded, id)
	m.restored[id] = now
	return ok, nil
}

func (m *memStore) LapseApplyDegradations(_ context.Context, before, now time.Time) ([]store.ApplyDegradation, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []store.ApplyDegradation
	for id, d := range m.degraded {
		if !m.pending[id] && !d.Since.After(before) {
			out = append(out, d)
			delete(m.degraded, id)
			m.restored[id] = now
		}
	}
	return out, nil
}

func (m *memStore) readCount() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.reads
}

// TestWatchReadsOncePerTTL: questions within the ttl cost no read; a
// failed read keeps what was known; Forget reads afresh.
func TestWatchReadsOncePerTTL(t *testing.T) {
	m := newMem()
	m.degraded["int_a"] = store.ApplyDegradation{IntegrationID: "int_a", Reason: store.DegradedUnavailable}
	w := NewWatch(m, time.Hour, nil)
	for range 100 {
		_, ok := w.Get(t.Context(), "int_a")
		require.True(t, ok)
		_, ok = w.Get(t.Context(), "int_b")
		require.False(t, ok)
	}
	require.Equal(t, 1, m.readCount(), "one read for all of them")
	m.mu.Lock()
	delete(m.degraded, "int_a")
	m.fail = true
	m.mu.Unlock()
	w.Forget()
	require.False(t, w.Any(t.Context()), "a failed read with nothing known: nothing degraded")
	m.mu.Lock()
	m.fail = false
	m.mu.Unlock()
	require.False(t, w.Any(t.Context()))
	var nilWatch *Watch
	_, ok := nilWatch.Get(t.Context(), "int_a")
	require.False(t, ok, "a nil Watch knows of none")
}

// TestStateOf: a direct ad of a degraded integration redirects to the
// vendor's apply URL where there is one, and stays direct (but says it is
// degraded) where there is none; a redirect ad is as it always is.
func TestStateOf(t *testing.T) {
	since := time.Date(2026, 12, 3, 20, 0, 0, 0, time.UTC)
	d := store.ApplyDegradation{IntegrationID: "int_a", Reason: store.DegradedUnauthorised, Since: since}
	direct := store.AdRecord{IntegrationID: "int_a", ApplyMode: ModeDirect}
	st, u := StateOf(direct, "https://ats.example/1", d, false)
	require.Equal(t, State{Mode: ModeDirect}, st)
	require.Empty(t, u)
	st, u = StateOf(direct, "https://ats.example/1", d, true)
	require.Equal(t, State{Mode: ModeRedirect, Degraded: true, Reason: store.DegradedUnauthorised, Since: &since}, st)
	require.Equal(t, "https://ats.example/1", u)
	st, u = StateOf(direct, "", d, true)
	require.Equal(t, ModeDirect, st.Mode, "no apply URL: direct stays")
	require.True(t, st.Degraded)
	require.Empty(t, u)
	redirect := store.AdRecord{IntegrationID: "int_a", ApplyMode: ModeRedirect, ApplyURL: "https://ats.example/2"}
	st, u = StateOf(redirect, "", d, true)
	require.Equal(t, State{Mode: ModeRedirect}, st, "a redirect ad is not degraded: it never applied directly")
	require.Equal(t, "https://ats.example/2", u)
}

// TestTracker: a breaker tripped for the tracker's after degrades its
// integration, not before; an answer restores it; a trip that began
// before the restore does not degrade it again (and is not asked about on
// every pass); a refusal degrades at once; a degradation with nothing
// pending lapses once old enough.
func TestTracker(t *testing.T) {
	m := newMem()
	tr := NewTracker(m, time.Minute, nil)
	ctx := t.Context()
	now := time.Now()
	tripped := now.Add(-30 * time.Second)
	tr.Check(ctx, map[string]time.Time{"int_a": tripped})
	require.False(t, tr.Degraded(ctx, "int_a"), "tripped for less than after")
	tripped = now.Add(-2 * time.Minute)
	m.pending["int_a"] = true
	tr.Check(ctx, map[string]time.Time{"int_a": tripped})
	require.True(t, tr.Degraded(ctx, "int_a"))
	require.False(t, tr.Degraded(ctx, "int_b"), "another integration is not")

	tr.Answered(ctx, "int_a")
	require.False(t, tr.Degraded(ctx, "int_a"), "the ATS answered")
	for range 3 {
		tr.Check(ctx, map[string]time.Time{"int_a": tripped})
	}
	require.False(t, tr.Degraded(ctx, "int_a"), "the old trip does not degrade it again")
	m.mu.Lock()
	require.Equal(t, 2, m.degrades, "nor is the store asked about it on every pass")
	m.mu.Unlock()

	tr.Refused(ctx, "int_b")
	require.True(t, tr.Degraded(ctx, "int_b"), "refused credentials degrade at once")
	m.mu.Lock()
	d := m.degraded["int_b"]
	d.Since = now.Add(-2 * time.Minute)
	m.degraded["int_b"] = d
	m.mu.Unlock()
	tr.watch.Forget()
	tr.Check(ctx, nil)
	require.False(t, tr.Degraded(ctx, "int_b"), "nothing pending: it lapses, and the next application tells")
}
