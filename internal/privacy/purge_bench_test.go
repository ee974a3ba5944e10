package privacy_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/privacy"
)

// BenchmarkPurge measures the retention purge: b.N applications (each
// with a CV, its delivery and its queued task) past their retention are
// deleted, counted and compacted in one Purge, reported as applications
// purged a second. With the JOBGATE_TEST_* variables set it runs on
// Postgres and Redis too:
//
//	go test -run '^$' -bench Purge -benchtime 2000x ./internal/privacy/
func BenchmarkPurge(b *testing.B) {
	for _, m := range apptest.Modes() {
		b.Run(m.Name, func(b *testing.B) { benchmarkPurge(b, m) })
	}
}

func benchmarkPurge(b *testing.B, m apptest.Mode) {
	r := open(b, m, privacy.Options{DefaultRetentionDays: 30})
	in := r.tenant(b)
	for i := 0; i < b.N; i++ {
		r.apply(b, in, "ref-"+time.Now().Format("150405.000000000"), newPerson(), true)
	}
	r.now = time.Now().Add(31 * 24 * time.Hour)
	b.ResetTimer()
	start := time.Now()
	report, err := r.svc.Purge(actx())
	require.NoError(b, err)
	b.StopTimer()
	require.Equal(b, b.N, report.Accounts[0].Applications)
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "applications/s")
}
