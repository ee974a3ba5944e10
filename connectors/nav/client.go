package nav

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
)

// Name is the channel's name.
const Name = "nav"

// Client is the NAV channel. It is safe for concurrent use.
type Client struct {
	cfg    Config
	client *http.Client
	now    func() time.Time
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
	c := &Client{cfg: cfg, client: cfg.Client, now: cfg.Now}
	if c.client == nil {
		c.client = defaultClient
	}
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

// response is a NAV answer, its body read up to maxBody.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends one request to path under the base URL. Only a failure to get
// an answer is an error (retryable: NAV deduplicates re-sent content); the
// caller judges the status.
func (c *Client) do(ctx context.Context, method, path string, body []byte) (response, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.cfg.BaseURL+path, rd)
	if err != nil {
		return response{}, connectors.NewPermanent(fmt.Errorf("nav: build request: %w", redact(err)))
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", "jobgate-nav/1")
	// NAV logs Nav-Call-Id as the trace id (research §1.2).
	req.Header.Set("Nav-Call-Id", callID())
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.client.Do(req)
	if err != nil {
		return response{}, connectors.NewRetryable(fmt.Errorf("nav: %s: %w", method, redact(err)), 0)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxBody+1))
	if err != nil {
		return response{}, connectors.NewRetryable(fmt.Errorf("nav: read answer: %w", redact(err)), 0)
	}
	if len(b) > maxBody {
		return response{}, connectors.NewRetryable(fmt.Errorf("nav: answer over %d bytes", maxBody), 0)
	}
	return response{status: resp.StatusCode, header: resp.Header, body: b}, nil
}

func callID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return "jobgate-" + hex.EncodeToString(b[:])
}
