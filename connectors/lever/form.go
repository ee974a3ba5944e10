package lever

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/apply"
)

// staleQuestions is how long a posting's last questions read stands in
// for Lever when Lever cannot be read: an account changes its form
// seldom, and the last form it gave is closer to it than the standard one.
const staleQuestions = 24 * time.Hour

// maxCachedQuestions bounds the cache; past it, it starts afresh.
const maxCachedQuestions = 5000

// questionsCache keeps each posting's last questions read, by base URL
// host, site and posting id. Fresh reads are the hub's (intake caches the
// whole form for JOBGATE_APPLY_FORM_TTL); this copy is what a Lever outage
// falls back to.
type questionsCache struct {
	mu sync.Mutex
	m  map[string]cachedQuestions
}

type cachedQuestions struct {
	q       postingQuestions
	fetched time.Time
}

func (c *questionsCache) get(key string) (postingQuestions, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || time.Since(e.fetched) > staleQuestions {
		return postingQuestions{}, false
	}
	return e.q, true
}

func (c *questionsCache) put(key string, q postingQuestions) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedQuestions {
		c.m = map[string]cachedQuestions{}
	}
	c.m[key] = cachedQuestions{q: q, fetched: time.Now()}
}

// ApplicationForm is the standard form (names and e-mail required, phone,
// cover letter and CV optional, the two consents: Lever's consent[store]
// required, consent[marketing] optional) and, when the integration holds
// a Lever API key (secret data_api_key), the posting's own questions as
// its account set them up (withQuestions): the Postings API README warns
// that "Lever account administrators can customize their job applications
// and choose to make other fields required", and only the Lever API's
// "Retrieve posting application questions" shows which. When Lever cannot
// be read, the posting's last questions (up to staleQuestions old) or the
// standard form are used, and a log line says so: a Lever outage must not
// close the form.
func (c *Connector) ApplicationForm(ctx context.Context, in connectors.Integration, job connectors.Job) (apply.Form, error) {
	cfg, err := parseConfig(in.Settings)
	if err != nil {
		return apply.Form{}, connectors.NewPermanent(fmt.Errorf("lever: %w", err))
	}
	f := apply.Form{Open: true, Fields: apply.StandardFields(), Consents: apply.StandardConsents(job.Ad.Language, cfg.employer, true)}
	key, posting := strings.TrimSpace(in.Secrets[secretDataAPIKey]), strings.TrimSpace(job.Reference)
	if key == "" || posting == "" {
		return f, nil
	}
	cacheKey := strings.ToLower(cfg.baseURL.Host) + "/" + cfg.site + "/" + posting
	q, err := c.readQuestions(ctx, cfg, key, posting)
	if err == nil {
		c.questions.put(cacheKey, q)
		return withQuestions(f, q), nil
	}
	if ctx.Err() != nil {
		return apply.Form{}, ctx.Err()
	}
	q, stale := c.questions.get(cacheKey)
	fallback := "standard form"
	if stale {
		fallback = "last questions read"
	}
	c.logger().Warn("lever: the posting's application questions could not be read; the form falls back",
		"integration", in.ID, "posting", posting, "fallback", fallback,
		"class", connectors.ClassOf(err).String(), "err", connectors.RedactSecrets(err, key).Error())
	if stale {
		return withQuestions(f, q), nil
	}
	return f, nil
}

// logger is the connector's logger: the process's default (the hub sets
// it), as the connector is built before any logger is passed around.
func (c *Connector) logger() *slog.Logger {
	if c.log != nil {
		return c.log
	}
	return slog.Default()
}
