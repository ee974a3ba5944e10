package finn

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jobgate/jobgate/connectors"
	"github.com/jobgate/jobgate/internal/outbound"
)

// Name is the channel's name in the `channels` setting.
const Name = "finn"

// Defaults of Config's zero values.
const (
	// DefaultBaseURL is FINN's production import host (§2.2); the test
	// import is https://import.finn.no.
	DefaultBaseURL = "https://www.finn.no"
	// DefaultImportPath is the file import's path on both hosts (§2.2).
	DefaultImportPath = "/finn/import/fileimport"
	// DefaultJobDTD is the job DTD 8.0's system id; the path is FINN-UPD's
	// file name under the host of FINN's other DTDs ([I], §2.2).
	DefaultJobDTD = "https://www.finn.no/dtd/IADIF-job80.dtd"
	// DefaultStopDTD is the stop DTD's system id as FINN-SDK sends it (§2.6).
	DefaultStopDTD = "http://www.iad.no/dtd/IADIF-stop30.dtd"
	// DefaultAdURL is where an imported ad is shown, {finnkode} standing
	// for FINN's ad id ([I]: FINN's job ad pages; not in the import docs).
	DefaultAdURL = "https://www.finn.no/job/ad/{finnkode}"
)

// DefaultTimeout bounds one request when Config.Timeout is zero
// (outbound.Channel).
var DefaultTimeout = outbound.Channel.Timeout

// Config configures the channel. The hub fills BaseURL and PartnerID from
// JOBGATE_FINN_URL and JOBGATE_FINN_PARTNER_ID.
type Config struct {
	// BaseURL is FINN's import host, optionally with a path prefix; empty
	// means DefaultBaseURL. A BaseURL that already ends in ImportPath is
	// taken as the import URL itself.
	BaseURL string
	// ImportPath is the import's path under BaseURL; empty means
	// DefaultImportPath.
	ImportPath string
	// PartnerID is FINN's id for jobgate as the sending system (HEAD/PARTNER,
	// §2.3). Required.
	PartnerID string
	// Username and Password, when Username is set, are sent as HTTP Basic
	// credentials (FINN's test import, §2.2). Empty sends none.
	Username, Password string
	// JobDTD and StopDTD are the DOCTYPE system ids of the documents; empty
	// means DefaultJobDTD and DefaultStopDTD.
	JobDTD, StopDTD string
	// AdURL is an ad's address on FINN with {finnkode} for the code an
	// answer names; empty means DefaultAdURL.
	AdURL string
	// Outbound makes the requests; nil means outbound.Default, which
	// allows no private address.
	Outbound *outbound.Client
	// Timeout bounds one request; zero means DefaultTimeout.
	Timeout time.Duration
	// Now is the clock an ad's 42 days are counted by; nil means time.Now.
	Now func() time.Time
}

// Channel publishes ads to FINN. It is safe for concurrent use.
type Channel struct {
	cfg       Config
	importURL string
	out       *outbound.Client
	now       func() time.Time
}

var _ connectors.LifeLimited = (*Channel)(nil)

// Expires is when the publication's 42-day life on FINN ends (Expires):
// the hub publishes the ad again then, which re-advertises or withdraws it.
func (*Channel) Expires(p connectors.Publication) time.Time { return Expires(p) }

// New checks cfg, fills in its defaults and returns the channel.
func New(cfg Config) (*Channel, error) {
	cfg = cfg.withDefaults()
	if err := checkID("PartnerID", cfg.PartnerID); err != nil {
		return nil, fmt.Errorf("finn: %w", err)
	}
	for _, s := range []string{cfg.JobDTD, cfg.StopDTD} {
		if strings.ContainsAny(s, "\"<>") {
			return nil, fmt.Errorf("finn: DTD system id %q must not contain quotes or angle brackets", s)
		}
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return nil, errors.New("finn: BaseURL must be an absolute http or https URL without query, such as " + DefaultBaseURL)
	}
	importURL := strings.TrimRight(cfg.BaseURL, "/")
	if !strings.HasSuffix(importURL, cfg.ImportPath) {
		importURL += "/" + strings.TrimLeft(cfg.ImportPath, "/")
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	return &Channel{cfg: cfg, importURL: importURL, out: outbound.Or(cfg.Outbound), now: now}, nil
}

func (cfg Config) withDefaults() Config {
	def := func(s *string, d string) {
		if *s = strings.TrimSpace(*s); *s == "" {
			*s = d
		}
	}
	def(&cfg.BaseURL, DefaultBaseURL)
	def(&cfg.ImportPath, DefaultImportPath)
	def(&cfg.JobDTD, DefaultJobDTD)
	def(&cfg.StopDTD, DefaultStopDTD)
	def(&cfg.AdURL, DefaultAdURL)
	cfg.PartnerID = strings.TrimSpace(cfg.PartnerID)
	return cfg
}

// Name returns "finn".
func (*Channel) Name() string { return Name }
