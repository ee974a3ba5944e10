package sim

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
)

// Workbuster sends ads through jobgate's generic ad API with the key, as a
// Workbuster integration that names no feed does (Workbuster documents no
// channel protocol: research/ats-vendors.md §6). A customer's job feed,
// which jobgate polls when the integration names it, is Feeds'
// (workbuster_feed.go).
type Workbuster struct {
	// Jobgate is jobgate's base URL.
	Jobgate string
	// Key is the key jobgate issued.
	Key string
}

// Put creates or updates an ad (a canonical ad JSON object).
func (w Workbuster) Put(ctx context.Context, reference string, ad map[string]any, f Fault) (Response, error) {
	body, err := json.Marshal(ad)
	if err != nil {
		return Response{}, err
	}
	return send(ctx, "PUT", w.url(reference), faultyBody(body, f), "Authorization", w.auth(f))
}

// Delete withdraws an ad.
func (w Workbuster) Delete(ctx context.Context, reference string, f Fault) (Response, error) {
	return send(ctx, "DELETE", w.url(reference), nil, "Authorization", w.auth(f))
}

func (w Workbuster) url(reference string) string {
	return strings.TrimRight(w.Jobgate, "/") + "/v1/ads/" + url.PathEscape(reference)
}

func (w Workbuster) auth(f Fault) string {
	switch f {
	case Unsigned:
		return ""
	case WrongKey:
		return "Bearer " + w.Key[:len(w.Key)-4] + "AAAA"
	}
	return "Bearer " + w.Key
}
