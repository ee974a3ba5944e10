package sqlstore

import "strings"

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
