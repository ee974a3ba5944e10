package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// feedOf is integration i's feed: the vendors in turn.
func feedOf(i int) (sim.Vendor, string) {
	switch i % 4 {
	case 0:
		return sim.VendorLever, fmt.Sprintf("site-%05d", i)
	case 1:
		return sim.VendorJobylon, fmt.Sprintf("hash%05d", i)
	case 2:
		return sim.VendorWorkbuster, fmt.Sprintf("customer-%05d", i)
	default:
		return sim.VendorReachMee, sim.ReachMeeKey(strconv.Itoa(100+i%50), fmt.Sprintf("I%05d", i), fmt.Sprintf("cust%05d", i))
	}
}

// settingsOf points integration i at its feed on the simulator at base.
func settingsOf(i int, base string) (string, map[string]string) {
	v, key := feedOf(i)
	switch v {
	case sim.VendorLever:
		return "lever", map[string]string{"site": key, "base_url": base}
	case sim.VendorJobylon:
		return "jobylon", map[string]string{"feed_url": sim.JobylonJSONURL(base, key)}
	case sim.VendorWorkbuster:
		return "workbuster", map[string]string{"customer": key, "base_url": base}
	default:
		parts := strings.Split(key, ":")
		return "reachmee", map[string]string{"feed_url": sim.ReachMeeURL(base, parts[0], parts[1], parts[2], "NO")}
	}
}

// serveFeeds is the child: it fills the feeds and serves them
// (sim.ServeChild).
func serveFeeds(ctx context.Context, o options) error {
	feeds := sim.NewFeeds()
	for i := range o.Integrations {
		v, key := feedOf(i)
		f, err := feeds.Feed(v, key)
		if err != nil {
			return err
		}
		f.Generate(o.Postings)
	}
	return sim.ServeChild(ctx, o.FeedsChild, feeds)
}

// startFeeds starts this binary as the feeds child.
func startFeeds(o options) (*sim.Child, error) {
	return sim.StartChild("--feeds-child", "127.0.0.1:0", "--integrations", strconv.Itoa(o.Integrations), "--postings", strconv.Itoa(o.Postings))
}
