package finn

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

var (
	reComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	reElement = regexp.MustCompile(`<!ELEMENT\s+(\S+)\s+([^>]*)>`)
	reToken   = regexp.MustCompile(`[A-Za-z0-9_.#-]+|[(),|?*+]`)
)

// dtdModels reads the <!ELEMENT> content models of FINN's 7.1 DTDs, with
// whitespace removed: "(PARTNER,PROVIDER?,...)".
func dtdModels(t *testing.T) map[string]string {
	t.Helper()
	models := map[string]string{}
	for _, f := range []string{"IADIF-job71.dtd", "IADIF-objecthead21.dtd", "IADIF-head20.dtd"} {
		b, err := os.ReadFile(filepath.Join(testdata, "dtd", f))
		require.NoError(t, err)
		for _, m := range reElement.FindAllStringSubmatch(reComment.ReplaceAllString(string(b), ""), -1) {
			models[m[1]] = strings.Join(strings.Fields(m[2]), "")
		}
	}
	require.Contains(t, models, "JOB_EXECUTIVE")
	return models
}

// edits80 are FINN-UPD's 8.0 changes as edits of the 7.1 models, the new
// elements where §2.8 places them ([I]); each must apply.
var edits80 = []struct{ element, old, new string }{
	{"HEAD", ",UPLOAD_REFERENCE?,EMAIL_FEEDBACK?,FEEDBACK_LEVEL?", ""},
	{"OBJECT_HEAD", "PROVIDER_REFERENCE?,", ""},
	{"OBJECT_HEAD", "VERSIONNO?,", ""},
	{"OBJECT_HEAD", ",SEGMENT?", ""},
	{"OBJECT_LOCATION", ",ADDRESS2?,ADDRESS3?,ADDRESS4?,MAP_COORDINATE?", ""},
}

// bodyEdits80 apply to JOB, JOB_EXECUTIVE and JOB_PARTTIME alike.
var bodyEdits80 = []struct{ old, new string }{
	{"JOB_CATEGORY+", "OCCUPATION+,INDUSTRY?"},
	{"APPLICATION_ADDRESS*,COMPANY*", "COMPANY"},
	{"JOB_CONTACT*", "JOB_CONTACT+"},
	{"MOREINFO*", "APPLICATION_URL"},
}

// jobModels are the 8.0 models as far as FINN-UPD and §2.8 tell them.
func jobModels(t *testing.T) map[string]string {
	models := dtdModels(t)
	apply := func(element, old, new string) {
		require.Contains(t, models[element], old, "the 7.1 DTD changed under the 8.0 edit of %s", element)
		models[element] = strings.Replace(models[element], old, new, 1)
	}
	for _, e := range edits80 {
		apply(e.element, e.old, e.new)
	}
	for _, body := range []string{"JOB", "JOB_EXECUTIVE", "JOB_PARTTIME"} {
		for _, e := range bodyEdits80 {
			apply(body, e.old, e.new)
		}
	}
	// At least one of GENERAL and SPECIALIZATION (FINN-UPD).
	models["OCCUPATION"] = "((GENERAL,SPECIALIZATION?)|SPECIALIZATION)"
	for _, e := range []string{"GENERAL", "SPECIALIZATION", "INDUSTRY", "APPLICATION_URL"} {
		models[e] = "(#PCDATA)"
	}
	return models
}

// stopModels are the STOP document's structure as FINN-SDK's StopXml.php
// builds it (its DTD is not public).
func stopModels() map[string]string {
	return map[string]string{"IAD.IF.STOP": "(HEAD,OBJECT)", "HEAD": "(PARTNER,PROVIDER?)", "OBJECT": "(OBJECT_HEAD)",
		"OBJECT_HEAD": "(ORDERNO,PROVIDER_REFERENCE?)", "PARTNER": "(#PCDATA)", "PROVIDER": "(#PCDATA)",
		"ORDERNO": "(#PCDATA)", "PROVIDER_REFERENCE": "(#PCDATA)"}
}

// TestCheckOrderRefuses shows the checker fails documents out of order.
func TestCheckOrderRefuses(t *testing.T) {
	_, doc := goldenDocument(t, loadFixture(t, filepath.Join(testdata, "ads", "full.json")))
	models := jobModels(t)
	require.NoError(t, checkOrder(doc, models))
	swapped := bytes.Replace(doc, []byte("<SECTOR>private</SECTOR>"), nil, 1)
	swapped = bytes.Replace(swapped, []byte("<DURATION>"), []byte("<SECTOR>private</SECTOR><DURATION>"), 1)
	require.ErrorContains(t, checkOrder(swapped, models), "does not match")
	extra := bytes.Replace(doc, []byte("<HEADING>"), []byte("<SEGMENT INDICATOR=\"trade\"/><HEADING>"), 1)
	require.ErrorContains(t, checkOrder(extra, models), "does not match")
	urls := bytes.Replace(doc, []byte(`MODUS="no"`), []byte(`MODUS="urls"`), 1)
	require.ErrorContains(t, checkOrder(urls, models), "MODUS")
	require.ErrorContains(t, checkOrder([]byte("<IAD.IF.JOB><BOGUS/></IAD.IF.JOB>"), models), "not declared")
}
