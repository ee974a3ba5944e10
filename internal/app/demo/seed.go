package demo

import (
	"context"
	"fmt"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
	"github.com/jobgate/jobgate/internal/app"
	"github.com/jobgate/jobgate/internal/identity"
	"github.com/jobgate/jobgate/internal/store"
)

// The demo's people and names.
const (
	accountName   = "Demo Arbeidsgiver AS"
	operatorEmail = "operator@demo.example"
	adminEmail    = "admin@demo.example"
	// demoKey is the demo's name at every simulated vendor: Lever's site,
	// Jobylon's feed, the ReachMee and Workbuster customer, Ponty's slug.
	demoKey = "demo"
	// webhookName is the generic integration's apply webhook's name at the
	// simulated ATS (which keeps the webhook's and Lever's keys by name).
	webhookName = "demo-generic"
	// postingsPerFeed is how many postings each polled feed starts with.
	postingsPerFeed = 3
)

// channelSettings publish every integration's ads to NAV and FINN too.
var channelSettings = map[string]string{"channels": "nav,finn", "finn_provider": "12345", "finn_contact_name": "Rekruttering"}

// seeded is one integration the demo set up.
type seeded struct {
	Vendor, ID, Key string
	// How says how its ads came in.
	How string
}

// seed creates the account, its people and an integration of every
// vendor, pushes and polls their sample ads, and waits for the board to
// list them. It answers what the walk-through prints.
func seed(ctx context.Context, env *app.Env, sims *simulators, sec secrets) (walk, error) {
	ctx = store.WithActor(ctx, "demo")
	acc, err := env.Store.CreateAccount(ctx, accountName)
	if err != nil {
		return walk{}, err
	}
	if _, err := env.Identity.CreateUserWithPassword(ctx, "", operatorEmail, identity.RoleOperator, sec.OperatorPassword); err != nil {
		return walk{}, fmt.Errorf("create the operator: %w", err)
	}
	if _, err := env.Identity.CreateUserWithPassword(ctx, acc.ID, adminEmail, identity.RoleAdmin, sec.AdminPassword); err != nil {
		return walk{}, fmt.Errorf("create the account admin: %w", err)
	}
	jg := newJobgateClient(env.Cfg.PublicURL, sec.OperatorToken)
	w := walk{URL: env.Cfg.PublicURL, Sims: sims.URL, DataDir: env.Cfg.DataDir, Secrets: sec, Account: acc.ID}
	if err := w.writeCV(); err != nil {
		return walk{}, err
	}
	for _, v := range vendors(sims, sec) {
		in, err := env.CreateIntegration(ctx, acc.ID, v.name, withChannels(v.settings))
		if err != nil {
			return walk{}, fmt.Errorf("create the %s integration: %w", v.name, err)
		}
		key, err := env.IssueKey(ctx, in.ID, false)
		if err != nil {
			return walk{}, fmt.Errorf("issue the %s integration's key: %w", v.name, err)
		}
		s := seeded{Vendor: v.name, ID: in.ID, Key: key, How: v.how}
		if err := v.feed(ctx, jg, s); err != nil {
			return walk{}, fmt.Errorf("the %s integration's sample ads: %w", v.name, err)
		}
		w.Integrations = append(w.Integrations, s)
	}
	return w, w.awaitBoard(ctx, jg)
}

func withChannels(settings map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range channelSettings {
		out[k] = v
	}
	for k, v := range settings {
		out[k] = v
	}
	return out
}

// awaitBoard waits until the board lists every seeded ad, and picks the
// generic integration's first ad as the job page to apply on.
func (w *walk) awaitBoard(ctx context.Context, jg *jobgateClient) error {
	want := len(genericAds()) + 2 + 4*postingsPerFeed // generic's, Ponty's and Teamtailor's, four feeds'
	if err := jg.awaitJobs(ctx, want); err != nil {
		return err
	}
	id, err := jg.adID(ctx, w.integration("generic").Key, genericAds()[0].ref)
	if err != nil {
		return err
	}
	w.Job = id
	return nil
}

// vendor is how the demo sets up one vendor's integration: its settings
// (pointed at the simulators) and how its sample ads come in.
type vendor struct {
	name, how string
	settings  map[string]string
	feed      func(ctx context.Context, jg *jobgateClient, s seeded) error
}

// vendors are every vendor the registry names (a test checks), generic
// first: its key is the one the walk-through's curl lines use.
func vendors(sims *simulators, sec secrets) []vendor {
	base := sims.URL
	poll := func(ctx context.Context, jg *jobgateClient, s seeded) error { return jg.sync(ctx, s.ID) }
	return []vendor{
		{name: "generic", how: "pushed through PUT /v1/ads", settings: map[string]string{"apply_url": base + "/webhook/" + webhookName},
			feed: func(ctx context.Context, jg *jobgateClient, s seeded) error {
				sims.ATS.SetKey(webhookName, s.Key) // the webhook is signed with the integration's key
				for _, a := range genericAds() {
					if err := jg.putAd(ctx, s.Key, a.ref, a.ad); err != nil {
						return err
					}
				}
				return nil
			}},
		{name: "jobylon", how: "polled from the simulated Jobylon feed", settings: map[string]string{
			"feed_url": sim.JobylonJSONURL(base, demoKey), "app_id": jobylonAppID, "app_key": sec.JobylonAppKey, "push_url": base},
			feed: func(ctx context.Context, jg *jobgateClient, s seeded) error {
				sims.ATS.SetKey(jobylonAppID, sec.JobylonAppKey)
				sims.Feeds.Jobylon(demoKey).Generate(postingsPerFeed)
				return poll(ctx, jg, s)
			}},
		{name: "lever", how: "polled from the simulated Lever Postings API", settings: map[string]string{
			"site": demoKey, "base_url": base, "employer_name": accountName, "api_key": sec.LeverAPIKey},
			feed: func(ctx context.Context, jg *jobgateClient, s seeded) error {
				sims.ATS.SetKey(demoKey, sec.LeverAPIKey)
				sims.Feeds.Lever(demoKey).Generate(postingsPerFeed)
				return poll(ctx, jg, s)
			}},
		{name: "ponty", how: "pushed by the simulated Ponty", feed: func(ctx context.Context, jg *jobgateClient, s seeded) error {
			p := sim.Ponty{Site: sim.PontySite(jg.base, s.ID), Key: s.Key, Slug: demoKey}
			return expect2xx(p.Upsert(ctx, pontyAssignment(), sim.None))
		}},
		{name: "reachmee", how: "polled from the simulated ReachMee RSS export", settings: map[string]string{
			"feed_url": sim.ReachMeeURL(base, "1234", "5678", demoKey, "NO"), "employer_name": accountName},
			feed: func(ctx context.Context, jg *jobgateClient, s seeded) error {
				sims.Feeds.ReachMee("1234", "5678", demoKey).Generate(postingsPerFeed)
				return poll(ctx, jg, s)
			}},
		{name: "teamtailor", how: "pushed by the simulated Teamtailor", feed: func(ctx context.Context, jg *jobgateClient, s seeded) error {
			sims.ATS.SetKey("teamtailor", sec.TeamtailorSecret)
			tt := sim.Teamtailor{BaseURL: jg.base + "/connectors/teamtailor", Secret: sec.TeamtailorSecret, APIKey: s.Key}
			return expect2xx(tt.Post(ctx, teamtailorEvent(), sim.None))
		}},
		{name: "workbuster", how: "polled from the simulated Workbuster feed", settings: map[string]string{
			"customer": demoKey, "base_url": base, "employer_name": accountName},
			feed: func(ctx context.Context, jg *jobgateClient, s seeded) error {
				sims.Feeds.Workbuster(demoKey).Generate(postingsPerFeed)
				return poll(ctx, jg, s)
			}},
	}
}

// expect2xx turns a simulated sender's answer that is not 2xx into an error.
func expect2xx(r sim.Response, err error) error {
	if err != nil {
		return err
	}
	if r.Status/100 != 2 {
		return fmt.Errorf("jobgate answered %d: %s", r.Status, r.Body)
	}
	return nil
}
