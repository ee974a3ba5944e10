package sqlstore

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/internal/store"
)

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
