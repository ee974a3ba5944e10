package sqlstore

import (
	"context"
	"fmt"
	"strconv"
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

// jobFilter collects a listing's conditions and their arguments.
type jobFilter struct {
	where []string
	args  []any
	// pg is true on Postgres, whose JSON functions differ from SQLite's.
	pg bool
}

// add adds cond with its one argument, unless value is empty (no filter).
func (f *jobFilter) add(cond, value string) {
	if value = strings.TrimSpace(value); value != "" {
		f.where = append(f.where, cond)
		f.args = append(f.args, value)
	}
}

// field is the expression of a top-level string field of the ad's
// canonical JSON (content).
func (f *jobFilter) field(name string) string {
	if f.pg {
		return `(a.content::jsonb ->> '` + name + `')`
	}
	return `json_extract(a.content, '$.` + name + `')`
}

// place matches a location's city, municipality, county or country as a
// whole (case folded), or its postal code without spaces. The folding is
// Unicode's on both databases: SQLite's lower() folds only ASCII, so
// SQLite runs jobgate_fold (registered by internal/store/sqlite).
func (f *jobFilter) place(value string) {
	value = strings.Join(strings.Fields(value), " ")
	if value == "" {
		return
	}
	cond := `EXISTS (SELECT 1 FROM json_each(a.content, '$.locations') l WHERE ? IN (jobgate_fold(json_extract(l.value, '$.city')),
		jobgate_fold(json_extract(l.value, '$.municipality')), jobgate_fold(json_extract(l.value, '$.county')),
		jobgate_fold(json_extract(l.value, '$.country'))) OR replace(json_extract(l.value, '$.postal_code'), ' ', '') = ?)`
	if f.pg {
		cond = `EXISTS (SELECT 1 FROM jsonb_array_elements(a.content::jsonb -> 'locations') l(value) WHERE ? IN (lower(l.value ->> 'city'),
			lower(l.value ->> 'municipality'), lower(l.value ->> 'county'), lower(l.value ->> 'country')) OR replace(l.value ->> 'postal_code', ' ', '') = ?)`
	}
	f.where = append(f.where, cond)
	f.args = append(f.args, strings.ToLower(value), strings.ReplaceAll(value, " ", ""))
}

// category matches one of the ad's categories as a whole, case folded.
func (f *jobFilter) category(value string) {
	value = strings.Join(strings.Fields(value), " ")
	if value == "" {
		return
	}
	cond := `EXISTS (SELECT 1 FROM json_each(a.content, '$.categories') c WHERE jobgate_fold(c.value) = ?)`
	if f.pg {
		cond = `EXISTS (SELECT 1 FROM jsonb_array_elements_text(a.content::jsonb -> 'categories') c(value) WHERE lower(c.value) = ?)`
	}
	f.where = append(f.where, cond)
	f.args = append(f.args, strings.ToLower(value))
}

// after continues the deadline sort behind the cursor's row.
func (f *jobFilter) after(c deadlineCursor) {
	if c.end == nil {
		f.where = append(f.where, `(a.deadline_end IS NULL AND a.id < ?)`)
		f.args = append(f.args, c.id)
		return
	}
	f.where = append(f.where, `(a.deadline_end > ? OR (a.deadline_end = ? AND a.id < ?) OR a.deadline_end IS NULL)`)
	f.args = append(f.args, *c.end, *c.end, c.id)
}

// deadlineCursor is where a page of the deadline sort ended: the last
// ad's deadline end (Unix microseconds, nil for none) and id, written
// "d<end>.<id>" or "n.<id>".
type deadlineCursor struct {
	end *int64
	id  string
}

// String is the cursor as ListJobs hands it out.
func (c deadlineCursor) String() string {
	if c.end == nil {
		return "n." + c.id
	}
	return "d" + strconv.FormatInt(*c.end, 10) + "." + c.id
}

func parseDeadlineCursor(s string) (deadlineCursor, error) {
	head, id, ok := strings.Cut(s, ".")
	if !ok || id == "" || head == "" {
		return deadlineCursor{}, fmt.Errorf("cursor %q: %w", s, store.ErrInvalidCursor)
	}
	if head == "n" {
		return deadlineCursor{id: id}, nil
	}
	end, err := strconv.ParseInt(strings.TrimPrefix(head, "d"), 10, 64)
	if err != nil || head[0] != 'd' {
		return deadlineCursor{}, fmt.Errorf("cursor %q: %w", s, store.ErrInvalidCursor)
	}
	return deadlineCursor{end: &end, id: id}, nil
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
