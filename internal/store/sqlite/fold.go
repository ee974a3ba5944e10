package sqlite

import (
	"database/sql/driver"
	"strings"

	"modernc.org/sqlite"
)

// SQLite's lower() folds only ASCII letters: "Ålesund" would never equal
// "ålesund". jobgate_fold is Go's Unicode lower-casing, the same the
// ingest applies to the board's search text and Postgres's lower() does,
// so the board's place and category filters match alike on both stores.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction("jobgate_fold", 1, fold)
}

func fold(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	switch v := args[0].(type) {
	case string:
		return strings.ToLower(v), nil
	case []byte:
		return strings.ToLower(string(v)), nil
	default:
		// NULL (no such field) and numbers are compared as they are.
		return v, nil
	}
}
