package console

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"

	"github.com/gin-gonic/gin"
)

// Shapes a list page's filter values must have: an id as ids issues them,
// a channel or destination name.
var (
	idShape   = regexp.MustCompile(`^[a-z]{3}_[0-9a-z]{26}$`)
	nameShape = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]{0,39}$`)
)

// filter is one query field a list page filters by: its value must be one
// of Allowed, or, without Allowed, have Shape.
type filter struct {
	Field   string
	Allowed []string
	Shape   *regexp.Regexp
}

// readFilters reads the filters of a list page (from the query, or from
// a POSTed form) and the page cursor. A value that is not allowed is
// answered 400 bad_filter naming the field (never the value), and
// readFilters reports false.
func (o *Console) readFilters(c *gin.Context, fs ...filter) (url.Values, bool) {
	out := url.Values{}
	for _, f := range append(fs, filter{Field: "cursor", Shape: idShape}) {
		v := formOrQuery(c, f.Field)
		if v == "" {
			continue
		}
		ok := slices.Contains(f.Allowed, v)
		if f.Allowed == nil {
			ok = f.Shape.MatchString(v)
		}
		if !ok {
			o.renderError(c, http.StatusBadRequest, "bad_filter", "The filter "+f.Field+" has a value this page does not know; choose one of the list.")
			return nil, false
		}
		out.Set(f.Field, v)
	}
	return out, true
}

// formOrQuery is a POSTed form's field, or the query's on other methods.
func formOrQuery(c *gin.Context, field string) string {
	if c.Request.Method == http.MethodPost {
		return c.PostForm(field)
	}
	return c.Query(field)
}

// pageLink is the link to the next page of a list filtered by f: the
// list's path with the filters and cursor; "" without a next page.
func pageLink(path string, f url.Values, next string) string {
	if next == "" {
		return ""
	}
	q := url.Values{}
	for k, v := range f {
		q[k] = v
	}
	q.Set("cursor", next)
	return path + "?" + q.Encode()
}

// option is an entry of a filter's select.
type option struct {
	Value, Label string
	Selected     bool
}

// selectField is a filter's select: its field, label and entries.
type selectField struct {
	Field, Label string
	Options      []option
}

// choice makes the select of field, labelled label, of values, with the
// empty "any" entry first and the one equal to f's value selected.
func choice(f url.Values, field, label string, values ...string) selectField {
	current := f.Get(field)
	out := []option{{Value: "", Label: "Any", Selected: current == ""}}
	for _, v := range values {
		out = append(out, option{Value: v, Label: v, Selected: v == current})
	}
	return selectField{Field: field, Label: label, Options: out}
}
