// Command vendorsim plays a vendor's side of a jobgate integration over
// real HTTP, for trying jobgate by hand, the demo and load tools:
//
//	vendorsim ponty upsert --jobgate URL --integration ID --key KEY --slug S --file ad.json [--fault F]
//	vendorsim ponty delete --jobgate URL --integration ID --key KEY --slug S --id ASSIGNMENT_ID [--fault F]
//	vendorsim ponty version --jobgate URL --integration ID --key KEY [--fault F]
//	vendorsim teamtailor post|put --jobgate URL --secret BOARD_SECRET --key KEY --file event.json [--fault F]
//	vendorsim teamtailor delete --jobgate URL --secret BOARD_SECRET --key KEY --ref REFERENCE_ID [--fault F]
//	vendorsim workbuster put --jobgate URL --key KEY --ref REF --file ad.json [--fault F]
//	vendorsim workbuster delete --jobgate URL --key KEY --ref REF [--fault F]
//
// Faults: wrong-key, expired, future, unsigned, malformed, tampered. It prints
// jobgate's status and answer, and exits 1 unless the answer is 2xx.
//
// It also plays the polled vendors' feed hosts (sim.Feeds: Lever's Postings
// API, Jobylon's partner feed, ReachMee's RSS export, Workbuster's JSON
// feed), and drives a running
// one through its control API:
//
//	vendorsim feeds serve [--addr 127.0.0.1:9090] [--demo N]
//	vendorsim feeds generate --sim URL --vendor V --feed KEY [--n 40]
//	vendorsim feeds put --sim URL --vendor V --feed KEY --file posting.json [--id ID]
//	vendorsim feeds remove --sim URL --vendor V --feed KEY --id ID
//	vendorsim feeds change --sim URL --vendor V --feed KEY [--fraction 0.1]
//	vendorsim feeds fault --sim URL --vendor V --feed KEY --kind K [--times N] [--delay 2s]
//	vendorsim feeds clear|stats|delete --sim URL --vendor V --feed KEY
//	vendorsim feeds list --sim URL
//
// V is lever, lever-eu, jobylon, reachmee or workbuster; KEY is the Lever
// site, the Jobylon hash, ReachMee's "{siteId}:{InstallationID}:{CustomerName}"
// or the Workbuster customer.
// serve runs until SIGINT or SIGTERM and prints the base URL and example
// feed URLs (those feeds exist, with N generated postings given --demo N).
// The other commands print the control API's status and JSON answer.
//
// And it plays the channels jobgate publishes to (sim.Channels: NAV's
// import API, FINN's job file import), and drives a running one:
//
//	vendorsim channels serve [--addr 127.0.0.1:9091] [--nav-provider P --nav-token T --finn-partner X]
//	                         [--moderate-after 1] [--filing-delay 30s] [--finn-path PATH] [--finn-user U --finn-password PW] [--finn-require80]
//	vendorsim channels stats --sim URL [--channel C]
//	vendorsim channels ads|clear|up|reset-stats --sim URL --channel C
//	vendorsim channels fault --sim URL --channel C --kind K [--times N] [--delay 2s] [--retry-after 30s]
//	vendorsim channels down --sim URL --channel C [--for 10m]
//	vendorsim channels reject --sim URL --reference R [--reason DUPLICATE]
//	vendorsim channels unknown --sim URL --reference R
//	vendorsim channels moderate --sim URL [--reference R1,R2 | --after N]
//
// C is nav or finn; K is 5xx, timeout, 401, 429 or slow. serve runs until
// SIGINT or SIGTERM and prints the base URL and the JOBGATE_NAV_* and
// JOBGATE_FINN_* settings that point jobgate at it. reject and moderate
// drive NAV's moderation: moderate decides the waiting ads now (--after N
// instead lets NAV decide each ad by itself at its N+1th status request);
// unknown makes NAV answer UNKNOWN for an ad. NAV files an upload
// --filing-delay after it (NAV's 30 s job; 0: at once), answering 404 on
// stop and status for a new ad until then.
//
// And it plays the ATSs jobgate delivers applications to (sim.ATS: the
// signed apply webhook at /webhook/{name}, and the vendors' intakes):
//
//	vendorsim ats serve [--addr 127.0.0.1:9092] [--key NAME=KEY ...]
//	vendorsim ats key --sim URL --key NAME=KEY
//	vendorsim ats received --sim URL [--vendor webhook]
//
// KEY is the API key jobgate issued the integration whose apply_url is
// <base>/webhook/NAME: the webhook's signing key. received lists the
// accepted applications with their fields and their files' SHA-256.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	resp, err := run(ctx, os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "vendorsim:", err)
		os.Exit(2)
	}
	if resp.Status == 0 { // feeds, channels or ats serve: it printed what it had to say
		return
	}
	fmt.Printf("%d %s\n", resp.Status, bytes.TrimRight(resp.Body, "\n"))
	if resp.Status < 200 || resp.Status > 299 {
		os.Exit(1)
	}
}

type options struct {
	jobgate, integration, key, secret, slug, id, ref, file, fault string
}

// run runs one command. A zero Response (from feeds or channels serve) has
// nothing to print.
func run(ctx context.Context, args []string) (sim.Response, error) {
	if len(args) < 2 {
		return sim.Response{}, errors.New("usage: vendorsim ponty upsert|delete|version | teamtailor post|put|delete | workbuster put|delete | feeds serve|generate|put|remove|change|fault|clear|stats|delete|list | channels serve|stats|ads|fault|clear|down|up|reject|unknown|moderate|reset-stats | ats serve|received|key [flags]")
	}
	if args[0] == "feeds" {
		return runFeeds(ctx, args[1], args[2:], os.Stdout)
	}
	if args[0] == "channels" {
		return runChannels(ctx, args[1], args[2:], os.Stdout)
	}
	if args[0] == "ats" {
		return runATS(ctx, args[1], args[2:], os.Stdout)
	}
	var o options
	fs := flag.NewFlagSet("vendorsim", flag.ContinueOnError)
	fs.StringVar(&o.jobgate, "jobgate", "http://localhost:8080", "jobgate's base URL")
	fs.StringVar(&o.integration, "integration", "", "the integration id (Ponty)")
	fs.StringVar(&o.key, "key", "", "the API key jobgate issued")
	fs.StringVar(&o.secret, "secret", "", "Teamtailor: the board's key from the Integrations Hub (JOBGATE_TEAMTAILOR_SECRET)")
	fs.StringVar(&o.slug, "slug", "demo", "Ponty system_slug")
	fs.StringVar(&o.id, "id", "", "Ponty assignment_id to delete")
	fs.StringVar(&o.ref, "ref", "", "the ad's reference (Workbuster)")
	fs.StringVar(&o.file, "file", "", "the ad as JSON, in the vendor's shape")
	fs.StringVar(&o.fault, "fault", "", "a fault to produce: wrong-key, expired, future, unsigned, malformed, tampered, no-exp (Ponty)")
	if err := fs.Parse(args[2:]); err != nil {
		return sim.Response{}, err
	}
	f := sim.Fault(o.fault)
	switch args[0] + " " + args[1] {
	case "ponty upsert":
		ad, err := readAd(o.file)
		if err != nil {
			return sim.Response{}, err
		}
		return o.ponty().Upsert(ctx, ad, f)
	case "ponty delete":
		return o.ponty().Delete(ctx, o.id, f)
	case "ponty version":
		return o.ponty().Version(ctx, f)
	case "teamtailor post", "teamtailor put":
		event, err := readAd(o.file)
		if err != nil {
			return sim.Response{}, err
		}
		if args[1] == "post" {
			return o.teamtailor().Post(ctx, event, f)
		}
		return o.teamtailor().Put(ctx, event, f)
	case "teamtailor delete":
		return o.teamtailor().Delete(ctx, o.ref, f)
	case "workbuster put":
		ad, err := readAd(o.file)
		if err != nil {
			return sim.Response{}, err
		}
		return sim.Workbuster{Jobgate: o.jobgate, Key: o.key}.Put(ctx, o.ref, ad, f)
	case "workbuster delete":
		return sim.Workbuster{Jobgate: o.jobgate, Key: o.key}.Delete(ctx, o.ref, f)
	}
	return sim.Response{}, fmt.Errorf("unknown command %q", args[0]+" "+args[1])
}

func (o options) teamtailor() sim.Teamtailor {
	return sim.Teamtailor{BaseURL: strings.TrimRight(o.jobgate, "/") + "/connectors/teamtailor", Secret: o.secret, APIKey: o.key}
}

func (o options) ponty() sim.Ponty {
	return sim.Ponty{Site: sim.PontySite(o.jobgate, o.integration), Key: o.key, Slug: o.slug}
}

func readAd(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var ad map[string]any
	if err := json.Unmarshal(b, &ad); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ad, nil
}
