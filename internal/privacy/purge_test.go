package privacy_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/privacy"
	"github.com/jobgate/jobgate/internal/store"
)

// TestPurge (issue 14, build 4): applications older than their account's
// retention go with their files, delivery and queued task, counted first;
// an account on the default keeps its younger ones; an account deleting
// CVs some days after delivery loses the files of its delivered
// applications only; each account with deletions gets one audit line of
// counts; a second purge finds nothing.
func TestPurge(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		r := open(t, m, privacy.Options{DefaultRetentionDays: 365})
		short, long, cv := r.tenant(t), r.tenant(t), r.tenant(t)
		thirty, one := 30, 1
		_, err := r.env.Store.SetRetention(actx(), short.AccountID, &thirty, nil)
		require.NoError(t, err)
		_, err = r.env.Store.SetRetention(actx(), cv.AccountID, nil, &one)
		require.NoError(t, err)
		old1, old2 := r.apply(t, short, "o1", newPerson(), true), r.apply(t, short, "o2", newPerson(), true)
		require.NoError(t, r.env.Store.CompleteApplication(actx(), old1.Delivery.ID, 0, "ats-1"))
		young := r.apply(t, long, "y1", newPerson(), true)
		cvDelivered, cvPending := r.apply(t, cv, "c1", newPerson(), true), r.apply(t, cv, "c2", newPerson(), true)
		require.NoError(t, r.env.Store.CompleteApplication(actx(), cvDelivered.Delivery.ID, 0, "ats-2"))

		r.now = time.Now().Add(31 * 24 * time.Hour)
		report, err := r.svc.Purge(actx())
		require.NoError(t, err)
		got := map[string]privacy.AccountPurge{}
		for _, a := range report.Accounts {
			got[a.AccountID] = a
		}
		require.Equal(t, privacy.AccountPurge{AccountID: short.AccountID, RetentionDays: 30, Applications: 2}, got[short.AccountID])
		require.Equal(t, privacy.AccountPurge{AccountID: long.AccountID, RetentionDays: 365}, got[long.AccountID])
		require.Equal(t, privacy.AccountPurge{AccountID: cv.AccountID, RetentionDays: 365, Files: 1}, got[cv.AccountID])

		for _, res := range []store.ApplicationResult{old1, old2} {
			_, err := r.env.Store.GetApplication(actx(), res.Application.ID)
			require.ErrorIs(t, err, store.ErrNotFound)
			require.True(t, r.taskGone(t, res.Delivery))
		}
		_, err = r.env.Store.GetApplication(actx(), young.Application.ID)
		require.NoError(t, err)
		require.False(t, r.taskGone(t, young.Delivery))
		counts, err := r.env.Store.ApplicationCounts(actx(), short.AccountID)
		require.NoError(t, err)
		received, delivered := 0, 0
		for _, c := range counts {
			received, delivered = received+c.Received, delivered+c.Delivered
		}
		require.Equal(t, [2]int{2, 1}, [2]int{received, delivered}, "the counts stay")

		held, err := r.env.Store.HeldApplications(actx(), store.HeldQuery{AccountID: cv.AccountID, ApplicationID: cvDelivered.Application.ID})
		require.NoError(t, err)
		require.Empty(t, held[0].Documents)
		require.NotNil(t, held[0].FilesDeletedAt)
		_, docs, err := r.env.Store.LoadApplication(actx(), cvPending.Delivery.ID)
		require.NoError(t, err)
		require.Len(t, docs, 1, "files of an application not yet delivered stay")

		audit, err := r.env.Store.ListAudit(actx(), 100)
		require.NoError(t, err)
		var lines []string
		for _, e := range audit {
			if e.Action == "retention.purge" {
				lines = append(lines, e.Subject+" "+e.Detail)
			}
		}
		require.ElementsMatch(t, []string{short.AccountID + " applications=2 files=0 retention_days=30",
			cv.AccountID + " applications=0 files=1 retention_days=365"}, lines)

		again, err := r.svc.Purge(actx())
		require.NoError(t, err)
		apps, files := again.Totals()
		require.Zero(t, apps+files)
	})
}

// TestPurgerTakesTurns: of two workers' purgers sharing Redis, one purges
// an interval and the other leaves it; once the interval's lock is gone
// the next may purge.
func TestPurgerTakesTurns(t *testing.T) {
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		r := open(t, m, privacy.Options{})
		first := privacy.NewPurger(r.svc, r.qc.Redis, time.Hour)
		second := privacy.NewPurger(r.svc, r.qc.Redis, time.Hour)
		ran, _, err := first.Pass(context.Background())
		require.NoError(t, err)
		require.True(t, ran)
		ran, _, err = second.Pass(context.Background())
		require.NoError(t, err)
		require.False(t, ran, "the other worker purged this interval")
		ttl, err := r.qc.Redis.TTL(context.Background(), "jobgate:privacy:purge").Result()
		require.NoError(t, err)
		require.Greater(t, ttl, 59*time.Minute)
		require.NoError(t, r.qc.Redis.Del(context.Background(), "jobgate:privacy:purge").Err())
		ran, _, err = second.Pass(context.Background())
		require.NoError(t, err)
		require.True(t, ran)
	})
}
