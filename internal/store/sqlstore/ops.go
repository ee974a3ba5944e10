package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/internal/store"
)

// opsPage is the console's default page size.
const opsPage = 50

// conditions builds a WHERE clause of the filters that are set.
type conditions struct {
	where []string
	args  []any
}

// add keeps rows where cond (one placeholder) holds for value, unless
// value is empty.
func (c *conditions) add(cond, value string) {
	if value != "" {
		c.where = append(c.where, cond)
		c.args = append(c.args, value)
	}
}

// sql is " WHERE a AND b ..." or "".
func (c *conditions) sql() string {
	if len(c.where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.where, " AND ")
}

// opsLimit is limit, or the console's page size.
func opsLimit(limit int) int {
	if limit <= 0 {
		return opsPage
	}
	return limit
}

// ListAdSummaries lists ads newest first with their publications.
func (s *Store) ListAdSummaries(ctx context.Context, f store.AdFilter) ([]store.AdSummary, string, error) {
	limit := opsLimit(f.Limit)
	var c conditions
	c.add(`a.integration_id = ?`, f.IntegrationID)
	c.add(`a.status = ?`, f.Status)
	switch {
	case f.Channel != "" && f.ChannelState != "":
		c.where = append(c.where, `EXISTS (SELECT 1 FROM publications p WHERE p.ad_id = a.id AND p.channel = ? AND p.state = ?)`)
		c.args = append(c.args, f.Channel, f.ChannelState)
	case f.Channel != "":
		c.add(`EXISTS (SELECT 1 FROM publications p WHERE p.ad_id = a.id AND p.channel = ?)`, f.Channel)
	default:
		c.add(`EXISTS (SELECT 1 FROM publications p WHERE p.ad_id = a.id AND p.state = ?)`, f.ChannelState)
	}
	c.add(`a.id < ?`, f.Cursor)
	query := `SELECT a.id, a.account_id, a.integration_id, a.reference, a.title, a.status, a.revision, a.created_at, a.updated_at FROM ads a` +
		c.sql() + ` ORDER BY a.id DESC LIMIT ?`
	ads, err := queryRows(ctx, s, "list ad summaries", query, append(c.args, limit+1), func(r scanner, a *store.AdSummary) error {
		var created, updated int64
		err := r.Scan(&a.ID, &a.AccountID, &a.IntegrationID, &a.Reference, &a.Title, &a.Status, &a.Revision, &created, &updated)
		a.CreatedAt, a.UpdatedAt = fromUS(created), fromUS(updated)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	ads, next := cutPage(ads, limit, func(a store.AdSummary) string { return a.ID })
	if err := s.attachSummaryPublications(ctx, ads); err != nil {
		return nil, "", err
	}
	return ads, next, nil
}

// attachSummaryPublications reads the publications of ads in one query.
func (s *Store) attachSummaryPublications(ctx context.Context, ads []store.AdSummary) error {
	if len(ads) == 0 {
		return nil
	}
	at := make(map[string]int, len(ads))
	args := make([]any, len(ads))
	for i, a := range ads {
		at[a.ID], args[i] = i, a.ID
	}
	pubs, err := s.queryPublications(ctx, "list ad summaries", `SELECT `+publicationColumns+` FROM publications WHERE ad_id IN (?`+
		strings.Repeat(", ?", len(ads)-1)+`) ORDER BY ad_id, channel`, args...)
	if err != nil {
		return err
	}
	for _, p := range pubs {
		a := &ads[at[p.AdID]]
		a.Publications = append(a.Publications, p)
	}
	return nil
}

// deliveryConditions are the conditions of a DeliveryQuery but its cursor.
func deliveryConditions(f store.DeliveryQuery) *conditions {
	c := &conditions{}
	c.add(`id = ?`, f.ID)
	c.add(`state = ?`, f.State)
	c.add(`kind = ?`, f.Kind)
	c.add(`channel = ?`, f.Channel)
	c.add(`integration_id = ?`, f.IntegrationID)
	c.add(`ad_id = ?`, f.AdID)
	return c
}

// FindDeliveries lists deliveries newest first.
func (s *Store) FindDeliveries(ctx context.Context, f store.DeliveryQuery) ([]store.Delivery, string, error) {
	limit := opsLimit(f.Limit)
	c := deliveryConditions(f)
	c.add(`id < ?`, f.Cursor)
	ds, err := s.queryDeliveries(ctx, "find deliveries", `SELECT `+deliveryColumns+` FROM deliveries`+c.sql()+` ORDER BY id DESC LIMIT ?`,
		append(c.args, limit+1)...)
	if err != nil {
		return nil, "", err
	}
	ds, next := cutPage(ds, limit, func(d store.Delivery) string { return d.ID })
	return ds, next, nil
}

// ReplayDeadDeliveries replays the dead deliveries f matches.
func (s *Store) ReplayDeadDeliveries(ctx context.Context, f store.DeliveryQuery) ([]store.Delivery, error) {
	f.State = store.DeliveryDead
	c := deliveryConditions(f)
	var out []store.Delivery
	err := s.commit(ctx, func(tx *sql.Tx) error {
		out = nil
		dead, err := s.txStrings(ctx, tx, `SELECT id FROM deliveries`+c.sql()+` ORDER BY id`, c.args...)
		if err != nil {
			return err
		}
		for _, id := range dead {
			d, err := s.replay(ctx, tx, id)
			if err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("replay dead deliveries: %w", err)
	}
	return out, nil
}

// txStrings reads a query's one text column in tx.
func (s *Store) txStrings(ctx context.Context, tx *sql.Tx, query string, args ...any) ([]string, error) {
	rows, err := s.txQuery(ctx, tx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ListApplicationStates lists applications newest first with their
// delivery's state; it never reads their content.
func (s *Store) ListApplicationStates(ctx context.Context, f store.ApplicationQuery) ([]store.ApplicationState, string, error) {
	limit := opsLimit(f.Limit)
	var c conditions
	c.add(`ap.id = ?`, f.ID)
	c.add(`d.state = ?`, f.State)
	c.add(`ap.integration_id = ?`, f.IntegrationID)
	c.add(`ap.id < ?`, f.Cursor)
	query := `SELECT ap.id, ap.account_id, ap.integration_id, ap.ad_id, a.title, ap.applier, ap.delivery_id, d.state, d.attempts, d.last_error,
		ap.created_at, ap.delivered_at
		FROM applications ap JOIN deliveries d ON d.id = ap.delivery_id JOIN ads a ON a.id = ap.ad_id` + c.sql() + ` ORDER BY ap.id DESC LIMIT ?`
	apps, err := queryRows(ctx, s, "list application states", query, append(c.args, limit+1), func(r scanner, a *store.ApplicationState) error {
		var created int64
		var delivered sql.NullInt64
		err := r.Scan(&a.ID, &a.AccountID, &a.IntegrationID, &a.AdID, &a.JobTitle, &a.Applier, &a.DeliveryID, &a.State, &a.Attempts, &a.LastError,
			&created, &delivered)
		a.CreatedAt, a.DeliveredAt = fromUS(created), fromNullUS(delivered)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	apps, next := cutPage(apps, limit, func(a store.ApplicationState) string { return a.ID })
	return apps, next, nil
}
