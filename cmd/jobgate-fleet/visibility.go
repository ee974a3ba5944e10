package main

import (
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"
)

// visibility measures, for a sample of the pushes, how long until the
// board (GET /v1/jobs/{id}) and NAV (the simulator's copy) show them.
type visibility struct {
	f    *fleet
	http *http.Client
	// slots bounds the watchers; a push finding none free is not sampled.
	slots chan struct{}
	wg    sync.WaitGroup
	n     int

	mu          sync.Mutex
	board, nav  []time.Duration
	unseenBoard int
	unseenNAV   int
}

// watchEvery samples one push in this many.
const watchEvery = 3

// watchFor bounds one watch.
const watchFor = 60 * time.Second

func newVisibility(f *fleet) *visibility {
	return &visibility{f: f, http: &http.Client{Timeout: 5 * time.Second}, slots: make(chan struct{}, 8)}
}

// watch samples the push (called with the load's lock held).
func (v *visibility) watch(id, ref string, op adOp, sent time.Time) {
	v.n++
	if v.n%watchEvery != 0 || id == "" {
		return
	}
	select {
	case v.slots <- struct{}{}:
	default:
		return
	}
	v.wg.Go(func() {
		defer func() { <-v.slots }()
		board := v.until(sent, func() bool { return v.onBoard(id, op) })
		var nav time.Duration = -1
		if op.kind == opPut {
			nav = v.until(sent, func() bool { return v.atNAV(id, op.rev) })
		}
		v.mu.Lock()
		defer v.mu.Unlock()
		if board < 0 {
			v.unseenBoard++
		} else {
			v.board = append(v.board, board)
		}
		if op.kind == opPut && nav < 0 {
			v.unseenNAV++
		} else if nav >= 0 {
			v.nav = append(v.nav, nav)
		}
	})
}

// until polls seen every 100 ms for up to watchFor and answers the time
// from sent to the first look that saw it, or -1.
func (v *visibility) until(sent time.Time, seen func() bool) time.Duration {
	for time.Since(sent) < watchFor {
		if seen() {
			return time.Since(sent)
		}
		time.Sleep(100 * time.Millisecond)
	}
	return -1
}

// onBoard says whether the board shows the push: the revision (or a
// later one), or the job gone.
func (v *visibility) onBoard(id string, op adOp) bool {
	for _, api := range v.f.apis {
		status, title := v.get("http://" + api.addr + "/v1/jobs/" + id)
		if status == 0 {
			continue
		}
		if op.kind == opDelete {
			return status == http.StatusNotFound || status == http.StatusGone
		}
		_, rev, ok := parseTitle(title)
		return status == http.StatusOK && ok && rev >= op.rev
	}
	return false
}

// atNAV says whether NAV holds the revision (or a later one).
func (v *visibility) atNAV(id string, rev int) bool {
	status, title := v.get(v.f.chanURL + "/_sim/nav/ads/" + id)
	_, got, ok := parseTitle(title)
	return status == http.StatusOK && ok && got >= rev
}

// get answers the status and the "title" of a JSON answer.
func (v *visibility) get(url string) (int, string) {
	resp, err := v.http.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	var t struct{ Title string }
	_ = json.Unmarshal(b, &t)
	return resp.StatusCode, t.Title
}

func (v *visibility) wait() { v.wg.Wait() }
