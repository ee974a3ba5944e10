package storetest

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// testPortalCandidate: a candidate's other applications (the same
// candidate key) are those the viewer may see too: the admin sees the one
// to the account's other ad, the team member of one ad none, the other
// account none of this one's; an application without a key has none.
func testPortalCandidate(t *testing.T, s store.Store) {
	w := newPortalWorld(t, s)
	keyed := func(in store.Integration, adID, content, key string) string {
		aw := applicationWrite(in, adID, content, "")
		aw.CandidateKey = key
		res, err := s.CreateApplication(ctx(), aw)
		require.NoError(t, err)
		return res.Application.ID
	}
	onKari := keyed(w.inA, w.adKari.ID, "c1", "candidate-1")
	onOther := keyed(w.inA, w.adOther.ID, "c2", "candidate-1")
	onB := keyed(w.inB, w.adB.ID, "c3", "candidate-1")
	keyed(w.inA, w.adOther.ID, "c4", "candidate-2")
	for name, c := range map[string]struct {
		v    store.Viewer
		app  string
		want []string
	}{
		"admin":         {w.admin, onKari, []string{onOther}},
		"team member":   {w.kari, onKari, nil},
		"other account": {w.admB, onB, nil},
		"no key":        {w.admin, w.appKari, nil},
		"unseen":        {w.nobody, onKari, nil},
	} {
		got, err := s.PortalCandidateApplications(ctx(), c.v, c.app)
		require.NoError(t, err, name)
		require.Equal(t, c.want, appIDs(got), name)
	}
}
