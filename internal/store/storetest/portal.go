package storetest

import (
	"errors"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/store"
)

// portalWorld is two accounts: in account A an ad on Kari's team (adKari)
// and one on nobody's (adOther), each with an application; in account B an
// ad whose team holds Kari's e-mail too (a stray team entry must not open
// another account's ad) with an application.
type portalWorld struct {
	inA, inB                   store.Integration
	adKari, adOther, adB       store.AdRecord
	appKari, appOther, appB    string
	accountA, accountB         string
	admin, kari, nobody, admB  store.Viewer
	kariUpper, noRole, noEmail store.Viewer
}

func newPortalWorld(t *testing.T, s store.Store) portalWorld {
	t.Helper()
	inA, inB := tenant(t, s), tenant(t, s)
	w := portalWorld{inA: inA, inB: inB, accountA: inA.AccountID, accountB: inB.AccountID}
	w.adKari = publish(t, s, write(inA, "kari-1", "Lagerarbeider"))
	w.adOther = publish(t, s, write(inA, "other-1", "Sjåfør"))
	w.adB = publish(t, s, write(inB, "b-1", "Kokk"))
	require.NoError(t, s.AddTeamMembers(ctx(), w.adKari.ID, []string{"kari@eksempel.no"}, store.TeamFromATS))
	require.NoError(t, s.AddTeamMembers(ctx(), w.adB.ID, []string{"kari@eksempel.no"}, store.TeamFromPortal))
	w.appKari = apply(t, s, inA, w.adKari.ID, "k1")
	w.appOther = apply(t, s, inA, w.adOther.ID, "o1")
	w.appB = apply(t, s, inB, w.adB.ID, "b1")
	w.admin = store.Viewer{AccountID: inA.AccountID, Email: "admin@eksempel.no", Role: store.ViewerAdmin}
	w.kari = store.Viewer{AccountID: inA.AccountID, Email: "kari@eksempel.no", Role: store.ViewerUser}
	w.kariUpper = store.Viewer{AccountID: inA.AccountID, Email: "Kari@Eksempel.NO", Role: store.ViewerUser}
	w.nobody = store.Viewer{AccountID: inA.AccountID, Email: "ola@eksempel.no", Role: store.ViewerUser}
	w.admB = store.Viewer{AccountID: inB.AccountID, Email: "admin@b.no", Role: store.ViewerAdmin}
	w.noRole = store.Viewer{AccountID: inA.AccountID, Email: "kari@eksempel.no", Role: "operator"}
	w.noEmail = store.Viewer{AccountID: inA.AccountID, Role: store.ViewerUser}
	return w
}

func apply(t *testing.T, s store.Store, in store.Integration, adID, content string) string {
	t.Helper()
	res, err := s.CreateApplication(ctx(), applicationWrite(in, adID, content, ""))
	require.NoError(t, err)
	return res.Application.ID
}

func adIDs(ads []store.PortalAd) []string {
	var out []string
	for _, a := range ads {
		out = append(out, a.Ad.ID)
	}
	slices.Sort(out)
	return out
}

func appIDs(apps []store.PortalApplication) []string {
	var out []string
	for _, a := range apps {
		out = append(out, a.Application.ID)
	}
	slices.Sort(out)
	return out
}

func sorted(ids ...string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return out
}

// testPortalVisibility: an admin sees its account's ads and applications,
// a user those of its teams (by e-mail, whatever its case), nobody
// anything of another account, and a viewer without a portal role or
// e-mail nothing; every unseen id is ErrNotFound.
func testPortalVisibility(t *testing.T, s store.Store) {
	w := newPortalWorld(t, s)
	for name, c := range map[string]struct {
		v          store.Viewer
		ads, apps  []string
		seen, hide []string
	}{
		"admin":         {w.admin, sorted(w.adKari.ID, w.adOther.ID), sorted(w.appKari, w.appOther), []string{w.appKari, w.appOther}, []string{w.appB}},
		"team member":   {w.kari, []string{w.adKari.ID}, []string{w.appKari}, []string{w.appKari}, []string{w.appOther, w.appB}},
		"member's case": {w.kariUpper, []string{w.adKari.ID}, []string{w.appKari}, []string{w.appKari}, []string{w.appOther, w.appB}},
		"outside team":  {w.nobody, nil, nil, nil, []string{w.appKari, w.appOther, w.appB}},
		"other account": {w.admB, []string{w.adB.ID}, []string{w.appB}, []string{w.appB}, []string{w.appKari, w.appOther}},
		"no role":       {w.noRole, nil, nil, nil, []string{w.appKari, w.appOther, w.appB}},
		"no e-mail":     {w.noEmail, nil, nil, nil, []string{w.appKari, w.appOther, w.appB}},
	} {
		t.Run(name, func(t *testing.T) {
			ads, _, err := s.PortalAds(ctx(), c.v, store.PortalQuery{})
			require.NoError(t, err)
			require.Equal(t, c.ads, adIDs(ads))
			apps, _, err := s.PortalApplications(ctx(), c.v, store.PortalQuery{})
			require.NoError(t, err)
			require.Equal(t, c.apps, appIDs(apps))
			for _, id := range c.seen {
				got, err := s.PortalApplication(ctx(), c.v, id)
				require.NoError(t, err)
				require.Equal(t, id, got.Application.ID)
				_, err = s.PortalDocument(ctx(), c.v, id, 0)
				require.NoError(t, err)
			}
			for _, id := range c.hide {
				_, err := s.PortalApplication(ctx(), c.v, id)
				require.ErrorIs(t, err, store.ErrNotFound, "application %s", id)
				_, err = s.PortalDocument(ctx(), c.v, id, 0)
				require.ErrorIs(t, err, store.ErrNotFound, "document of %s", id)
			}
			for _, ad := range []store.AdRecord{w.adKari, w.adOther, w.adB} {
				_, err := s.PortalAd(ctx(), c.v, ad.ID)
				require.Equal(t, slices.Contains(c.ads, ad.ID), err == nil, "ad %s: %v", ad.Reference, err)
				if err != nil {
					require.ErrorIs(t, err, store.ErrNotFound)
				}
				byAd, _, err := s.PortalApplications(ctx(), c.v, store.PortalQuery{AdID: ad.ID})
				require.NoError(t, err)
				require.Equal(t, slices.Contains(c.ads, ad.ID), len(byAd) == 1, "applications of ad %s", ad.Reference)
			}
		})
	}
}

// testPortalDetails: the ad carries its publications and application
// count; the application its ad, files' metadata and delivery ledger; a
// document its bytes; missing ids and sequence numbers are ErrNotFound.
func testPortalDetails(t *testing.T, s store.Store) {
	w := newPortalWorld(t, s)
	ad, err := s.PortalAd(ctx(), w.kari, w.adKari.ID)
	require.NoError(t, err)
	require.Equal(t, "Lagerarbeider", ad.Title)
	require.Equal(t, 1, ad.Applications)
	require.Len(t, ad.Ad.Publications, 1)
	require.Equal(t, store.PublicationLive, ad.Ad.Publications[0].State)
	ads, _, err := s.PortalAds(ctx(), w.admin, store.PortalQuery{})
	require.NoError(t, err)
	for _, a := range ads {
		require.Len(t, a.Ad.Publications, 1, "the list carries each ad's channels")
		require.Equal(t, 1, a.Applications)
	}

	app, err := s.PortalApplication(ctx(), w.kari, w.appKari)
	require.NoError(t, err)
	require.Equal(t, "Lagerarbeider", app.AdTitle)
	require.Equal(t, "kari-1", app.AdReference)
	require.Equal(t, store.KindApply, app.Delivery.Kind)
	require.Equal(t, store.DeliveryPending, app.Delivery.State)
	require.Nil(t, app.FilesDeletedAt)
	require.Len(t, app.Documents, 2)
	require.Equal(t, store.PortalFile{Seq: 0, Kind: "cv", FileName: "cv.pdf", ContentType: "application/pdf", Size: 12, SHA256: "s1"}, app.Documents[0])

	require.NoError(t, s.FailDelivery(ctx(), app.Delivery.ID, 0, store.Failure{Reason: "ats answered 503", CountsAttempt: true, NextAttemptAt: app.Delivery.NextAttemptAt}))
	app, err = s.PortalApplication(ctx(), w.kari, w.appKari)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryPending, app.Delivery.State)
	require.Equal(t, 1, app.Delivery.Attempts)
	require.Equal(t, "ats answered 503", app.Delivery.LastError)
	require.NoError(t, s.CompleteApplication(ctx(), app.Delivery.ID, 0, "ats-42"))
	app, err = s.PortalApplication(ctx(), w.kari, w.appKari)
	require.NoError(t, err)
	require.Equal(t, store.DeliveryDelivered, app.Delivery.State)
	require.Equal(t, 1, app.Delivery.Attempts)
	require.NotNil(t, app.Delivery.DeliveredAt)
	require.Equal(t, "ats-42", app.Application.ATSID)

	doc, err := s.PortalDocument(ctx(), w.kari, w.appKari, 1)
	require.NoError(t, err)
	require.Equal(t, []byte{0, 1, 2, 255}, doc.Data)
	require.Equal(t, "b.txt", doc.FileName)
	_, err = s.PortalDocument(ctx(), w.kari, w.appKari, 2)
	require.ErrorIs(t, err, store.ErrNotFound)
	_, err = s.PortalAd(ctx(), w.admin, "job_missing")
	require.ErrorIs(t, err, store.ErrNotFound)
	_, err = s.PortalApplication(ctx(), w.admin, "app_missing")
	require.ErrorIs(t, err, store.ErrNotFound)

	// Without candidate keys (applications stored before them) no other
	// application is the same candidate's.
	others, err := s.PortalCandidateApplications(ctx(), w.admin, w.appKari)
	require.NoError(t, err)
	require.Empty(t, others)
}

// testPortalPaging: pages are newest first, of the limit's size, and the
// cursor walks them without a gap or a repeat.
func testPortalPaging(t *testing.T, s store.Store) {
	in := tenant(t, s)
	ad := publish(t, s, write(in, "p-1", "Paged"))
	var want []string
	for i := range 5 {
		want = append(want, apply(t, s, in, ad.ID, "c"+string(rune('a'+i))))
	}
	v := store.Viewer{AccountID: in.AccountID, Email: "admin@eksempel.no", Role: store.ViewerAdmin}
	var got []string
	cursor := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, 4, "three pages of two hold five")
		page, next, err := s.PortalApplications(ctx(), v, store.PortalQuery{AdID: ad.ID, Cursor: cursor, Limit: 2})
		require.NoError(t, err)
		require.LessOrEqual(t, len(page), 2)
		for _, a := range page {
			got = append(got, a.Application.ID)
		}
		if next == "" {
			break
		}
		cursor = next
	}
	// Ids sort by creation (to the millisecond), so newest first is by id.
	slices.Sort(want)
	slices.Reverse(want)
	require.Equal(t, want, got, "newest first, each once")
}

// testPortalTeam: the portal's set replaces the portal-added members and
// leaves the ATS's recruiters; it needs an ad the viewer may see.
func testPortalTeam(t *testing.T, s store.Store) {
	w := newPortalWorld(t, s)
	require.NoError(t, s.AddTeamMembers(ctx(), w.adKari.ID, []string{"old@eksempel.no"}, store.TeamFromPortal))
	require.NoError(t, s.SetPortalTeam(ctx(), w.kari, w.adKari.ID, []string{"new@eksempel.no", "kari@eksempel.no"}))
	team, err := s.ListTeam(ctx(), w.adKari.ID)
	require.NoError(t, err)
	got := map[string]string{}
	for _, m := range team {
		got[m.Email] = m.Source
	}
	require.Equal(t, map[string]string{"kari@eksempel.no": store.TeamFromATS, "new@eksempel.no": store.TeamFromPortal}, got,
		"old (portal) is gone, kari stays as the ATS's")
	require.NoError(t, s.SetPortalTeam(ctx(), w.admin, w.adKari.ID, nil))
	team, err = s.ListTeam(ctx(), w.adKari.ID)
	require.NoError(t, err)
	require.Len(t, team, 1, "an empty set leaves the ATS's recruiter")

	for name, v := range map[string]store.Viewer{"outside team": w.nobody, "other account": w.admB} {
		err := s.SetPortalTeam(ctx(), v, w.adKari.ID, []string{"intruder@eksempel.no"})
		require.True(t, errors.Is(err, store.ErrNotFound), "%s: %v", name, err)
	}
	team, err = s.ListTeam(ctx(), w.adKari.ID)
	require.NoError(t, err)
	require.Len(t, team, 1, "refused changes change nothing")
}
