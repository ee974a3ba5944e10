package outbound

import (
	"context"
	"fmt"
	"net/netip"
	"syscall"
)

// AllowVariable is the environment variable holding the allow-list.
const AllowVariable = "JOBGATE_OUTBOUND_ALLOW"

// rule is a range of addresses refused for outbound calls, and why.
type rule struct {
	prefix netip.Prefix
	reason string
}

// refusedRanges are the addresses jobgate never calls unless allow-listed:
// the host itself, its networks and the cloud's metadata services
// (RFC 6890's special-purpose registries). The metadata addresses come
// first so the reason names them: AWS, GCP and Azure serve metadata at
// 169.254.169.254 (AWS also at fd00:ec2::254 and 169.254.170.2 for ECS
// tasks), Alibaba Cloud at 100.100.100.200.
var refusedRanges = rules(
	"169.254.169.254/32", "cloud metadata",
	"169.254.170.2/32", "cloud metadata",
	"fd00:ec2::254/128", "cloud metadata",
	"100.100.100.200/32", "cloud metadata",
	"0.0.0.0/8", "unspecified",
	"::/128", "unspecified",
	"127.0.0.0/8", "loopback",
	"::1/128", "loopback",
	"169.254.0.0/16", "link-local",
	"fe80::/10", "link-local",
	"10.0.0.0/8", "private",
	"172.16.0.0/12", "private",
	"192.168.0.0/16", "private",
	"fc00::/7", "private",
	"100.64.0.0/10", "carrier-grade NAT",
	"224.0.0.0/4", "multicast",
	"ff00::/8", "multicast",
	"255.255.255.255/32", "broadcast",
	"240.0.0.0/4", "reserved",
	"192.0.0.0/24", "reserved",
	"198.18.0.0/15", "reserved",
	"192.0.2.0/24", "documentation",
	"198.51.100.0/24", "documentation",
	"203.0.113.0/24", "documentation",
	"2001:db8::/32", "documentation",
	"100::/64", "discard",
	"64:ff9b:1::/48", "local NAT64",
	"2001::/32", "Teredo tunnel",
	"::/96", "IPv4-compatible",
)

// Ranges whose addresses carry an IPv4 address that is checked too: NAT64
// (RFC 6052, the last 32 bits) and 6to4 (RFC 3056, bits 16 to 48).
var (
	nat64   = netip.MustParsePrefix("64:ff9b::/96")
	sixToF4 = netip.MustParsePrefix("2002::/16")
)

func rules(pairs ...string) []rule {
	out := make([]rule, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, rule{prefix: netip.MustParsePrefix(pairs[i]), reason: pairs[i+1]})
	}
	return out
}

// RefusedError is a call to an address the guard refuses. It names the
// address (a resolved IP, never the URL, which may hold a token) and the
// range it is in.
type RefusedError struct {
	Addr   netip.Addr
	Reason string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("address %s is not allowed for outbound calls (%s); see %s", e.Addr, e.Reason, AllowVariable)
}

// Guard decides which addresses outbound calls may reach.
type Guard struct {
	allow []netip.Prefix
}

// NewGuard returns a guard that refuses the special-purpose ranges except
// where allow covers an address.
func NewGuard(allow []netip.Prefix) *Guard {
	return &Guard{allow: append([]netip.Prefix(nil), allow...)}
}

// Check returns nil when a may be called, else a *RefusedError.
func (g *Guard) Check(a netip.Addr) error {
	a = a.WithZone("")
	plain := a.Unmap()
	if g.allowed(a) || g.allowed(plain) {
		return nil
	}
	if reason := refusedReason(plain); reason != "" {
		return &RefusedError{Addr: plain, Reason: reason}
	}
	if inner, ok := embeddedIPv4(plain); ok && !g.allowed(inner) {
		if reason := refusedReason(inner); reason != "" {
			return &RefusedError{Addr: plain, Reason: reason + " " + inner.String() + " inside an IPv6 address"}
		}
	}
	return nil
}

func (g *Guard) allowed(a netip.Addr) bool {
	for _, p := range g.allow {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// refusedReason is the reason a is refused, or "" when it is not.
func refusedReason(a netip.Addr) string {
	if !a.IsValid() {
		return "invalid"
	}
	for _, r := range refusedRanges {
		if r.prefix.Contains(a) {
			return r.reason
		}
	}
	return ""
}

// embeddedIPv4 returns the IPv4 address a NAT64 or 6to4 address carries.
func embeddedIPv4(a netip.Addr) (netip.Addr, bool) {
	b := a.As16()
	switch {
	case a.Is6() && nat64.Contains(a):
		return netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}), true
	case a.Is6() && sixToF4.Contains(a):
		return netip.AddrFrom4([4]byte{b[2], b[3], b[4], b[5]}), true
	}
	return netip.Addr{}, false
}

// control is the net.Dialer's ControlContext: it sees the address being
// dialled after resolution, for every address the dialer tries, so a DNS
// answer that points at an internal address, first or after a rebinding,
// is refused before a byte is sent.
func (g *Guard) control(_ context.Context, _, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("outbound: unreadable dial address: %w", err)
	}
	return g.Check(ap.Addr())
}
