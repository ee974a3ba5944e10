package nav

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Name is the channel's name.
const Name = "nav"

// Client is the NAV channel. It is safe for concurrent use.
type Client struct {
	cfg Config
	out *outbound.Client
	now func() time.Time
}

// New returns the NAV channel for cfg, or an error naming the setting that
// is missing or malformed.
func New(cfg Config) (*Client, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if cfg.AdURLPrefix == "" {
		cfg.AdURLPrefix = DefaultAdURLPrefix
	}
	if cfg.FilingGrace <= 0 {
		cfg.FilingGrace = DefaultFilingGrace
	}
	if cfg.UnknownAfter <= 0 {
		cfg.UnknownAfter = DefaultUnknownAfter
	}
	c := &Client{cfg: cfg, out: outbound.Or(cfg.Outbound), now: cfg.Now}
	if c.now == nil {
		c.now = time.Now
	}
	return c, nil
}

// String describes the client without its token.
func (c *Client) String() string { return "nav.Client{" + c.cfg.String() + "}" }

// Name returns "nav".
func (*Client) Name() string { return Name }

// MaxBatch is NAV's batch limit, 100 ads (research §1.4,
// transferlogBatchSize).
func (*Client) MaxBatch() int { return 100 }

var (
	_ connectors.Channel        = (*Client)(nil)
	_ connectors.BatchPublisher = (*Client)(nil)
	_ connectors.StatusChecker  = (*Client)(nil)
)

// response is a NAV answer, its body whole (outbound.Channel bounds it).
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request to path under the base URL, through the outbound
// layer (no redirect followed, the address guard, bounded time and
// answer). Only a failure to get an answer is an error (retryable: NAV
// deduplicates re-sent content; a redirect or a refused address
// permanent); the caller judges the status.
func (c *Client) do(ctx context.Context, method, path string, body []byte) (response, error) {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+c.cfg.Token)
	h.Set("Accept", "application/json")
	h.Set("User-Agent", "jobgate-nav/1")
	// NAV logs Nav-Call-Id as the trace id (research §1.2).
	h.Set("Nav-Call-Id", callID())
	if body != nil {
		h.Set("Content-Type", "application/json")
	}
	resp, err := c.out.Do(ctx, outbound.Request{Kind: outbound.Channel, Method: method, URL: c.cfg.BaseURL + path, Header: h, Body: body})
	if err != nil {
		return response{}, connectors.Prefixed("nav", err)
	}
	return response{status: resp.Status, header: resp.Header, body: resp.Body}, nil
}

func callID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "jobgate-" + hex.EncodeToString(b[:])
}
