package sim

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The control API, JSON under /_sim/, drives a running Feeds as the Go
// methods do (FeedsControl and `vendorsim feeds` call it). {vendor} is
// lever, lever-eu, jobylon, reachmee or workbuster; {feed} is the Lever
// site, the Jobylon hash, for ReachMee "{siteId}:{InstallationID}:{CustomerName}",
// or the Workbuster customer.
// Calls that change a feed create it, and answer its FeedStats:
//
//	GET    /_sim/feeds                              every feed's FeedStats
//	GET    /_sim/{vendor}/{feed}                    the feed's FeedStats (404 if none)
//	DELETE /_sim/{vendor}/{feed}                    delete the feed (it then answers 404)
//	GET    /_sim/{vendor}/{feed}/postings           its postings, as Posting JSON
//	PUT    /_sim/{vendor}/{feed}/postings/{id}      add or change a posting (body: Posting JSON; the path's id wins)
//	DELETE /_sim/{vendor}/{feed}/postings/{id}      remove it (404 if absent)
//	POST   /_sim/{vendor}/{feed}/generate?n=40      replace the postings with n generated ones
//	POST   /_sim/{vendor}/{feed}/change?fraction=0.1   touch a fraction (or ?ids=a,b those); answers {"changed":[ids]}
//	POST   /_sim/{vendor}/{feed}/fault?kind=empty&times=1[&delay=2s]   set a fault (times <= 0 or absent: until cleared)
//	DELETE /_sim/{vendor}/{feed}/fault              clear the fault
//	POST   /_sim/{vendor}/{feed}/reset-stats        zero the counters
func (fs *Feeds) mountControl() {
	m := fs.mux
	m.HandleFunc("GET /_sim/feeds", fs.ctlList)
	m.HandleFunc("GET /_sim/{vendor}/{feed}", fs.control(false, func(f *Feed, r *http.Request) (any, error) { return nil, nil }))
	m.HandleFunc("DELETE /_sim/{vendor}/{feed}", fs.ctlDelete)
	m.HandleFunc("GET /_sim/{vendor}/{feed}/postings", fs.control(false, func(f *Feed, r *http.Request) (any, error) {
		return f.Postings(), nil
	}))
	m.HandleFunc("PUT /_sim/{vendor}/{feed}/postings/{id}", fs.control(true, ctlPut))
	m.HandleFunc("DELETE /_sim/{vendor}/{feed}/postings/{id}", fs.control(false, func(f *Feed, r *http.Request) (any, error) {
		if !f.Remove(r.PathValue("id")) {
			return nil, errNotFound
		}
		return nil, nil
	}))
	m.HandleFunc("POST /_sim/{vendor}/{feed}/generate", fs.control(true, func(f *Feed, r *http.Request) (any, error) {
		n, err := strconv.Atoi(r.URL.Query().Get("n"))
		if err != nil || n < 0 {
			return nil, errors.New("n must be a count of postings")
		}
		f.Generate(n)
		return nil, nil
	}))
	m.HandleFunc("POST /_sim/{vendor}/{feed}/change", fs.control(true, ctlChange))
	m.HandleFunc("POST /_sim/{vendor}/{feed}/fault", fs.control(true, ctlFault))
	m.HandleFunc("DELETE /_sim/{vendor}/{feed}/fault", fs.control(true, func(f *Feed, r *http.Request) (any, error) {
		f.ClearFault()
		return nil, nil
	}))
	m.HandleFunc("POST /_sim/{vendor}/{feed}/reset-stats", fs.control(true, func(f *Feed, r *http.Request) (any, error) {
		f.ResetStats()
		return nil, nil
	}))
}

// errNotFound makes a control call answer 404.
var errNotFound = errors.New("not found")

// control runs do on the path's feed (creating it when create is true)
// and answers do's value, or the feed's stats when it returns nil.
func (fs *Feeds) control(create bool, do func(*Feed, *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v, key := Vendor(r.PathValue("vendor")), r.PathValue("feed")
		f := fs.Lookup(v, key)
		var err error
		if f == nil && create {
			f, err = fs.Feed(v, key)
		}
		if f == nil && err == nil {
			err = errNotFound
		}
		var out any
		if err == nil {
			out, err = do(f, r)
		}
		if err != nil {
			ctlError(w, err)
			return
		}
		if out == nil {
			out = statsFor(f, r)
		}
		writeJSON(w, http.StatusOK, out)
	}
}

func (fs *Feeds) ctlList(w http.ResponseWriter, r *http.Request) {
	out := []FeedStats{}
	for _, f := range fs.List() {
		out = append(out, statsFor(f, r))
	}
	writeJSON(w, http.StatusOK, out)
}

func (fs *Feeds) ctlDelete(w http.ResponseWriter, r *http.Request) {
	if !fs.Delete(Vendor(r.PathValue("vendor")), r.PathValue("feed")) {
		ctlError(w, errNotFound)
		return
	}
	writeJSON(w, http.StatusOK, map[string]bool{"deleted": true})
}

func ctlPut(f *Feed, r *http.Request) (any, error) {
	var p Posting
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, 4<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, errors.New("the body must be a sim.Posting as JSON: " + err.Error())
	}
	p.ID = r.PathValue("id")
	f.Put(p)
	return nil, nil
}

func ctlChange(f *Feed, r *http.Request) (any, error) {
	q := r.URL.Query()
	if ids := q.Get("ids"); ids != "" {
		list := strings.Split(ids, ",")
		f.Touch(list...)
		return map[string][]string{"changed": list}, nil
	}
	fraction, err := strconv.ParseFloat(q.Get("fraction"), 64)
	if err != nil || fraction < 0 || fraction > 1 {
		return nil, errors.New("fraction must be between 0 and 1, or ids a list")
	}
	return map[string][]string{"changed": f.Change(fraction)}, nil
}

func ctlFault(f *Feed, r *http.Request) (any, error) {
	q := r.URL.Query()
	kind, err := ParseFeedFault(q.Get("kind"))
	if err == nil {
		err = f.checkFault(kind)
	}
	if err != nil {
		return nil, err
	}
	times, _ := strconv.Atoi(q.Get("times"))
	if d := q.Get("delay"); d != "" {
		delay, err := time.ParseDuration(d)
		if err != nil || delay < 0 {
			return nil, errors.New("delay must be a duration such as 2s")
		}
		f.SetSlowDelay(delay)
	}
	f.Fault(kind, times)
	return nil, nil
}

// statsFor is the feed's stats with its URL on the host the call came to.
func statsFor(f *Feed, r *http.Request) FeedStats {
	s := f.Stats()
	s.URL = f.URL("http://" + r.Host)
	return s
}

func ctlError(w http.ResponseWriter, err error) {
	status := http.StatusBadRequest
	if errors.Is(err, errNotFound) {
		status = http.StatusNotFound
	}
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
