package sim

import (
	"hash/crc32"
	"math"
)

// Generate replaces the feed's postings with n generated ones
// (GeneratePosting 1..n, with this feed's one employer and the ids
// GeneratedID gives): the same feed key and n always give the same feed.
func (f *Feed) Generate(n int) {
	company := companies[crc32.ChecksumIEEE([]byte(string(f.Vendor())+"/"+f.Key()))%uint32(len(companies))]
	f.mu.Lock()
	defer f.mu.Unlock()
	f.ids, f.postings, f.cursor = make([]string, 0, n), make(map[string]Posting, n), 0
	for i := 1; i <= n; i++ {
		p := generatePosting(i, company)
		p.ID = f.w.genID(i)
		f.ids = append(f.ids, p.ID)
		f.postings[p.ID] = p
	}
	f.changedLocked()
}

// GeneratedID is the id Generate gives its i-th posting (from 1), in the
// vendor's shape: a UUID-like string for Lever, digits for Jobylon's id and
// ReachMee's CommAdSeqNo; derived from the feed key, so stable.
func (f *Feed) GeneratedID(i int) string { return f.w.genID(i) }

// Touch edits the postings with these ids (Revision+1, which every vendor
// shows in the description) and returns how many it found.
func (f *Feed) Touch(ids ...string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, id := range ids {
		if p, ok := f.postings[id]; ok {
			p.Revision++
			f.postings[id] = p
			n++
		}
	}
	if n > 0 {
		f.changedLocked()
	}
	return n
}

// Change touches round(fraction × postings) of the postings, at least one
// for a positive fraction, going on from where the last Change stopped so
// successive calls edit different ads, and returns their ids: a feed with
// 10% of its ads changed is Change(0.1).
func (f *Feed) Change(fraction float64) []string {
	f.mu.Lock()
	n := len(f.ids)
	k := min(n, int(math.Round(fraction*float64(n))))
	if fraction > 0 && k == 0 && n > 0 {
		k = 1
	}
	ids := make([]string, 0, k)
	for range k {
		ids = append(ids, f.ids[f.cursor%n])
		f.cursor++
	}
	f.mu.Unlock()
	f.Touch(ids...)
	return ids
}
