package outbound

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"time"
)

// resolveTimeout bounds CheckURL's DNS lookup.
const resolveTimeout = 5 * time.Second

// CheckURL checks a setting holding a URL jobgate will call (apply_url, a
// feed_url, push_url, ...), so a bad one is refused when the integration
// is created or updated rather than at every call: it must be an absolute
// http or https URL, and every address its host resolves to must pass the
// guard. The error names the setting and, for a refused address, the
// address; never the URL, which may carry a token. A name that does not
// resolve now is accepted: it may be published later, and every dial
// checks it again.
func (c *Client) CheckURL(ctx context.Context, setting, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return fmt.Errorf("setting %s must be an absolute http or https URL", setting)
	}
	addrs, err := resolve(ctx, u.Hostname())
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if err := c.guard.Check(a); err != nil {
			return fmt.Errorf("setting %s: %w", setting, err)
		}
	}
	return nil
}

// resolve returns the addresses of host: itself when it is an IP literal.
func resolve(ctx context.Context, host string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(host); err == nil {
		return []netip.Addr{a}, nil
	}
	ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
	defer cancel()
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}
