package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"time"

	"github.com/jobgate/jobgate/cmd/vendorsim/sim"
)

// atsName is the ATS simulator's webhook the applications go to.
const atsName = "fleet"

// run sets the fleet up, loads and breaks it, checks the ledger and
// reports; ok is false when the ledger found a loss.
func run(ctx context.Context, o options) (ok bool, err error) {
	dir, err := os.MkdirTemp("", "jobgate-fleet-")
	if err != nil {
		return false, err
	}
	f := &fleet{o: o, dir: dir, bin: o.Bin, sim: o.Vendorsim}
	defer f.stop(context.Background())
	if err := f.setUp(ctx); err != nil {
		return false, err
	}
	t, err := f.tenants(ctx)
	if err != nil {
		return false, err
	}
	rng := rand.New(rand.NewPCG(uint64(o.Seed), 0x6a6f6267617465))
	l := newLoad(f, t, o, rng.Uint64())
	fmt.Printf("load: %d ads, %d applications over %s with %d clients (seed %d)\n", o.Ads, o.Applications, o.Duration, o.Clients, o.Seed)
	events, err := f.drive(ctx, l, rng)
	if err != nil {
		return false, err
	}
	if err := l.repair(ctx); err != nil {
		return false, err
	}
	res := f.settle(ctx, l)
	return report(l, events, res), nil
}

// setUp builds the binaries and starts Postgres, Redis, the simulators
// and the replicas, with one migration before them.
func (f *fleet) setUp(ctx context.Context) error {
	if err := f.build(ctx); err != nil {
		return err
	}
	pg, err := newPostgres(ctx, f.o.PGBin, f.o.PGPort)
	if err != nil {
		return err
	}
	f.pg = pg
	if err := pg.start(ctx); err != nil {
		return fmt.Errorf("postgres on port %d: %w", f.o.PGPort, err)
	}
	f.redis = newRedis(f.dir, f.o.RedisPort)
	if err := f.redis.up(ctx); err != nil {
		return fmt.Errorf("redis on port %d: %w", f.o.RedisPort, err)
	}
	chanPort, err := freePort()
	if err != nil {
		return err
	}
	if f.channels, f.chanURL, err = f.startSim(ctx, "vendorsim-channels", fmt.Sprintf("127.0.0.1:%d", chanPort), "/_sim/nav", "channels", "serve", "--filing-delay", "0"); err != nil {
		return err
	}
	f.env = []string{
		"DATABASE_URL=" + pg.url(), "REDIS_URL=" + f.redis.url(), "JOBGATE_MASTER_KEY=" + masterKey(),
		"JOBGATE_OUTBOUND_ALLOW=127.0.0.0/8", "JOBGATE_LOG_LEVEL=warn", "JOBGATE_DB_MAX_CONNS=16",
		"JOBGATE_RECONCILE_INTERVAL=" + f.o.Reconcile.String(),
		// Short retries: a delivery that fails while Postgres or Redis is
		// down tries again within seconds, and only dies after minutes.
		"JOBGATE_RETRY_SCHEDULE=0s,1s,2s,4s,8s,15s,30s,30s,30s,30s",
		"JOBGATE_SHUTDOWN_DELAY=" + shutdownDelay.String(), "JOBGATE_SHUTDOWN_TIMEOUT=20s",
		"JOBGATE_NAV_URL=" + f.chanURL + "/stillingsimport", "JOBGATE_NAV_PROVIDER_ID=" + strconv.Itoa(sim.DefaultNAVProviderID),
		"JOBGATE_NAV_TOKEN=" + sim.DefaultNAVToken,
		"JOBGATE_FINN_URL=" + f.chanURL + sim.DefaultFINNPath, "JOBGATE_FINN_PARTNER_ID=" + sim.DefaultFINNPartnerID,
	}
	if _, err := f.cli(ctx, "migrate"); err != nil {
		return err
	}
	fmt.Printf("fleet: Postgres %s on port %d, Redis on port %d, simulators at %s; logs in %s\n", pg.bin, f.o.PGPort, f.o.RedisPort, f.chanURL, f.dir)
	return nil
}

// tenant is what the clients need to know of jobgate's set-up.
type tenant struct {
	adsKey, applyKey string
	// jobs are the direct-apply jobs' ids.
	jobs []string
}

// directJobs is how many direct-apply jobs the applications go to.
const directJobs = 4

// tenants creates, through the CLI, the account, its two integrations (one
// publishing on NAV and FINN, one taking applications on the ATS
// simulator's webhook) and their keys, starts the ATS simulator with the
// webhook's key, the replicas, and puts the direct-apply jobs.
func (f *fleet) tenants(ctx context.Context) (tenant, error) {
	var t tenant
	acc, err := f.cli(ctx, "accounts", "create", "--name", "Fleet AS")
	if err != nil {
		return t, err
	}
	atsPort, err := freePort()
	if err != nil {
		return t, err
	}
	atsAddr := fmt.Sprintf("127.0.0.1:%d", atsPort)
	ads, err := f.cli(ctx, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "channels=nav,finn",
		"--set", "finn_provider=12345", "--set", "finn_occupation=TRANSPORTLOGISTICS")
	if err != nil {
		return t, err
	}
	apply, err := f.cli(ctx, "integrations", "create", "--account", acc, "--vendor", "generic", "--set", "apply_url=http://"+atsAddr+"/webhook/"+atsName)
	if err != nil {
		return t, err
	}
	if t.adsKey, err = f.cli(ctx, "keys", "issue", "--integration", ads); err != nil {
		return t, err
	}
	if t.applyKey, err = f.cli(ctx, "keys", "issue", "--integration", apply); err != nil {
		return t, err
	}
	f.ats, f.atsURL, err = f.startSim(ctx, "vendorsim-ats", atsAddr, "/_sim/received", "ats", "serve", "--key", atsName+"="+t.applyKey)
	if err != nil {
		return t, err
	}
	if err := f.startReplicas(ctx); err != nil {
		return t, err
	}
	c := newClient(f)
	for i := range directJobs {
		res := c.do(ctx, "PUT", "/v1/ads/apply-"+strconv.Itoa(i), t.applyKey, adBody("Søknadsjobb apply-"+strconv.Itoa(i)))
		if res.id == "" {
			return t, fmt.Errorf("put direct-apply job %d: %s", i, res.failure())
		}
		t.jobs = append(t.jobs, res.id)
	}
	c.close()
	return t, nil
}

// settleTimeout bounds one wait of the fleet's start-up and chaos steps.
const settleTimeout = 90 * time.Second
