package app_test

import (
	"net/http"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/internal/app/apptest"
)

// metricFamilies scrapes s's /metrics and parses it as Prometheus does.
func metricFamilies(t testing.TB, s *apptest.Server) map[string]*dto.MetricFamily {
	t.Helper()
	r := s.Do(t, http.MethodGet, "/metrics", nil)
	require.Equal(t, http.StatusOK, r.Status)
	p := expfmt.NewTextParser(model.LegacyValidation)
	families, err := p.TextToMetricFamilies(strings.NewReader(string(r.Body)))
	require.NoError(t, err)
	return families
}

// gaugeValue is the value of family's series with exactly labels, and
// whether there is one.
func gaugeValue(families map[string]*dto.MetricFamily, family string, labels map[string]string) (float64, bool) {
	f := families[family]
	if f == nil {
		return 0, false
	}
	for _, m := range f.GetMetric() {
		got := map[string]string{}
		for _, l := range m.GetLabel() {
			got[l.GetName()] = l.GetValue()
		}
		if len(got) == len(labels) && mapsEqual(got, labels) {
			return m.GetGauge().GetValue(), true
		}
	}
	return 0, false
}

func mapsEqual(a, b map[string]string) bool {
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
