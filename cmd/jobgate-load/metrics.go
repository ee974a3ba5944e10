package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

const outboxMetric = "jobgate_outbox_deliveries"

// parseLabelled reads Prometheus text exposition and returns the samples
// of metric name by the value of its label label (e.g. state -> count).
// Comments, other metrics and samples without that label are skipped.
func parseLabelled(r io.Reader, name, label string) (map[string]float64, error) {
	out := map[string]float64{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || !strings.HasPrefix(line, name) {
			continue
		}
		rest := line[len(name):]
		if rest == "" || (rest[0] != '{' && rest[0] != ' ' && rest[0] != '\t') {
			continue // a longer name such as name_total
		}
		labels := map[string]string{}
		if rest[0] == '{' {
			var err error
			if labels, rest, err = parseLabels(rest[1:]); err != nil {
				return nil, fmt.Errorf("%s: %w", line, err)
			}
		}
		key, ok := labels[label]
		if !ok {
			continue
		}
		fields := strings.Fields(rest)
		if len(fields) == 0 {
			return nil, fmt.Errorf("%s: no value", line)
		}
		v, err := strconv.ParseFloat(fields[0], 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", line, err)
		}
		out[key] = v
	}
	return out, sc.Err()
}

// parseLabels parses `a="x",b="y"}` and returns the labels and what follows
// the closing brace.
func parseLabels(s string) (map[string]string, string, error) {
	labels := map[string]string{}
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			return nil, "", errors.New("unterminated labels")
		}
		if s[0] == '}' {
			return labels, s[1:], nil
		}
		eq := strings.IndexByte(s, '=')
		if eq < 0 || len(s) < eq+2 || s[eq+1] != '"' {
			return nil, "", errors.New("malformed label")
		}
		key := strings.TrimSpace(s[:eq])
		var val strings.Builder
		i := eq + 2
		for ; i < len(s) && s[i] != '"'; i++ {
			if s[i] == '\\' && i+1 < len(s) {
				i++
				switch s[i] {
				case 'n':
					val.WriteByte('\n')
				default:
					val.WriteByte(s[i]) // \\ and \"
				}
				continue
			}
			val.WriteByte(s[i])
		}
		if i >= len(s) {
			return nil, "", errors.New("unterminated label value")
		}
		labels[key] = val.String()
		s = s[i+1:]
	}
}

// scrapeOutbox fetches {base}/metrics and returns the outbox counts by state.
func scrapeOutbox(ctx context.Context, client *http.Client, base string) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "text/plain;version=0.0.4")
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, resp.Body)
		return nil, fmt.Errorf("GET /metrics: %s", resp.Status)
	}
	counts, err := parseLabelled(resp.Body, outboxMetric, "state")
	if err == nil && len(counts) == 0 {
		err = fmt.Errorf("GET /metrics: no %s samples", outboxMetric)
	}
	return counts, err
}

// drainResult is how the outbox backlog went down after the load stopped.
type drainResult struct {
	PendingAtEnd float64            `json:"pending_at_end"` // -1 if never read
	Drained      bool               `json:"drained"`
	DrainTime    time.Duration      `json:"-"`             // from the end of the load to the scrape that saw 0 pending
	DrainSeconds float64            `json:"drain_seconds"` // DrainTime in seconds
	Final        map[string]float64 `json:"final_states,omitempty"`
	Scrapes      int                `json:"scrapes"`
	ScrapeErrors int                `json:"scrape_errors"`
	LastError    string             `json:"last_error,omitempty"`
}

// measureDrain polls the outbox every interval from loadEnd until pending
// is 0 or timeout has passed since loadEnd.
func measureDrain(ctx context.Context, client *http.Client, base string, loadEnd time.Time, interval, timeout time.Duration) drainResult {
	res := drainResult{PendingAtEnd: -1}
	deadline := loadEnd.Add(timeout)
	for {
		sctx, cancel := context.WithTimeout(ctx, max(interval, 5*time.Second))
		counts, err := scrapeOutbox(sctx, client, base)
		cancel()
		seen := time.Now()
		res.Scrapes++
		pending, ok := counts["pending"]
		switch {
		case err != nil:
			res.ScrapeErrors++
			res.LastError = err.Error()
		case !ok:
			res.ScrapeErrors++
			res.LastError = `no state="pending" sample`
		default:
			res.Final = counts
			if res.PendingAtEnd < 0 {
				res.PendingAtEnd = pending
			}
			if pending == 0 {
				res.Drained, res.DrainTime = true, seen.Sub(loadEnd)
				res.DrainSeconds = res.DrainTime.Seconds()
				return res
			}
		}
		if !seen.Before(deadline) || ctx.Err() != nil {
			return res
		}
		select {
		case <-ctx.Done():
			return res
		case <-time.After(min(interval, time.Until(deadline))):
		}
	}
}
