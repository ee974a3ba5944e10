package demo

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/go-resty/resty/v2"
)

// jobgateClient is how the demo seeds the running jobgate: over its own
// API, as a customer's system and an operator's script would.
type jobgateClient struct {
	base  string
	token string
	http  *resty.Client
}

func newJobgateClient(base, operatorToken string) *jobgateClient {
	return &jobgateClient{base: base, token: operatorToken, http: resty.New().SetBaseURL(base).SetTimeout(30 * time.Second)}
}

// apiError is a jobgate answer that is not 2xx.
func apiError(what string, r *resty.Response) error {
	return fmt.Errorf("%s: jobgate answered %d: %s", what, r.StatusCode(), r.Body())
}

// putAd pushes an ad with the integration's key.
func (c *jobgateClient) putAd(ctx context.Context, key, ref string, ad map[string]any) error {
	r, err := c.http.R().SetContext(ctx).SetAuthToken(key).SetBody(ad).Put("/v1/ads/" + url.PathEscape(ref))
	if err != nil {
		return err
	}
	if !r.IsSuccess() {
		return apiError("PUT /v1/ads/"+ref, r)
	}
	return nil
}

// adID is the job id of the integration's ad ref.
func (c *jobgateClient) adID(ctx context.Context, key, ref string) (string, error) {
	var out struct {
		ID string `json:"id"`
	}
	r, err := c.http.R().SetContext(ctx).SetAuthToken(key).SetResult(&out).Get("/v1/ads/" + url.PathEscape(ref))
	if err != nil {
		return "", err
	}
	if !r.IsSuccess() || out.ID == "" {
		return "", apiError("GET /v1/ads/"+ref, r)
	}
	return out.ID, nil
}

// sync polls the integration's feed now, as the operator's "sync now".
func (c *jobgateClient) sync(ctx context.Context, integrationID string) error {
	var out struct {
		Outcome string `json:"outcome"`
	}
	r, err := c.http.R().SetContext(ctx).SetAuthToken(c.token).SetResult(&out).Post("/v1/integrations/" + url.PathEscape(integrationID) + "/sync")
	if err != nil {
		return err
	}
	if !r.IsSuccess() || out.Outcome != "ok" {
		return apiError("sync "+integrationID, r)
	}
	return nil
}

// jobs counts the jobs the board lists, every page.
func (c *jobgateClient) jobs(ctx context.Context) (int, error) {
	n, cursor := 0, ""
	for {
		var page struct {
			Jobs       []map[string]any `json:"jobs"`
			NextCursor string           `json:"next_cursor"`
		}
		r, err := c.http.R().SetContext(ctx).SetQueryParams(map[string]string{"limit": "100", "cursor": cursor}).SetResult(&page).Get("/v1/jobs")
		if err != nil {
			return 0, err
		}
		if !r.IsSuccess() {
			return 0, apiError("GET /v1/jobs", r)
		}
		n += len(page.Jobs)
		if cursor = page.NextCursor; cursor == "" {
			return n, nil
		}
	}
}

// boardWait bounds how long the demo waits for its ads to be on the board.
const boardWait = time.Minute

// awaitJobs waits until the board lists at least want jobs.
func (c *jobgateClient) awaitJobs(ctx context.Context, want int) error {
	ctx, cancel := context.WithTimeout(ctx, boardWait)
	defer cancel()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		n, err := c.jobs(ctx)
		if err == nil && n >= want {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the board lists %d of the %d sample ads after %s (last error: %v)", n, want, boardWait, err)
		case <-tick.C:
		}
	}
}
