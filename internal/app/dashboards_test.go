package app_test

import (
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/app/apptest"
	"github.com/jobgate/jobgate/internal/store"
)

// prometheusMade are series Prometheus makes itself, not jobgate: up is
// 1 or 0 for each scrape of a target.
var prometheusMade = map[string]bool{"up": true}

// provisionedDatasourceUID is the uid deploy/grafana/provisioning gives
// the Prometheus datasource.
func provisionedDatasourceUID(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(deployDir(t), "grafana", "provisioning", "datasources", "prometheus.yml"))
	require.NoError(t, err)
	var f struct {
		Datasources []struct {
			Type string `yaml:"type"`
			UID  string `yaml:"uid"`
		} `yaml:"datasources"`
	}
	require.NoError(t, yaml.Unmarshal(b, &f))
	require.Len(t, f.Datasources, 1)
	require.Equal(t, "prometheus", f.Datasources[0].Type)
	require.NotEmpty(t, f.Datasources[0].UID)
	return f.Datasources[0].UID
}

// TestDashboardsAreWellFormed (issue 16, item 2: "a test loads every
// dashboard, checks it parses"): every dashboard has a title and a uid
// of its own, and every panel a title, a place, the provisioned
// Prometheus datasource and targets whose PromQL parses (Prometheus' own
// parser) and names its metrics literally.
func TestDashboardsAreWellFormed(t *testing.T) {
	uid := provisionedDatasourceUID(t)
	uids := map[string]string{}
	for file, d := range loadDashboards(t) {
		require.NotEmpty(t, d.Title, file)
		require.NotEmpty(t, d.UID, file)
		require.LessOrEqual(t, len(d.UID), 40, "%s: Grafana's uids are at most 40 characters", file)
		require.NotContains(t, uids, d.UID, "%s: uid %s is also %s's", file, d.UID, uids[d.UID])
		uids[d.UID] = file
		panels := flatPanels(d.Panels)
		require.NotEmpty(t, panels, file)
		for _, p := range panels {
			where := file + ": " + p.Title
			require.NotEmpty(t, p.Title, file)
			require.Positive(t, p.GridPos.W, where)
			require.Positive(t, p.GridPos.H, where)
			require.LessOrEqual(t, p.GridPos.X+p.GridPos.W, 24, where)
			require.NotNil(t, p.Datasource, where)
			require.Equal(t, uid, p.Datasource.UID, where)
			require.NotEmpty(t, p.Targets, where)
			for _, tg := range p.Targets {
				require.NotEmpty(t, tg.RefID, where)
				if tg.Datasource != nil {
					require.Equal(t, uid, tg.Datasource.UID, where)
				}
				names, err := promqlMetricNames(tg.Expr)
				require.NoError(t, err, "%s: %s", where, tg.Expr)
				require.NotEmpty(t, names, "%s: %s", where, tg.Expr)
			}
		}
	}
	require.Contains(t, uids, "jobgate-overview")
}

// TestDashboardsProvisioned: docker-compose mounts the dashboards folder
// where the provider in deploy/grafana/provisioning/dashboards looks.
func TestDashboardsProvisioned(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(deployDir(t), "grafana", "provisioning", "dashboards", "jobgate.yml"))
	require.NoError(t, err)
	var provider struct {
		Providers []struct {
			Type    string `yaml:"type"`
			Options struct {
				Path string `yaml:"path"`
			} `yaml:"options"`
		} `yaml:"providers"`
	}
	require.NoError(t, yaml.Unmarshal(b, &provider))
	require.Len(t, provider.Providers, 1)
	require.Equal(t, "file", provider.Providers[0].Type)
	b, err = os.ReadFile(filepath.Join(deployDir(t), "..", "docker-compose.yml"))
	require.NoError(t, err)
	var compose struct {
		Services map[string]struct {
			Volumes []string `yaml:"volumes"`
		} `yaml:"services"`
	}
	require.NoError(t, yaml.Unmarshal(b, &compose))
	require.Contains(t, compose.Services["grafana"].Volumes, "./deploy/grafana/dashboards:"+provider.Providers[0].Options.Path+":ro")
	require.Contains(t, compose.Services["grafana"].Volumes, "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro")
}

// queriedMetrics is every metric name the dashboards and the alert rules
// query, each with the first place that queries it.
func queriedMetrics(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	add := func(where, expr string) {
		names, err := promqlMetricNames(expr)
		require.NoError(t, err, "%s: %s", where, expr)
		for _, n := range names {
			if _, ok := out[n]; !ok {
				out[n] = where
			}
		}
	}
	for file, d := range loadDashboards(t) {
		for _, p := range flatPanels(d.Panels) {
			for _, tg := range p.Targets {
				add(file+": "+p.Title, tg.Expr)
			}
		}
	}
	for alert, expr := range alertExprs(t) {
		add("alerts.yml: "+alert, expr)
	}
	return out
}

// exportedNames is every series name a scrape holds: a histogram's as
// Prometheus stores them (_bucket, _sum, _count).
func exportedNames(families map[string]*dto.MetricFamily) map[string]bool {
	out := map[string]bool{}
	for name, f := range families {
		out[name] = true
		switch f.GetType() {
		case dto.MetricType_HISTOGRAM:
			out[name+"_bucket"], out[name+"_sum"], out[name+"_count"] = true, true, true
		case dto.MetricType_SUMMARY:
			out[name+"_sum"], out[name+"_count"] = true, true
		}
	}
	return out
}

// TestDashboardsQueryExportedMetrics (issue 16, item 2: "checks that
// every metric name in every PromQL expression is exported by a running
// jobgate's /metrics"): a jobgate that has taken an ad, delivered it,
// taken and delivered an application, polled a feed and refused a wrong
// key exports every metric the dashboards and the alert rules query.
func TestDashboardsQueryExportedMetrics(t *testing.T) {
	queried := queriedMetrics(t)
	apptest.Each(t, func(t *testing.T, m apptest.Mode) {
		s := apptest.Start(t, apptest.Config(t, m), app.Options{})
		exerciseEveryMetric(t, s)
		var missing []string
		deadline := time.Now().Add(10 * time.Second)
		for {
			exported := exportedNames(metricFamilies(t, s))
			missing = missing[:0]
			for _, name := range slices.Sorted(maps.Keys(queried)) {
				if !exported[name] && !prometheusMade[name] {
					missing = append(missing, name+" ("+queried[name]+")")
				}
			}
			if len(missing) == 0 || time.Now().After(deadline) {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		require.Empty(t, missing, "queried but not exported:\n%s", strings.Join(missing, "\n"))
	})
}

// exerciseEveryMetric makes s do what every series needs to exist: an
// ad pushed and delivered to the board, an application delivered to its
// ATS (the simulator's apply webhook), a feed polled, a wrong key refused.
func exerciseEveryMetric(t *testing.T, s *apptest.Server) {
	t.Helper()
	ats, atsURL := atsServer(t)
	key := webhookTenant(t, s, ats, atsURL, "acme")
	job := putJob(t, s, key, "ref-1")
	r := apply(t, s, job, kari())
	require.Equal(t, http.StatusAccepted, r.Status, string(r.Body))
	apptest.Eventually(t, func() bool { return applyDelivery(t, s, job).State == store.DeliveryDelivered }, "the application reaches the ATS")

	fs, base := feedServer(t)
	for _, v := range polledVendors {
		if v.name != "jobylon-json" {
			continue
		}
		feed, settings := v.feed(fs, base)
		feed.Generate(3)
		integ, _ := s.VendorTenant(t, v.vendor, settings)
		require.Equal(t, "ok", syncNow(t, s, integ).JSON["outcome"])
	}
	require.Equal(t, http.StatusUnauthorized, s.Do(t, http.MethodGet, "/v1/ads/ref-1", nil, apptest.Bearer("jg_wrong")...).Status)
}
