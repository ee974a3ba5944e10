package nav

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/jobgate/jobgate/connectors"
)

var ctx = context.Background()

func TestPublishBatchAccepted(t *testing.T) {
	c, f := serve(t, func(w http.ResponseWriter, c call) { reply(w, http.StatusCreated, fmt.Sprintf(received, len(c.Ads))) })
	ads := []connectors.PublishedAd{published(t, "full", "job_a"), published(t, "minimal", "job_b"), published(t, "redirect", "job_c")}
	prevB := &connectors.Publication{Channel: Name, State: connectors.PublicationLive, Reference: "job_b", URL: "https://arbeidsplassen.nav.no/stillinger/stilling/u-b"}
	pubs, errs, err := c.PublishBatch(ctx, ads, []*connectors.Publication{nil, prevB, nil})
	require.NoError(t, err)
	require.Equal(t, []error{nil, nil, nil}, errs)
	calls := f.Calls()
	require.Len(t, calls, 1)
	require.Equal(t, "POST", calls[0].Method)
	require.Equal(t, "/stillingsimport/api/v1/transfers/batch/10000", calls[0].Path)
	require.Equal(t, "Bearer "+token, calls[0].Auth)
	require.Equal(t, "application/json", calls[0].ContentType)
	require.Equal(t, []string{"job_a", "job_b", "job_c"}, calls[0].Ads)
	for i, p := range pubs {
		require.Equal(t, connectors.PublicationPending, p.State, "NAV still moderates")
		require.Equal(t, Name, p.Channel)
		require.Equal(t, ads[i].ID, p.Reference)
		require.Equal(t, ads[i].Revision, p.Revision)
		require.Equal(t, now, p.UpdatedAt)
	}
	require.Equal(t, prevB.URL, pubs[1].URL, "NAV's uuid is per reference: the URL is kept")
	require.Empty(t, pubs[0].URL)
}

// TestPublishSendsGolden: the body of a single publish is the batch of one
// holding exactly the golden AdDTO.
func TestPublishSendsGolden(t *testing.T) {
	c, f := serve(t, func(w http.ResponseWriter, _ call) { reply(w, http.StatusCreated, fmt.Sprintf(received, 1)) })
	a, _ := load(t, "full")
	pub, err := c.Publish(ctx, a, nil)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationPending, pub.State)
	golden, err := os.ReadFile(filepath.Join(testdata, "full.nav.golden.json"))
	require.NoError(t, err)
	var want bytes.Buffer
	require.NoError(t, json.Compact(&want, append(append([]byte("["), golden...), ']')))
	require.Equal(t, want.String(), strings.TrimSpace(string(f.Calls()[0].Body)))
}

// TestPublishBatchMixed: a locally invalid ad is not sent; NAV refusing the
// batch for one bad ad makes each ad go alone, with its own outcome.
func TestPublishBatchMixed(t *testing.T) {
	c, f := serve(t, func(w http.ResponseWriter, c call) {
		switch {
		case len(c.Ads) > 1:
			reply(w, http.StatusBadRequest, navError("INVALID_VALUE", "Location does not have postal code, or does not have county/municipality"))
		case c.Ads[0] == "job_a":
			reply(w, http.StatusCreated, fmt.Sprintf(received, 1))
		case c.Ads[0] == "job_c":
			reply(w, http.StatusOK, skipped)
		default:
			reply(w, http.StatusBadRequest, navError("INVALID_VALUE", "Location does not have postal code, or does not have county/municipality"))
		}
	})
	bad := published(t, "full", "job_b")
	bad.Ad.Locations = nil
	prevC := &connectors.Publication{Channel: Name, State: connectors.PublicationLive, Reference: "job_c", URL: "https://arbeidsplassen.nav.no/stillinger/stilling/u-c", Revision: 1}
	ads := []connectors.PublishedAd{published(t, "full", "job_a"), bad, published(t, "minimal", "job_c"), published(t, "redirect", "job_d")}
	pubs, errs, err := c.PublishBatch(ctx, ads, []*connectors.Publication{nil, nil, prevC, nil})
	require.NoError(t, err)

	var sent [][]string
	for _, cl := range f.Calls() {
		sent = append(sent, cl.Ads)
	}
	require.Equal(t, [][]string{{"job_a", "job_c", "job_d"}, {"job_a"}, {"job_c"}, {"job_d"}}, sent)

	require.NoError(t, errs[0])
	require.Equal(t, connectors.PublicationPending, pubs[0].State)

	require.Equal(t, connectors.Permanent, connectors.ClassOf(errs[1]))
	require.ErrorContains(t, errs[1], "locations: NAV needs a work location")

	require.NoError(t, errs[2])
	require.Equal(t, connectors.PublicationLive, pubs[2].State, "SKIPPED: unchanged")
	require.Equal(t, prevC.URL, pubs[2].URL)
	require.Equal(t, ads[2].Revision, pubs[2].Revision)

	require.Equal(t, connectors.Permanent, connectors.ClassOf(errs[3]))
	require.ErrorContains(t, errs[3], "INVALID_VALUE: Location does not have postal code")
}

func TestPublishErrorReceipt(t *testing.T) {
	c, f := serve(t, func(w http.ResponseWriter, c call) {
		reply(w, http.StatusCreated, `{"providerId":10000,"status":"ERROR","message":"Error: ad `+c.Ads[0]+` refused"}`)
	})
	_, err := c.Publish(ctx, published(t, "full", "job_a"), nil)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
	require.ErrorContains(t, err, "Error: ad job_a refused")

	_, errs, err := c.PublishBatch(ctx, []connectors.PublishedAd{published(t, "full", "job_b"), published(t, "full", "job_c")}, make([]*connectors.Publication, 2))
	require.NoError(t, err)
	require.ErrorContains(t, errs[0], "ad job_b refused")
	require.ErrorContains(t, errs[1], "ad job_c refused", "an ERROR for a batch is found ad by ad")
	require.Len(t, f.Calls(), 4)
}

func TestPublishBatchOverMax(t *testing.T) {
	c, f := serve(t, func(w http.ResponseWriter, c call) { reply(w, http.StatusCreated, fmt.Sprintf(received, len(c.Ads))) })
	ads := make([]connectors.PublishedAd, 101)
	for i := range ads {
		ads[i] = published(t, "minimal", fmt.Sprintf("job_%03d", i))
	}
	pubs, errs, err := c.PublishBatch(ctx, ads, make([]*connectors.Publication, len(ads)))
	require.NoError(t, err)
	require.Len(t, pubs, 101)
	require.Len(t, errs, 101)
	calls := f.Calls()
	require.Len(t, calls, 2)
	require.Len(t, calls[0].Ads, 100)
	require.Equal(t, []string{"job_100"}, calls[1].Ads)
	_, _, err = c.PublishBatch(ctx, ads, nil)
	require.Equal(t, connectors.Permanent, connectors.ClassOf(err))
}

// TestReactivation runs against a fake NAV that skips content it has seen
// (md5 of the body, research §1.9): re-sending an unchanged ad is SKIPPED,
// but re-publishing a stopped ad changes its content, so NAV takes it.
func TestReactivation(t *testing.T) {
	var mu sync.Mutex
	seen := map[[16]byte]bool{}
	c, f := serve(t, func(w http.ResponseWriter, c call) {
		if c.Method == http.MethodDelete {
			reply(w, http.StatusOK, `{"versionId":9,"status":"RECEIVED","message":"STOPPED","items":1}`)
			return
		}
		mu.Lock()
		defer mu.Unlock()
		sum := md5.Sum(c.Body)
		if seen[sum] {
			reply(w, http.StatusOK, skipped)
			return
		}
		seen[sum] = true
		reply(w, http.StatusCreated, fmt.Sprintf(received, 1))
	})
	a, _ := load(t, "full")
	pub, err := c.Publish(ctx, a, nil)
	require.NoError(t, err)
	pub.State, pub.URL = connectors.PublicationLive, "https://arbeidsplassen.nav.no/stillinger/stilling/u-1"

	again, err := c.Publish(ctx, a, &pub)
	require.NoError(t, err)
	require.Equal(t, pub, again, "an unchanged ad is skipped by NAV and stays as it was")

	stopped, err := c.Withdraw(ctx, a, pub)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationWithdrawn, stopped.State)

	back, err := c.Publish(ctx, a, &stopped)
	require.NoError(t, err)
	require.Equal(t, connectors.PublicationPending, back.State, "NAV took the content: not skipped")
	calls := f.Calls()
	require.Len(t, calls, 4)
	require.NotEqual(t, calls[0].Body, calls[3].Body)
	require.Contains(t, string(calls[3].Body), `"published":"2026-07-01T14:00:00"`, "a fresh published time")
}

// TestHardDeletedRepublish: a deleted reference is burned at NAV, so with
// HardDelete an ad published again gets a new one, the same on a retry.
func TestHardDeletedRepublish(t *testing.T) {
	c, f := serve(t, func(w http.ResponseWriter, _ call) { reply(w, http.StatusCreated, fmt.Sprintf(received, 1)) })
	c.cfg.HardDelete = true
	a := published(t, "full", "job_a")
	deleted := &connectors.Publication{Channel: Name, State: connectors.PublicationWithdrawn, Reference: "job_a", URL: "https://x.example/u",
		UpdatedAt: time.Date(2026, time.June, 30, 8, 0, 0, 0, time.UTC)}
	prevs := []*connectors.Publication{deleted}
	pubs, errs, err := c.PublishBatch(ctx, []connectors.PublishedAd{a}, prevs)
	require.NoError(t, err)
	require.NoError(t, errs[0])
	require.Equal(t, "job_a-20260630T080000", pubs[0].Reference)
	require.Empty(t, pubs[0].URL, "a new reference is a new ad at NAV")
	require.Same(t, deleted, prevs[0], "the caller's slice is left alone")
	require.Equal(t, "job_a", deleted.Reference)
	again, err := c.Publish(ctx, a, deleted)
	require.NoError(t, err)
	require.Equal(t, pubs[0].Reference, again.Reference, "a retry uses the same new reference")
	require.Equal(t, []string{"job_a-20260630T080000"}, f.Calls()[1].Ads)

	c.cfg.HardDelete = false
	stopped, err := c.Publish(ctx, a, deleted)
	require.NoError(t, err)
	require.Equal(t, "job_a", stopped.Reference, "a stopped ad keeps its reference")
}
