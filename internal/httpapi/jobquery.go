package httpapi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/jobgate/jobgate/internal/ad"
	"github.com/jobgate/jobgate/internal/store"
)

// maxQueryParam bounds every text parameter of the listing and the feed.
const maxQueryParam = 200

// jobQuery reads the board listing's filters, shared by GET /v1/jobs and
// the RSS feed: q, location, employer, place, category, employment_type,
// extent, remote, sort, cursor and limit (defaultLimit when absent, at
// most maxLimit). It names every bad parameter at once.
func jobQuery(c *gin.Context, defaultLimit, maxLimit int) (store.JobQuery, []ad.FieldError) {
	q := store.JobQuery{Text: c.Query("q"), Location: c.Query("location"), Employer: c.Query("employer"),
		Place: c.Query("place"), Category: c.Query("category"), Cursor: c.Query("cursor"), Limit: defaultLimit,
		EmploymentType: c.Query("employment_type"), Extent: c.Query("extent"), Remote: c.Query("remote"), Sort: c.Query("sort")}
	var bad []ad.FieldError
	for name, v := range map[string]string{"q": q.Text, "location": q.Location, "employer": q.Employer, "place": q.Place, "category": q.Category, "cursor": q.Cursor} {
		if len(v) > maxQueryParam {
			bad = append(bad, ad.FieldError{Field: name, Code: "too_long", Message: fmt.Sprintf("must be at most %d bytes", maxQueryParam)})
		}
	}
	for _, e := range []struct {
		name, value string
		allowed     []string
	}{{"employment_type", q.EmploymentType, ad.EmploymentTypes}, {"extent", q.Extent, ad.Extents},
		{"remote", q.Remote, ad.RemoteModes}, {"sort", q.Sort, store.JobSorts}} {
		if e.value != "" && !slices.Contains(e.allowed, e.value) {
			bad = append(bad, ad.FieldError{Field: e.name, Code: "invalid_value", Message: "must be one of " + strings.Join(e.allowed, ", ")})
		}
	}
	if s := c.Query("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			bad = append(bad, ad.FieldError{Field: "limit", Code: "invalid_value", Message: fmt.Sprintf("must be an integer from 1 to %d", maxLimit)})
		}
		q.Limit = n
	}
	// The map's order is random; the answer's is not.
	slices.SortFunc(bad, func(a, b ad.FieldError) int { return strings.Compare(a.Field, b.Field) })
	return q, bad
}
