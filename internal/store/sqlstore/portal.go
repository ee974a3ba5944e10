package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/jobgate/jobgate/internal/store"
)

// visible is the SQL condition under which v may see the ad aliased ad,
// with its arguments: an admin sees its account's ads, a user those of its
// account whose team holds its e-mail, anyone else nothing. Every portal
// read filters by it in the query, never after loading.
func visible(ad string, v store.Viewer) (string, []any) {
	email := strings.ToLower(strings.TrimSpace(v.Email))
	switch {
	case v.AccountID == "":
		return "1 = 0", nil
	case v.Role == store.ViewerAdmin:
		return ad + ".account_id = ?", []any{v.AccountID}
	case v.Role == store.ViewerUser && email != "":
		return ad + ".account_id = ? AND EXISTS (SELECT 1 FROM ad_team vt WHERE vt.ad_id = " + ad + ".id AND vt.email = ?)",
			[]any{v.AccountID, email}
	}
	return "1 = 0", nil
}

// pageLimit is a PortalQuery's page size.
func pageLimit(q store.PortalQuery) int {
	switch {
	case q.Limit <= 0:
		return 50
	case q.Limit > 200:
		return 200
	}
	return q.Limit
}

const portalAdSelect = `SELECT a.id, a.account_id, a.integration_id, a.reference, a.status, a.revision, a.hash, a.content, a.apply_mode, a.apply_url,
	a.created_at, a.updated_at, a.warnings, a.title, (SELECT count(*) FROM applications c WHERE c.ad_id = a.id) FROM ads a WHERE `

// PortalAds lists the ads v may see, newest first, a page at a time.
func (s *Store) PortalAds(ctx context.Context, v store.Viewer, q store.PortalQuery) ([]store.PortalAd, string, error) {
	cond, args := visible("a", v)
	if q.Cursor != "" {
		cond += " AND a.id < ?"
		args = append(args, q.Cursor)
	}
	limit := pageLimit(q)
	rows, err := s.query(ctx, portalAdSelect+cond+` ORDER BY a.id DESC LIMIT ?`, append(args, limit+1)...)
	if err != nil {
		return nil, "", fmt.Errorf("portal ads: %w", err)
	}
	defer rows.Close()
	var out []store.PortalAd
	for rows.Next() {
		a, err := scanPortalAd(rows)
		if err != nil {
			return nil, "", fmt.Errorf("portal ads: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("portal ads: %w", err)
	}
	out, next := cutPage(out, limit, func(a store.PortalAd) string { return a.Ad.ID })
	return out, next, s.attachPublications(ctx, v, out)
}

// PortalAd returns one ad v may see.
func (s *Store) PortalAd(ctx context.Context, v store.Viewer, adID string) (store.PortalAd, error) {
	cond, args := visible("a", v)
	a, err := scanPortalAd(s.queryRow(ctx, portalAdSelect+"a.id = ? AND "+cond, append([]any{adID}, args...)...))
	if err != nil {
		return a, notFound("portal ad", err)
	}
	a.Ad.Publications, err = s.publications(ctx, a.Ad.ID)
	return a, err
}

func scanPortalAd(r scanner) (store.PortalAd, error) {
	var a store.PortalAd
	dest, done := adDest(&a.Ad)
	err := r.Scan(append(dest, &a.Title, &a.Applications)...)
	done()
	return a, err
}

// attachPublications fills the ads' publications in one query: those of
// the visible ads whose ids lie between the page's first and last (the
// page is a run of ids, newest first), so the statement is the same
// whatever the page's size.
func (s *Store) attachPublications(ctx context.Context, v store.Viewer, ads []store.PortalAd) error {
	if len(ads) == 0 {
		return nil
	}
	at := make(map[string]int, len(ads))
	for i, a := range ads {
		at[a.Ad.ID] = i
	}
	cond, args := visible("a", v)
	pubs, err := s.queryPublications(ctx, "portal publications", `SELECT `+prefixed("p.", publicationColumns)+` FROM publications p JOIN ads a ON a.id = p.ad_id
		WHERE a.id <= ? AND a.id >= ? AND `+cond+` ORDER BY p.ad_id, p.channel`, append([]any{ads[0].Ad.ID, ads[len(ads)-1].Ad.ID}, args...)...)
	for _, p := range pubs {
		if i, ok := at[p.AdID]; ok {
			ads[i].Ad.Publications = append(ads[i].Ad.Publications, p)
		}
	}
	return err
}

// cutPage trims a page read with one row too many and returns the next
// cursor: the last kept row's id, or "" on the last page.
func cutPage[T any](rows []T, limit int, id func(T) string) ([]T, string) {
	if len(rows) <= limit {
		return rows, ""
	}
	rows = rows[:limit]
	return rows, id(rows[limit-1])
}

// SetPortalTeam makes emails the ad's portal-added members, leaving the
// members the ATS names; the ad must be one v may see.
func (s *Store) SetPortalTeam(ctx context.Context, v store.Viewer, adID string, emails []string) error {
	cond, args := visible("a", v)
	err := s.commit(ctx, func(tx *sql.Tx) error {
		var n int
		if err := s.txQueryRow(ctx, tx, `SELECT count(*) FROM ads a WHERE a.id = ? AND `+cond, append([]any{adID}, args...)...).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("ad %s: %w", adID, store.ErrNotFound)
		}
		keep := make(map[string]bool, len(emails))
		now := us(time.Now())
		for _, e := range emails {
			keep[e] = true
			if _, err := s.txExec(ctx, tx, `INSERT INTO ad_team (ad_id, email, source, added_at) VALUES (?, ?, ?, ?) ON CONFLICT (ad_id, email) DO NOTHING`,
				adID, e, store.TeamFromPortal, now); err != nil {
				return err
			}
		}
		removed, err := s.removePortalMembers(ctx, tx, adID, keep)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, "team.set", adID, fmt.Sprintf("members=%d removed=%d", len(keep), removed))
	})
	if err != nil {
		return fmt.Errorf("set portal team: %w", err)
	}
	return nil
}

// removePortalMembers deletes the ad's portal-added members not in keep.
func (s *Store) removePortalMembers(ctx context.Context, tx *sql.Tx, adID string, keep map[string]bool) (int, error) {
	rows, err := s.txQuery(ctx, tx, `SELECT email FROM ad_team WHERE ad_id = ? AND source = ?`, adID, store.TeamFromPortal)
	if err != nil {
		return 0, err
	}
	var drop []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			rows.Close()
			return 0, err
		}
		if !keep[e] {
			drop = append(drop, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, e := range drop {
		if _, err := s.txExec(ctx, tx, `DELETE FROM ad_team WHERE ad_id = ? AND email = ?`, adID, e); err != nil {
			return 0, err
		}
	}
	return len(drop), nil
}
