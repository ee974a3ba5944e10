package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// adBody is an ad NAV and FINN both take (a postal code, a contact, an
// occupation FINN maps from the title) with the title given.
func adBody(title string) []byte {
	b, _ := json.Marshal(map[string]any{
		"title": title, "description": "<p>Vi søker folk til lageret.</p>",
		"employer":        map[string]any{"name": "Fleet AS"},
		"locations":       []any{map[string]any{"address": "Storgata 1", "postal_code": "0150", "city": "Oslo", "municipality": "Oslo", "country": "NO"}},
		"employment_type": "permanent", "extent": "full_time",
		"deadline": time.Now().AddDate(0, 1, 0).Format(time.DateOnly),
		"contact":  map[string]any{"name": "Kari Nordmann", "email": "kari@eksempel.no", "phone": "+4790000000"},
	})
	return b
}

// titleOf is the title of revision rev of the ad ref: the revision marker
// the ledger compares.
func titleOf(ref string, rev int) string { return fmt.Sprintf("Lagermedarbeider %s r%d", ref, rev) }

// parseTitle reads the ad reference and revision from a title titleOf
// made; ok is false for any other title.
func parseTitle(title string) (ref string, rev int, ok bool) {
	rest, ok := strings.CutPrefix(title, "Lagermedarbeider ")
	if !ok {
		return "", 0, false
	}
	ref, r, ok := strings.Cut(rest, " r")
	if !ok {
		return "", 0, false
	}
	rev, err := strconv.Atoi(r)
	return ref, rev, err == nil
}

// opKind is what a client does to an ad.
type opKind int

const (
	opPut opKind = iota
	opDelete
)

// adOp is one push of an ad: a PUT of revision rev, or its withdrawal.
type adOp struct {
	kind opKind
	rev  int
}

// adState is what the clients know of one ad: what jobgate confirmed
// (2xx) and, when a push failed after its retries, that push, which is
// sent again before anything else so the ledger knows the ad's state.
type adState struct {
	ref  string
	busy bool
	// id is jobgate's job id, from the first 2xx.
	id string
	// rev is the last revision sent; confirmed the last one answered 2xx.
	rev, confirmed int
	withdrawn      bool
	unsure         *adOp
	// pushedAt is when the last confirmed push was sent.
	pushedAt time.Time
}
