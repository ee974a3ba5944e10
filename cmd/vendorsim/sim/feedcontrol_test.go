package sim

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"
)

func TestControlAPIRoundTrips(t *testing.T) {
	fs, srv := newFeedServer(t)
	c := FeedsControl{Sim: srv.URL}
	ctx := t.Context()
	stats := func(r Response, err error) FeedStats {
		t.Helper()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		var s FeedStats
		require.NoError(t, json.Unmarshal(r.Body, &s))
		return s
	}

	s := stats(c.Generate(ctx, VendorReachMee, "12:I003:acme", 40))
	require.Equal(t, 40, s.Postings)
	require.Equal(t, ReachMeeURL(srv.URL, "12", "I003", "acme", "NO"), s.URL)
	require.Equal(t, 40, fs.ReachMee("12", "I003", "acme").Len())

	p := GeneratePosting(7)
	p.ID = "ext-1"
	s = stats(c.Put(ctx, VendorLeverEU, "nordic", p))
	require.Equal(t, 1, s.Postings)
	got, ok := fs.LeverEU("nordic").Posting("ext-1")
	require.True(t, ok)
	require.Equal(t, p, got)

	r, err := c.Change(ctx, VendorReachMee, "12:I003:acme", 0.1)
	require.NoError(t, err)
	var changed struct{ Changed []string }
	require.NoError(t, json.Unmarshal(r.Body, &changed))
	require.Len(t, changed.Changed, 4)

	s = stats(c.Fault(ctx, VendorJobylon, "h", FaultSlow, 2, 10*time.Millisecond))
	require.Equal(t, FaultSlow, s.Fault)
	require.Equal(t, 2, s.FaultRemaining)
	s = stats(c.ClearFault(ctx, VendorJobylon, "h"))
	require.Equal(t, FaultNone, s.Fault)

	_, _ = get(t, fs.LeverEU("nordic").URL(srv.URL))
	s = stats(c.Stats(ctx, VendorLeverEU, "nordic"))
	require.Equal(t, 1, s.Requests)
	s = stats(c.Remove(ctx, VendorLeverEU, "nordic", "ext-1"))
	require.Zero(t, s.Postings)

	r, err = c.List(ctx)
	require.NoError(t, err)
	var all []FeedStats
	require.NoError(t, json.Unmarshal(r.Body, &all))
	require.Len(t, all, 3)

	for _, tc := range []struct {
		name   string
		call   func() (Response, error)
		status int
	}{
		{"remove absent", func() (Response, error) { return c.Remove(ctx, VendorLeverEU, "nordic", "ext-1") }, http.StatusNotFound},
		{"stats of no feed", func() (Response, error) { return c.Stats(ctx, VendorLever, "nope") }, http.StatusNotFound},
		{"unknown vendor", func() (Response, error) { return c.Generate(ctx, "workday", "x", 1) }, http.StatusBadRequest},
		{"bad ReachMee key", func() (Response, error) { return c.Generate(ctx, VendorReachMee, "12", 1) }, http.StatusBadRequest},
		{"unknown fault", func() (Response, error) { return c.Fault(ctx, VendorLever, "x", "meteor", 1, 0) }, http.StatusBadRequest},
		{"XML fault on Lever", func() (Response, error) { return c.Fault(ctx, VendorLever, "x", FaultXMLEntities, 1, 0) }, http.StatusBadRequest},
		{"bad fraction", func() (Response, error) { return c.Change(ctx, VendorLever, "x", 2) }, http.StatusBadRequest},
		{"delete feed", func() (Response, error) { return c.Delete(ctx, VendorReachMee, "12:I003:acme") }, http.StatusOK},
		{"delete it again", func() (Response, error) { return c.Delete(ctx, VendorReachMee, "12:I003:acme") }, http.StatusNotFound},
	} {
		r, err := tc.call()
		require.NoError(t, err, tc.name)
		require.Equal(t, tc.status, r.Status, "%s: %s", tc.name, r.Body)
	}
	r, err = send(ctx, "PUT", srv.URL+"/_sim/lever/x/postings/1", []byte(`{"titel":"typo"}`))
	require.NoError(t, err)
	require.Equal(t, http.StatusBadRequest, r.Status, "unknown fields are refused")
	resp, _ := get(t, ReachMeeURL(srv.URL, "12", "I003", "acme", "NO"))
	require.Equal(t, http.StatusNotFound, resp.StatusCode, "a deleted feed is gone")
}

func TestGenerateIsDeterministicAndRealistic(t *testing.T) {
	a, b := NewFeeds(), NewFeeds()
	for _, v := range []Vendor{VendorLever, VendorLeverEU, VendorJobylon, VendorReachMee} {
		key := "acme"
		if v == VendorReachMee {
			key = "1:I001:acme"
		}
		fa, _ := a.Feed(v, key)
		fb, _ := b.Feed(v, key)
		fa.Generate(50)
		fb.Generate(50)
		require.Equal(t, fa.Postings(), fb.Postings(), v)
		ra, _ := fa.render(nil, "")
		rb, _ := fb.render(nil, "")
		require.Equal(t, ra.body, rb.body, v)
		require.Equal(t, ra.etag, rb.etag, v)
	}
	cities := map[string]bool{}
	for i := 1; i <= 50; i++ {
		p := GeneratePosting(i)
		require.Equal(t, p, GeneratePosting(i))
		require.Regexp(t, `^posting-\d{4}$`, p.ID)
		require.True(t, utf8.ValidString(p.DescriptionHTML))
		require.GreaterOrEqual(t, len(p.bodyHTML()), 300)
		require.LessOrEqual(t, len(p.fullHTML()), 2500)
		require.Greater(t, p.Deadline, "2030-")
		cities[p.City] = true
	}
	require.Subset(t, keys(cities), []string{"Oslo", "Bergen", "Trondheim"})
}

func TestChangeTouchesAFractionInTurn(t *testing.T) {
	f := NewFeeds().Jobylon("h")
	f.Generate(50)
	before, _ := f.render(nil, "")
	first := f.Change(0.1)
	require.Len(t, first, 5)
	second := f.Change(0.1)
	require.Len(t, second, 5)
	require.NotEqual(t, first, second, "successive changes edit other ads")
	p, _ := f.Posting(first[0])
	require.Equal(t, 1, p.Revision)
	require.Contains(t, p.bodyHTML(), "revisjon 1")
	after, _ := f.render(nil, "")
	require.NotEqual(t, before.etag, after.etag)
	require.Equal(t, 1, f.Touch(first[0], "absent"))
	require.Len(t, f.Change(0.001), 1, "a positive fraction touches one at least")
	require.Empty(t, f.Change(0))
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
