package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// report is everything one run measured; it prints as a summary block and
// as JSON.
type report struct {
	Command       string        `json:"command"`
	Started       time.Time     `json:"started"`
	GoVersion     string        `json:"go_version"`
	GOMAXPROCS    int           `json:"gomaxprocs"`
	NumCPU        int           `json:"num_cpu"`
	URL           string        `json:"url"`
	Concurrency   int           `json:"concurrency"`
	Rate          float64       `json:"rate,omitempty"` // open-loop requests/s; 0 closed-loop
	Duration      string        `json:"duration"`
	Ads           uint64        `json:"ads"`
	Prefix        string        `json:"prefix"`
	PendingBefore float64       `json:"pending_before"` // -1 if /metrics could not be read
	Load          phaseSummary  `json:"load"`
	Drain         drainResult   `json:"drain"`
	Ceiling       *phaseSummary `json:"ceiling,omitempty"` // bare gin, in the load process
	Fraction      float64       `json:"fraction_of_ceiling,omitempty"`
}

// phaseSummary is one load phase in plain numbers (latencies in ms).
type phaseSummary struct {
	Requests        uint64             `json:"requests"`
	Accepted        uint64             `json:"accepted"`
	Status          map[string]uint64  `json:"status"`
	TransportErrors uint64             `json:"transport_errors"`
	FirstError      string             `json:"first_transport_error,omitempty"`
	Seconds         float64            `json:"seconds"`
	PerSecond       float64            `json:"accepted_per_second"`
	P50, P90, P99   float64            `json:"-"`
	Max, Mean       float64            `json:"-"`
	Latency         map[string]float64 `json:"latency_ms"`
	statuses        []int
}

func newReport(o options) *report {
	return &report{Command: o.Command, Started: time.Now().UTC().Truncate(time.Second), GoVersion: runtime.Version(),
		GOMAXPROCS: runtime.GOMAXPROCS(0), NumCPU: runtime.NumCPU(), URL: o.URL, Concurrency: o.Concurrency, Rate: o.Rate,
		Duration: o.Duration.String(), Ads: o.Ads, Prefix: o.Prefix, PendingBefore: -1}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func summarize(r loadResult) phaseSummary {
	s := phaseSummary{Requests: r.Requests, Accepted: r.Accepted, Status: map[string]uint64{}, TransportErrors: r.TransportErrors,
		FirstError: r.FirstError, Seconds: r.Elapsed.Seconds(), PerSecond: r.PerSecond(),
		P50: ms(r.Latency.Quantile(0.50)), P90: ms(r.Latency.Quantile(0.90)), P99: ms(r.Latency.Quantile(0.99)),
		Max: ms(r.Latency.Max()), Mean: ms(r.Latency.Mean()), statuses: r.StatusCodes()}
	for c, n := range r.Status {
		s.Status[strconv.Itoa(c)] = n
	}
	s.Latency = map[string]float64{"p50": s.P50, "p90": s.P90, "p99": s.P99, "max": s.Max, "mean": s.Mean}
	return s
}

func (s phaseSummary) line(unit string) string {
	return fmt.Sprintf("%.0f %s (%d of %d requests in %.1f s), p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms",
		s.PerSecond, unit, s.Accepted, s.Requests, s.Seconds, s.P50, s.P90, s.P99, s.Max)
}

func (s phaseSummary) statusLine() string {
	var parts []string
	for _, c := range s.statuses {
		parts = append(parts, fmt.Sprintf("%d x %d", c, s.Status[strconv.Itoa(c)]))
	}
	out := strings.Join(parts, ", ")
	if out == "" {
		out = "no HTTP answers"
	}
	out += fmt.Sprintf("; transport errors %d", s.TransportErrors)
	if s.FirstError != "" {
		out += " (first: " + s.FirstError + ")"
	}
	return out
}

func (r *report) drainLine() string {
	d := r.Drain
	var s string
	switch {
	case d.PendingAtEnd < 0:
		s = "backlog unknown: /metrics gave no outbox count"
	case d.Drained:
		s = fmt.Sprintf("%.0f pending at the end of the load; drained in %.1f s", d.PendingAtEnd, d.DrainTime.Seconds())
	default:
		s = fmt.Sprintf("%.0f pending at the end of the load; NOT drained within --drain-timeout (%.0f still pending)", d.PendingAtEnd, d.Final["pending"])
	}
	if len(d.Final) > 0 {
		s += fmt.Sprintf(" [outbox now: pending %.0f, dead %.0f]", d.Final["pending"], d.Final["dead"])
	}
	if r.PendingBefore > 0 {
		s += fmt.Sprintf(" [%.0f were already pending before the load]", r.PendingBefore)
	}
	if d.ScrapeErrors > 0 {
		s += fmt.Sprintf(" [%d of %d scrapes failed: %s]", d.ScrapeErrors, d.Scrapes, d.LastError)
	}
	return s
}

// target is one of the goals for this machine.
type target struct {
	name        string
	perSecond   float64
	p99         float64 // ms
	drain       time.Duration
	minDuration time.Duration
}

var targets = []target{
	{name: "embedded", perSecond: 1500, p99: 100, drain: 10 * time.Second, minDuration: 60 * time.Second},
	{name: "postgres+redis", perSecond: 3000, p99: 50},
}

func (r *report) check(t target) string {
	var fails []string
	if r.Load.PerSecond < t.perSecond {
		fails = append(fails, fmt.Sprintf("%.0f/s < %.0f/s", r.Load.PerSecond, t.perSecond))
	}
	if r.Load.P99 >= t.p99 {
		fails = append(fails, fmt.Sprintf("p99 %.1f ms >= %.0f ms", r.Load.P99, t.p99))
	}
	if t.drain > 0 && (!r.Drain.Drained || r.Drain.DrainTime > t.drain) {
		fails = append(fails, fmt.Sprintf("backlog not drained within %s", t.drain))
	}
	if t.minDuration > 0 && r.Load.Seconds < t.minDuration.Seconds() {
		fails = append(fails, fmt.Sprintf("run shorter than %s", t.minDuration))
	}
	goal := fmt.Sprintf(">= %.0f ads/s", t.perSecond)
	if r.Ceiling != nil && r.Ceiling.PerSecond > 0 {
		goal += fmt.Sprintf(" (%.1f %% of this ceiling)", 100*t.perSecond/r.Ceiling.PerSecond)
	}
	goal += fmt.Sprintf(", p99 < %.0f ms", t.p99)
	if t.drain > 0 {
		goal += fmt.Sprintf(", drained within %s", t.drain)
	}
	if t.minDuration > 0 {
		goal += fmt.Sprintf(", for %s", t.minDuration)
	}
	if len(fails) == 0 {
		return fmt.Sprintf("%-15s %s: MET", t.name, goal)
	}
	return fmt.Sprintf("%-15s %s: NOT MET (%s)", t.name, goal, strings.Join(fails, "; "))
}

func (r *report) print(w io.Writer, asJSON bool) {
	if r.Ceiling != nil && r.Ceiling.PerSecond > 0 {
		r.Fraction = r.Load.PerSecond / r.Ceiling.PerSecond
	}
	p := func(label, format string, args ...any) {
		if label != "" {
			label += ":"
		}
		fmt.Fprintf(w, "%-10s "+format+"\n", append([]any{label}, args...)...)
	}
	fmt.Fprintln(w, "==== jobgate-load summary ====")
	p("command", "%s", r.Command)
	p("machine", "%s, GOMAXPROCS %d, %d CPUs, %s, started %s", runtime.GOOS+"/"+runtime.GOARCH, r.GOMAXPROCS, r.NumCPU, r.GoVersion, r.Started.Format(time.RFC3339))
	mode := fmt.Sprintf("%d closed-loop clients", r.Concurrency)
	if r.Rate > 0 {
		mode = fmt.Sprintf("open loop at %.0f PUTs/s over %d clients (latency from when each was due)", r.Rate, r.Concurrency)
	}
	p("load", "%s, %s, PUT %s/v1/ads/%s-{0..%d} (~%d B canonical ad JSON)", mode, r.Duration, r.URL, r.Prefix, r.Ads-1, len(appendBody(nil, r.Ads-1)))
	p("jobgate", "%s", r.Load.line("accepted ads/s"))
	p("statuses", "%s", r.Load.statusLine())
	p("backlog", "%s", r.drainLine())
	if r.Ceiling != nil {
		p("ceiling", "bare gin (PUT, io.ReadAll, 202; served inside this load process, sharing its cores): %s", r.Ceiling.line("req/s"))
		if r.Ceiling.Accepted != r.Ceiling.Requests {
			p("", "ceiling statuses: %s", r.Ceiling.statusLine())
		}
		p("fraction", "jobgate %.0f accepted ads/s = %.1f %% of the bare-gin ceiling of this run (%.0f req/s)", r.Load.PerSecond, 100*r.Fraction, r.Ceiling.PerSecond)
	} else {
		p("ceiling", "not measured (--ceiling=false)")
	}
	for i, t := range targets {
		label := ""
		if i == 0 {
			label = "targets"
		}
		p(label, "%s", r.check(t))
	}
	if asJSON {
		b, _ := json.MarshalIndent(r, "", "  ")
		fmt.Fprintf(w, "%s\n", b)
	}
}
