package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/internal/store"
)

// ListJobs lists the ads live on the board, newest first, a page at a time.
// The cursor is the last id of the previous page (ids sort by creation).
func (s *Store) ListJobs(ctx context.Context, q store.JobQuery) ([]store.AdRecord, string, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	var where []string
	args := []any{"board", store.PublicationLive, store.AdLive}
	add := func(cond, value string) {
		if value = strings.TrimSpace(value); value != "" {
			where = append(where, cond)
			args = append(args, value)
		}
	}
	add(`a.search_text LIKE ? ESCAPE '\'`, likePattern(q.Text))
	add(`a.location_text LIKE ? ESCAPE '\'`, likePattern(q.Location))
	add(`a.employer_text LIKE ? ESCAPE '\'`, likePattern(q.Employer))
	add(`a.id < ?`, q.Cursor)
	query := `SELECT ` + prefixed("a.", adColumns) + ` FROM ads a JOIN publications p ON p.ad_id = a.id AND p.channel = ? AND p.state = ? WHERE a.status = ?`
	for _, w := range where {
		query += " AND " + w
	}
	query += ` ORDER BY a.id DESC LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, "", fmt.Errorf("list jobs: %w", err)
	}
	defer rows.Close()
	var out []store.AdRecord
	for rows.Next() {
		a, err := scanAd(rows)
		if err != nil {
			return nil, "", fmt.Errorf("list jobs: %w", err)
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("list jobs: %w", err)
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
	}
	return out, next, nil
}

// likePattern makes a case-insensitive substring pattern of user text,
// escaping LIKE's wildcards. Empty text stays empty (no filter).
func likePattern(text string) string {
	text = strings.TrimSpace(text)
	if text == "" {
		return ""
	}
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(text)) + "%"
}

func prefixed(prefix, columns string) string {
	parts := strings.Split(columns, ", ")
	for i, p := range parts {
		parts[i] = prefix + p
	}
	return strings.Join(parts, ", ")
}
