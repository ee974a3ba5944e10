package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// holdings is what the board and the simulators hold at one look.
type holdings struct {
	// board maps a live job's id to its title.
	board map[string]string
	// nav maps NAV's reference (the job id) to its status and title.
	nav map[string]navHeld
	// finn maps an ad reference to the titles of its live FINN ads.
	finn map[string][]string
	// ats maps an Idempotency-Key (application id) to what the ATS got.
	ats map[string]atsHeld
	// atsByCandidate counts the ATS's applications by candidate number.
	atsByCandidate map[string]int
	// pending are the pending deliveries.
	pending []pendingDelivery
}

type navHeld struct{ status, title string }

type atsHeld struct {
	deliveries int
	at         time.Time
}

type pendingDelivery struct {
	ID            string    `json:"id"`
	Kind          string    `json:"kind"`
	Channel       string    `json:"channel"`
	Attempts      int       `json:"attempts"`
	LastError     string    `json:"last_error"`
	NextAttemptAt time.Time `json:"next_attempt_at"`
}

// look reads everything the ledger compares; the board through an api
// replica, the rest from the simulators and the CLI.
func (f *fleet) look(ctx context.Context, c *client) (*holdings, error) {
	h := &holdings{board: map[string]string{}, nav: map[string]navHeld{}, finn: map[string][]string{}, ats: map[string]atsHeld{},
		atsByCandidate: map[string]int{}}
	for _, read := range []func(context.Context, *client, *holdings) error{f.readBoard, f.readNAV, f.readFINN, f.readATS, f.readPending} {
		if err := read(ctx, c, h); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// getJSON GETs url (no retries) into v.
func getJSON(ctx context.Context, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := probe.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d %.200s", url, resp.StatusCode, b)
	}
	return json.Unmarshal(b, v)
}

// readBoard pages through GET /v1/jobs.
func (f *fleet) readBoard(ctx context.Context, c *client, h *holdings) error {
	cursor := ""
	for {
		res := c.do(ctx, http.MethodGet, "/v1/jobs?limit=100&cursor="+url.QueryEscape(cursor), "", nil)
		if !res.ok() {
			return fmt.Errorf("board listing: %s", res.failure())
		}
		var page struct {
			Jobs []struct {
				ID    string `json:"id"`
				Title string `json:"title"`
			} `json:"jobs"`
			NextCursor string `json:"next_cursor"`
		}
		if err := json.Unmarshal(res.body, &page); err != nil {
			return fmt.Errorf("board listing: %w", err)
		}
		for _, j := range page.Jobs {
			h.board[j.ID] = j.Title
		}
		if cursor = page.NextCursor; cursor == "" {
			return nil
		}
	}
}

// readNAV reads every reference's status and its last ad's title.
func (f *fleet) readNAV(ctx context.Context, _ *client, h *holdings) error {
	var ads []struct {
		Reference string `json:"reference"`
		Status    string `json:"status"`
	}
	if err := getJSON(ctx, f.chanURL+"/_sim/nav/ads", &ads); err != nil {
		return err
	}
	for _, a := range ads {
		var ad struct{ Title string }
		if err := getJSON(ctx, f.chanURL+"/_sim/nav/ads/"+url.PathEscape(a.Reference), &ad); err != nil {
			return err
		}
		h.nav[a.Reference] = navHeld{status: a.Status, title: ad.Title}
	}
	return nil
}

// readFINN reads FINN's live ads by the reference in their title.
func (f *fleet) readFINN(ctx context.Context, _ *client, h *holdings) error {
	var ads []struct {
		Live   bool                `json:"live"`
		Fields map[string][]string `json:"fields"`
	}
	if err := getJSON(ctx, f.chanURL+"/_sim/finn/ads", &ads); err != nil {
		return err
	}
	for _, a := range ads {
		if t := a.Fields["JOB_TITLE"]; a.Live && len(t) > 0 {
			if ref, _, ok := parseTitle(t[0]); ok {
				h.finn[ref] = append(h.finn[ref], t[0])
			}
		}
	}
	return nil
}

// readATS reads what the ATS's webhook took.
func (f *fleet) readATS(ctx context.Context, _ *client, h *holdings) error {
	var got struct {
		Received []struct {
			IdempotencyKey string              `json:"idempotency_key"`
			Fields         map[string][]string `json:"fields"`
			Deliveries     int                 `json:"deliveries"`
			At             time.Time           `json:"at"`
		} `json:"received"`
	}
	if err := getJSON(ctx, f.atsURL+"/_sim/received?vendor=webhook", &got); err != nil {
		return err
	}
	for _, r := range got.Received {
		prev := h.ats[r.IdempotencyKey]
		h.ats[r.IdempotencyKey] = atsHeld{deliveries: prev.deliveries + r.Deliveries, at: r.At}
		if n := r.Fields["candidate.last_name"]; len(n) > 0 {
			h.atsByCandidate[n[0]]++
		}
	}
	return nil
}

// readPending lists the pending deliveries through the CLI.
func (f *fleet) readPending(ctx context.Context, _ *client, h *holdings) error {
	out, err := runCmd(ctx, "", f.env, f.bin, "deliveries", "list", "--state", "pending", "--limit", "1000000", "--output", "json")
	if err != nil {
		return err
	}
	return json.Unmarshal([]byte(out), &h.pending)
}
