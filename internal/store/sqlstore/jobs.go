package sqlstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/jobgate/jobgate/internal/ids"
	"github.com/jobgate/jobgate/internal/store"
)

// ListJobs lists the ads live on the board a page at a time, newest first
// or by deadline (store.JobQuery.Sort). The newest sort's cursor is the
// last id of the previous page (ids sort by creation); the deadline
// sort's is that page's last deadline end and id (deadlineCursor).
func (s *Store) ListJobs(ctx context.Context, q store.JobQuery) ([]store.AdRecord, string, error) {
	limit := q.Limit
	if limit <= 0 {
		limit = 20
	}
	query, args, err := s.jobsQuery(q, limit)
	if err != nil {
		return nil, "", fmt.Errorf("list jobs: %w", err)
	}
	rows, err := s.query(ctx, query, args...)
	if err != nil {
		return nil, "", fmt.Errorf("list jobs: %w", err)
	}
	defer rows.Close()
	var out []store.AdRecord
	var ends []*int64
	for rows.Next() {
		var a store.AdRecord
		var end *int64
		dest, done := adDest(&a)
		if err := rows.Scan(append(dest, &end)...); err != nil {
			return nil, "", fmt.Errorf("list jobs: %w", err)
		}
		done()
		out, ends = append(out, a), append(ends, end)
	}
	if err := rows.Err(); err != nil {
		return nil, "", fmt.Errorf("list jobs: %w", err)
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		next = out[limit-1].ID
		if q.Sort == store.SortDeadline {
			next = deadlineCursor{end: ends[limit-1], id: next}.String()
		}
	}
	return out, next, nil
}

// jobsQuery builds ListJobs' statement and its arguments.
func (s *Store) jobsQuery(q store.JobQuery, limit int) (string, []any, error) {
	f := jobFilter{args: []any{"board", store.PublicationLive, store.AdLive}, pg: s.dialect.Name == "postgres"}
	f.add(`a.search_text LIKE ? ESCAPE '\'`, likePattern(q.Text))
	f.add(`a.location_text LIKE ? ESCAPE '\'`, likePattern(q.Location))
	f.add(`a.employer_text LIKE ? ESCAPE '\'`, likePattern(q.Employer))
	f.place(q.Place)
	f.category(q.Category)
	f.add(f.field("employment_type")+` = ?`, q.EmploymentType)
	f.add(f.field("extent")+` = ?`, q.Extent)
	f.add(`COALESCE(`+f.field("remote")+`, 'none') = ?`, q.Remote)
	order := ` ORDER BY a.id DESC`
	switch q.Sort {
	case "", store.SortNewest:
		if q.Cursor != "" && !strings.HasPrefix(q.Cursor, ids.Ad+"_") {
			return "", nil, fmt.Errorf("cursor %q: %w", q.Cursor, store.ErrInvalidCursor)
		}
		f.add(`a.id < ?`, q.Cursor)
	case store.SortDeadline:
		// The ads without a deadline come last; among equal deadlines the
		// newest first, as in the default sort.
		order = ` ORDER BY (a.deadline_end IS NULL), a.deadline_end, a.id DESC`
		if q.Cursor != "" {
			c, err := parseDeadlineCursor(q.Cursor)
			if err != nil {
				return "", nil, err
			}
			f.after(c)
		}
	default:
		return "", nil, fmt.Errorf("sort %q: %w", q.Sort, store.ErrInvalidCursor)
	}
	query := `SELECT ` + prefixed("a.", adColumns) + `, a.deadline_end FROM ads a JOIN publications p ON p.ad_id = a.id AND p.channel = ? AND p.state = ? WHERE a.status = ?`
	for _, w := range f.where {
		query += " AND " + w
	}
	return query + order + ` LIMIT ?`, append(f.args, limit+1), nil
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
