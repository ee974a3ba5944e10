package poll

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/ingest"
	"github.com/jobgate/jobgate/internal/store"
)

// applied is what apply did.
type applied struct {
	counts store.PollCounts
	// held are the missing references whose withdrawal waits for the next
	// snapshot; drop is true when they were held because the snapshot
	// lost more than half the live ads.
	held []string
	drop bool
	// notes name the postings skipped or kept with a warning.
	notes store.PollNotes
}

// apply diffs a snapshot against the integration's stored ads and writes
// only the differences: an unchanged feed costs one read. A missing
// posting is withdrawn at once, unless the snapshot dropped more than half
// the live ads or the source asks missing postings to be confirmed: then
// it is withdrawn when the next snapshot misses it too (prevMissing).
func (s *Service) apply(ctx context.Context, in connectors.Integration, postings []connectors.Posting, prevMissing []string, confirm bool) (applied, error) {
	out := applied{counts: store.PollCounts{Listed: len(postings)}}
	c := &out.counts
	states, err := s.store.ListAdStates(ctx, in.ID)
	if err != nil {
		return out, fmt.Errorf("read stored ads: %w", err)
	}
	current := make(map[string]store.AdState, len(states))
	for _, st := range states {
		current[st.Reference] = st
	}
	r := &reading{seen: make(map[string]bool, len(postings))}
	err = s.upsertChanged(ctx, in, postings, current, c, r)
	out.notes = r.book.notes
	if err != nil {
		return out, err
	}
	missing, live := missingLive(current, r.seen)
	out.drop = suspiciousDrop(len(missing), live, len(postings))
	withdraw, held := missing, []string(nil)
	switch {
	case r.unidentified > 0:
		// A posting whose reference cannot be read may be any of the
		// missing ads: none is withdrawn until a snapshot without such
		// a posting confirms it.
		withdraw, held = nil, missing
	case out.drop || confirm:
		withdraw, held = confirmed(missing, prevMissing)
	}
	out.held, c.Held = held, len(held)
	out.drop = out.drop && len(held) > 0
	for _, ref := range append(withdraw, r.expired...) {
		if current[ref].Status != store.AdLive {
			continue
		}
		if _, err := s.ingest.Remove(ctx, in.ID, ref); err != nil {
			return out, fmt.Errorf("withdraw posting %s: %w", ref, err)
		}
		c.Withdrawn++
	}
	return out, nil
}

// confirmed splits missing into those the previous snapshot missed too
// (to withdraw) and the rest (held for the next one).
func confirmed(missing, prevMissing []string) (withdraw, held []string) {
	before := make(map[string]bool, len(prevMissing))
	for _, ref := range prevMissing {
		before[ref] = true
	}
	for _, ref := range missing {
		if before[ref] {
			withdraw = append(withdraw, ref)
		} else {
			held = append(held, ref)
		}
	}
	return withdraw, held
}

// reading is what upsertChanged learnt of a snapshot besides its counts.
type reading struct {
	// seen are the references listed (a listed posting is never
	// withdrawn as missing, even when it is skipped).
	seen map[string]bool
	// expired are live ads whose deadline has passed.
	expired []string
	// unidentified counts postings skipped because their reference
	// cannot be read.
	unidentified int
	book         notebook
}

// upsertChanged stores every new or changed posting and skips, with its
// reason, each one that cannot be stored: one bad posting never fails the
// poll or withdraws the ad it was.
func (s *Service) upsertChanged(ctx context.Context, in connectors.Integration, postings []connectors.Posting, current map[string]store.AdState, c *store.PollCounts, r *reading) error {
	now := s.now()
	for _, p := range postings {
		a, warnings, ok := s.judge(in, p, current, now, c, r)
		if !ok {
			continue
		}
		if cur, ok := current[p.Reference]; ok && cur.Status == store.AdLive && cur.Hash == ad.Hash(a) {
			c.Unchanged++
			continue
		}
		res, err := s.ingest.PutNormalized(ctx, in, p.Reference, a, warnings)
		if err != nil {
			return fmt.Errorf("store posting %s: %w", p.Reference, err)
		}
		switch {
		case res.Created:
			c.Created++
		case res.Changed:
			c.Updated++
		default:
			c.Unchanged++
		}
	}
	return nil
}

// judge returns the posting's ad, normalised, with the warnings of what
// was dropped from it, or false when the posting is skipped (counted and
// noted) or its ad has expired.
func (s *Service) judge(in connectors.Integration, p connectors.Posting, current map[string]store.AdState, now time.Time, c *store.PollCounts, r *reading) (ad.Ad, []ad.FieldError, bool) {
	ref := p.Reference
	if problem := referenceProblem(ref); problem != "" {
		c.Invalid++
		r.unidentified++
		r.book.skip(ref, problem)
		return ad.Ad{}, nil, false
	}
	if r.seen[ref] {
		c.Invalid++
		r.book.skip(ref, "reference: listed twice")
		return ad.Ad{}, nil, false
	}
	r.seen[ref] = true
	if p.Problem != "" {
		c.Invalid++
		r.book.skip(ref, p.Problem)
		s.log.Info("poll: posting unreadable", "integration", in.ID, "reference", ref, "problem", p.Problem)
		return ad.Ad{}, nil, false
	}
	a := p.Ad
	warnings := ad.DropInvalid(&a)
	if err := ad.Normalize(&a, now); err != nil {
		if pastDeadline(err) && current[ref].Status == store.AdLive {
			r.expired = append(r.expired, ref)
			return ad.Ad{}, nil, false
		}
		c.Invalid++
		r.book.skip(ref, fieldCodes(err)...)
		s.log.Info("poll: posting refused", "integration", in.ID, "reference", ref, "fields", fieldCodes(err))
		return ad.Ad{}, nil, false
	}
	if len(warnings) > 0 {
		c.Warned++
		r.book.warn(ref, ingest.FieldCodes(warnings)...)
		s.log.Warn("poll: values dropped from a posting", "integration", in.ID, "reference", ref, "fields", ingest.FieldCodes(warnings))
	}
	return a, warnings, true
}

// referenceProblem says why a posting's reference cannot name an ad, or
// "". U+FFFD stands where a connector met bytes it could not read: the
// reference read is not the one the vendor meant.
func referenceProblem(ref string) string {
	switch {
	case ref == "":
		return "reference: missing"
	case ad.TextProblem(ref) != "" || strings.ContainsRune(ref, utf8.RuneError):
		return "reference: not valid UTF-8 text without NUL"
	case len(ref) > maxReference:
		return "reference: longer than 200 bytes"
	}
	return ""
}

// maxReference is the longest reference the generic API takes; a feed's
// is held to the same.
const maxReference = 200

// missingLive returns the live ads the snapshot no longer lists, sorted,
// and how many ads are live.
func missingLive(current map[string]store.AdState, seen map[string]bool) ([]string, int) {
	var missing []string
	live := 0
	for ref, st := range current {
		if st.Status != store.AdLive {
			continue
		}
		live++
		if !seen[ref] {
			missing = append(missing, ref)
		}
	}
	sort.Strings(missing)
	return missing, live
}

// suspiciousDrop reports whether withdrawing missing of live ads needs a
// second look: an empty snapshot, or one that loses more than half the
// live ads, is more often a vendor's bad answer than an employer closing
// most of its jobs at once.
func suspiciousDrop(missing, live, listed int) bool {
	return missing > 0 && (listed == 0 || 2*missing > live)
}

// pastDeadline reports whether validation refused only because the
// deadline has passed: the vendor still lists an ad that has closed.
func pastDeadline(err error) bool {
	var v *ad.ValidationError
	if !errors.As(err, &v) || len(v.Fields) == 0 {
		return false
	}
	for _, f := range v.Fields {
		if f.Field != "deadline" || f.Code != "in_past" {
			return false
		}
	}
	return true
}

// fieldCodes names the refused fields and why, for the log: field names
// and codes only, never values (they may be personal data).
func fieldCodes(err error) []string {
	var v *ad.ValidationError
	if !errors.As(err, &v) {
		return []string{"error"}
	}
	return ingest.FieldCodes(v.Fields)
}
