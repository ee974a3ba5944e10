package sim

import (
	"context"
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// FeedsControl calls the control API of a Feeds served at Sim (its base
// URL), as `vendorsim feeds` does. Each call answers the API's status and
// JSON body; a transport error is the error.
type FeedsControl struct {
	// Sim is the Feeds server's base URL, e.g. http://127.0.0.1:9090.
	Sim string
}

// Stats fetches the feed's FeedStats.
func (c FeedsControl) Stats(ctx context.Context, v Vendor, feed string) (Response, error) {
	return send(ctx, "GET", c.url(v, feed, ""), nil)
}

// List fetches every feed's FeedStats.
func (c FeedsControl) List(ctx context.Context) (Response, error) {
	return send(ctx, "GET", strings.TrimRight(c.Sim, "/")+"/_sim/feeds", nil)
}

// Generate replaces the feed's postings with n generated ones.
func (c FeedsControl) Generate(ctx context.Context, v Vendor, feed string, n int) (Response, error) {
	return send(ctx, "POST", c.url(v, feed, "/generate?n="+strconv.Itoa(n)), nil)
}

// Put adds or changes the posting with p.ID.
func (c FeedsControl) Put(ctx context.Context, v Vendor, feed string, p Posting) (Response, error) {
	body, err := json.Marshal(p)
	if err != nil {
		return Response{}, err
	}
	return send(ctx, "PUT", c.url(v, feed, "/postings/"+url.PathEscape(p.ID)), body)
}

// Remove takes the posting out of the feed.
func (c FeedsControl) Remove(ctx context.Context, v Vendor, feed, id string) (Response, error) {
	return send(ctx, "DELETE", c.url(v, feed, "/postings/"+url.PathEscape(id)), nil)
}

// Change touches that fraction of the feed's postings.
func (c FeedsControl) Change(ctx context.Context, v Vendor, feed string, fraction float64) (Response, error) {
	return send(ctx, "POST", c.url(v, feed, "/change?fraction="+strconv.FormatFloat(fraction, 'f', -1, 64)), nil)
}

// Fault sets a fault for the next times requests (times <= 0: until
// cleared); a positive delay sets FaultSlow's delay.
func (c FeedsControl) Fault(ctx context.Context, v Vendor, feed string, kind FeedFault, times int, delay time.Duration) (Response, error) {
	q := url.Values{"kind": {string(kind)}, "times": {strconv.Itoa(times)}}
	if delay > 0 {
		q.Set("delay", delay.String())
	}
	return send(ctx, "POST", c.url(v, feed, "/fault?"+q.Encode()), nil)
}

// ClearFault makes the feed answer correctly again.
func (c FeedsControl) ClearFault(ctx context.Context, v Vendor, feed string) (Response, error) {
	return send(ctx, "DELETE", c.url(v, feed, "/fault"), nil)
}

// Delete removes the feed.
func (c FeedsControl) Delete(ctx context.Context, v Vendor, feed string) (Response, error) {
	return send(ctx, "DELETE", c.url(v, feed, ""), nil)
}

func (c FeedsControl) url(v Vendor, feed, rest string) string {
	return strings.TrimRight(c.Sim, "/") + "/_sim/" + url.PathEscape(string(v)) + "/" + url.PathEscape(feed) + rest
}
