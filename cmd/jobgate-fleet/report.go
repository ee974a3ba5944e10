package main

import (
	"fmt"
	"sort"
	"time"
)

// report prints the counts and latencies and answers whether the run
// passed: nothing lost, duplicated, unsure or stuck, and no request
// failed during the rolling restart.
func report(l *load, events []event, v *verdict) bool {
	pushed, accepted, withdrawn := 0, 0, 0
	for _, a := range l.ads {
		if a.rev > 0 {
			pushed++
		}
		if a.id != "" {
			accepted++
		}
		if a.withdrawn {
			withdrawn++
		}
	}
	kills, restarts, failedEvents := 0, 0, 0
	for _, e := range events {
		if len(e.what) > 7 && e.what[:7] == "SIGKILL" {
			kills++
		} else {
			restarts++
		}
		if e.err != nil {
			failedEvents++
		}
	}
	fmt.Println("\n== fleet ledger ==")
	fmt.Printf("ads: %d pushed, %d accepted, %d withdrawn; checked %d live, %d withdrawn\n", pushed, accepted, withdrawn, v.live, v.withdrawn)
	fmt.Printf("applications: %d sent, %d accepted (202); at the ATS %d, dead %d, sent again and deduplicated by key %d\n",
		len(l.apps), v.apps, len(v.delivered), v.dead, v.redelivered)
	fmt.Printf("chaos: %d kills, %d restarts (Redis, flush, Postgres, rolling), %d failed\n", kills, restarts, failedEvents)
	fmt.Printf("requests: %d tries, %d connection errors and %d 5xx retried\n", l.c.attempts.Load(), l.c.connErrors.Load(), l.c.serverErrors.Load())
	for p := range phases {
		s := &l.stats[p]
		fmt.Printf("  %-8s %6d operations, %d failed after retries, %d refused (4xx); latency %s\n", phaseNames[p], s.ops.Load(), s.failed.Load(), s.refused.Load(), quantiles(l.took[p]))
	}
	var all []time.Duration
	for p := range phases {
		all = append(all, l.took[p]...)
	}
	fmt.Printf("client request (with retries): %s\n", quantiles(all))
	fmt.Printf("push -> visible on the board (sampled): %s; not seen within %s: %d\n", quantiles(l.vis.board), watchFor, l.vis.unseenBoard)
	fmt.Printf("push -> held by NAV (sampled): %s; not seen within %s: %d\n", quantiles(l.vis.nav), watchFor, l.vis.unseenNAV)
	fmt.Printf("submit -> delivered to the ATS: %s\n", quantiles(v.delivered))
	fmt.Printf("lost %d, duplicated %d, dead %d, unsure %d, pending %d (stuck %d)\n", v.lost, v.duplicated, v.dead, v.unsure, v.pending, v.stuck)
	for _, f := range l.failures {
		fmt.Println("  request failure:", f)
	}
	for _, p := range v.problems {
		fmt.Println("  problem:", p)
	}
	rolling := l.stats[phaseRolling].failed.Load() + l.stats[phaseRolling].refused.Load()
	if rolling > 0 {
		fmt.Printf("FAIL: %d requests failed during the rolling restart\n", rolling)
	}
	return v.lost == 0 && v.duplicated == 0 && v.unsure == 0 && v.stuck == 0 && rolling == 0 && failedEvents == 0 && accepted > 0
}

// quantiles formats p50, p99 and max.
func quantiles(ds []time.Duration) string {
	if len(ds) == 0 {
		return "none"
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	at := func(p float64) time.Duration { return s[min(len(s)-1, int(p*float64(len(s))))].Round(time.Millisecond) }
	return fmt.Sprintf("p50 %s p99 %s max %s (n=%d)", at(.5), at(.99), s[len(s)-1].Round(time.Millisecond), len(s))
}
