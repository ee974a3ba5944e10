// Package registry is the one place that names every connector. Adding a
// vendor means adding its package and one line here; nothing registers
// itself in init().
package registry

import (
	"fmt"
	"sort"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/connectors/generic"
	"github.com/jobgate/jobgate/connectors/workbuster"
)

// Sources returns every source connector, by name.
func Sources() map[string]connectors.Connector {
	all := []connectors.Connector{
		generic.New(),
		workbuster.New(),
	}
	out := make(map[string]connectors.Connector, len(all))
	for _, c := range all {
		out[c.Name()] = c
	}
	return out
}

// Source returns the named source connector.
func Source(name string) (connectors.Connector, error) {
	c, ok := Sources()[name]
	if !ok {
		return nil, fmt.Errorf("unknown vendor %q (known: %v)", name, Names())
	}
	return c, nil
}

// Names lists the source connectors' names, sorted.
func Names() []string {
	var names []string
	for n := range Sources() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
