package finn

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/outbound"
)

func TestNew(t *testing.T) {
	_, err := New(Config{})
	require.ErrorContains(t, err, "PartnerID is required")
	_, err = New(Config{PartnerID: "p", BaseURL: "import.finn.no"})
	require.ErrorContains(t, err, "BaseURL")
	_, err = New(Config{PartnerID: "p", JobDTD: `x" SYSTEM "y`})
	require.ErrorContains(t, err, "DTD")
	c, err := New(Config{PartnerID: " p "})
	require.NoError(t, err)
	require.Equal(t, "https://www.finn.no/finn/import/fileimport", c.importURL)
	require.Equal(t, "finn", c.Name())
	require.Same(t, outbound.Default(), c.out, "no client given: the strict default")
	c, err = New(Config{PartnerID: "p", BaseURL: "https://import.finn.no/finn/import/fileimport"})
	require.NoError(t, err)
	require.Equal(t, "https://import.finn.no/finn/import/fileimport", c.importURL, "a full import URL is kept")
	c, err = New(Config{PartnerID: "p", BaseURL: "http://sim:8080/finn/", ImportPath: "upload"})
	require.NoError(t, err)
	require.Equal(t, "http://sim:8080/finn/upload", c.importURL)
}
