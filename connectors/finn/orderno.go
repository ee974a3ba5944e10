package finn

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/ad"
)

// LifeDays is how long a job ad may live on FINN from its first
// publication (§2.6, FINN-ERR); after that only a new ORDERNO advertises
// it again.
const LifeDays = 42

// startSlack is how many days in the past a life's nominal start may lie
// and still be its start; see OrderNo.
const startSlack = 7

var (
	// reIDPart is an ad id as it may appear in an ORDERNO. FINN's limits
	// are [U]; its example ORDERNO is digits and §2.8's ours with '-'.
	reIDPart = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9-]{0,31}$`)
	reLife   = regexp.MustCompile(`^[1-9][0-9]{0,2}$`)
)

// OrderNo is one life of an ad on FINN: "<ad id>-<life>-<yyyymmdd>", such
// as "job-01jd3x5k7m9p2q4r6s8t0v1w3y-1-20260302", at most 45 characters.
// The ad id's "_" becomes "-"; an id that still does not fit is replaced
// by "h" and 20 hex digits of its SHA-256.
//
// The ORDERNO depends only on the ad, the previous publication and the
// day, so a retried upload sends the same ORDERNO (an update, §2.6) and
// never a second ad: a life starts on its nominal day (life 1: the day the
// ad came to jobgate; a re-advertisement: the day the last life ended;
// after a withdrawal: the day it was withdrawn) when that is at most a week
// ago, else today, so an ad first sent to FINN long after it was created
// still gets its 42 days.
type OrderNo struct {
	// IDPart is the ad's id as it is written in the ORDERNO.
	IDPart string
	// Life counts the ad's lives on FINN from 1.
	Life int
	// Start is the life's first day (FROMDATE), midnight in Oslo.
	Start time.Time
}

// String returns the ORDERNO.
func (o OrderNo) String() string {
	return o.IDPart + "-" + strconv.Itoa(o.Life) + "-" + o.Start.Format("20060102")
}

// LastDay is the life's 42nd day, its TODATE.
func (o OrderNo) LastDay() time.Time { return addDays(o.Start, LifeDays-1) }

// End is when the life is over: midnight after its last day, in Oslo.
func (o OrderNo) End() time.Time { return addDays(o.Start, LifeDays) }

// ParseOrderNo reads an ORDERNO jobgate made.
func ParseOrderNo(s string) (OrderNo, error) {
	rest, date, ok1 := cutLast(s)
	id, life, ok2 := cutLast(rest)
	if !ok1 || !ok2 || !reIDPart.MatchString(id) || !reLife.MatchString(life) || len(date) != 8 {
		return OrderNo{}, fmt.Errorf("%q is not a jobgate ORDERNO", s)
	}
	start, err := time.ParseInLocation("20060102", date, ad.Oslo)
	if err != nil {
		return OrderNo{}, fmt.Errorf("%q is not a jobgate ORDERNO: %w", s, err)
	}
	n, _ := strconv.Atoi(life)
	return OrderNo{IDPart: id, Life: n, Start: start}, nil
}

func cutLast(s string) (before, after string, ok bool) {
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

// Expires returns when the FINN life of the publication's ORDERNO ends
// (§2.6), so the hub can republish the ad then; zero when the reference is
// not an ORDERNO jobgate made.
func Expires(prev connectors.Publication) time.Time {
	o, err := ParseOrderNo(prev.Reference)
	if err != nil {
		return time.Time{}
	}
	return o.End()
}

// idPart writes an ad id for an ORDERNO.
func idPart(adID string) string {
	if s := strings.ReplaceAll(adID, "_", "-"); reIDPart.MatchString(s) {
		return s
	}
	sum := sha256.Sum256([]byte(adID))
	return "h" + hex.EncodeToString(sum[:10])
}

// newLife is life n of the ad, starting on nominal (see OrderNo).
func newLife(adID string, n int, nominal, now time.Time) (OrderNo, error) {
	if n > 999 {
		return OrderNo{}, errors.New("the ad has had 999 lives on FINN")
	}
	today, start := day(now), day(nominal)
	if nominal.IsZero() || start.After(today) || start.Before(addDays(today, -startSlack)) {
		start = today
	}
	return OrderNo{IDPart: idPart(adID), Life: n, Start: start}, nil
}
