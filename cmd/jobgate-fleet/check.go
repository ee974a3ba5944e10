package main

import (
	"context"
	"fmt"
	"time"
)

// verdict is the ledger's finding at one look.
type verdict struct {
	live, withdrawn, apps int
	// lost are ads not where they must be (or stale, or still somewhere
	// after their withdrawal) and applications neither at the ATS nor
	// visibly dead; problems describe the first few.
	lost, duplicated, dead, redelivered int
	unsure                              int
	stuck                               int
	pending                             int
	problems                            []string
	// delivered are submit-to-ATS times; navLast last push to NAV holding it.
	delivered []time.Duration
}

func (v *verdict) problem(format string, args ...any) {
	if len(v.problems) < 15 {
		v.problems = append(v.problems, fmt.Sprintf(format, args...))
	}
}

// clean says whether nothing is lost, duplicated, unsure, stuck or
// still pending.
func (v *verdict) clean() bool {
	return v.lost == 0 && v.duplicated == 0 && v.unsure == 0 && v.stuck == 0 && v.pending == 0
}

// check compares what the clients were told with what is held.
func (f *fleet) check(ctx context.Context, l *load, c *client, h *holdings) *verdict {
	v := &verdict{pending: len(h.pending)}
	for _, a := range l.ads {
		f.checkAd(v, h, a)
	}
	for _, app := range l.apps {
		f.checkApp(ctx, v, c, h, app)
	}
	for n, k := range h.atsByCandidate {
		if k > 1 {
			v.duplicated++
			v.problem("candidate %s reached the ATS as %d applications", n, k)
		}
	}
	overdue := f.o.Reconcile + reconcileGrace
	for _, d := range h.pending {
		if late := time.Since(d.NextAttemptAt); late > overdue {
			v.stuck++
			v.problem("delivery %s (%s on %s) pending, %s overdue (attempts %d: %.100s)", d.ID, d.Kind, d.Channel, late.Round(time.Second), d.Attempts, d.LastError)
		}
	}
	return v
}

// reconcileGrace is the reconciler's grace (outbox.ReconcilerConfig): how
// overdue a row is before the reconciler enqueues it again.
const reconcileGrace = 30 * time.Second

// checkAd checks one ad on the board, at NAV and at FINN.
func (f *fleet) checkAd(v *verdict, h *holdings, a *adState) {
	if a.unsure != nil {
		v.unsure++
		v.problem("ad %s: its last push never got an answer", a.ref)
		return
	}
	if a.id == "" {
		return // never taken
	}
	finnLive := h.finn[a.ref]
	nav, atNAV := h.nav[a.id]
	navLive := atNAV && nav.status != "STOPPED" && nav.status != "DELETED"
	if a.withdrawn {
		v.withdrawn++
		_, onBoard := h.board[a.id]
		if onBoard || navLive || len(finnLive) > 0 {
			v.lost++
			v.problem("ad %s withdrawn but still live: board %v, NAV %v, FINN %d", a.ref, onBoard, navLive, len(finnLive))
		}
		return
	}
	v.live++
	want := titleOf(a.ref, a.confirmed)
	if len(finnLive) > 1 {
		v.duplicated++
		v.problem("ad %s live %d times on FINN: %v", a.ref, len(finnLive), finnLive)
	}
	board := h.board[a.id]
	finn := ""
	if len(finnLive) > 0 {
		finn = finnLive[0]
	}
	if board != want || !navLive || nav.title != want || finn != want {
		v.lost++
		v.problem("ad %s want %q: board %q, NAV %q (%s), FINN %q", a.ref, want, board, nav.title, nav.status, finn)
	}
}

// checkApp checks one application at the ATS, or dead by its status.
func (f *fleet) checkApp(ctx context.Context, v *verdict, c *client, h *holdings, app *application) {
	if app.refused {
		return
	}
	if app.id == "" {
		v.unsure++
		v.problem("application %s: never answered 202", app.key)
		return
	}
	v.apps++
	if got, ok := h.ats[app.id]; ok {
		v.delivered = append(v.delivered, got.at.Sub(app.sent))
		if got.deliveries > 1 {
			v.redelivered++
		}
		return
	}
	status, reason := f.appStatus(ctx, c, app)
	if status == "failed" {
		v.dead++
		v.problem("application %s dead: %s", app.id, reason)
		return
	}
	v.lost++
	v.problem("application %s (%s) not at the ATS; status %q", app.id, app.key, status)
}

// settle looks again every second, for up to --settle, until the ledger
// is clean, and answers the last verdict.
func (f *fleet) settle(ctx context.Context, l *load) *verdict {
	c := newClient(f)
	defer c.close()
	start := time.Now()
	var v *verdict
	for {
		h, err := f.look(ctx, c)
		if err == nil {
			v = f.check(ctx, l, c, h)
			if v.clean() {
				break
			}
		} else if v == nil {
			v = &verdict{}
		}
		if err != nil {
			v.problems = append(v.problems[:min(len(v.problems), 14)], "look: "+err.Error())
		}
		if time.Since(start) > f.o.Settle || ctx.Err() != nil {
			break
		}
		time.Sleep(time.Second)
	}
	fmt.Printf("ledger settled in %s\n", time.Since(start).Round(100*time.Millisecond))
	return v
}
