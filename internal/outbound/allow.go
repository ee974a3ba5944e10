package outbound

import (
	"fmt"
	"net/netip"
	"strings"
)

// ParseAllow reads an allow-list: comma-separated CIDRs (10.0.0.0/8,
// fd00::/8) or single addresses (192.168.1.5, taken as /32 or /128).
// Empty text is an empty list. An error names the entry that is neither.
func ParseAllow(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if p, err := netip.ParsePrefix(part); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(part)
		if err != nil {
			return nil, fmt.Errorf("%q is not a CIDR such as 10.0.0.0/8 or an IP address", part)
		}
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// MustParseAllow is ParseAllow for constants (tests, tools); it panics on
// a bad entry.
func MustParseAllow(s string) []netip.Prefix {
	p, err := ParseAllow(s)
	if err != nil {
		panic(err)
	}
	return p
}
