package outbound

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGuardTable walks every refused range (issue 13, break 4), in IPv4,
// IPv6 and the IPv6 forms that carry an IPv4 address, and some public
// addresses that must pass.
func TestGuardTable(t *testing.T) {
	g := NewGuard(nil)
	refused := map[string]string{
		"127.0.0.1":              "loopback",
		"127.255.255.254":        "loopback",
		"::1":                    "loopback",
		"::ffff:127.0.0.1":       "loopback",
		"169.254.169.254":        "cloud metadata",
		"::ffff:169.254.169.254": "cloud metadata",
		"fd00:ec2::254":          "cloud metadata",
		"100.100.100.200":        "cloud metadata",
		"169.254.170.2":          "cloud metadata",
		"169.254.1.1":            "link-local",
		"fe80::1":                "link-local",
		"fe80::1%eth0":           "link-local",
		"10.1.2.3":               "private",
		"172.16.0.1":             "private",
		"172.31.255.255":         "private",
		"192.168.0.1":            "private",
		"::ffff:10.0.0.1":        "private",
		"fc00::1":                "private",
		"fd12:3456::1":           "private",
		"100.64.0.1":             "carrier-grade NAT",
		"100.127.255.255":        "carrier-grade NAT",
		"0.0.0.0":                "unspecified",
		"0.1.2.3":                "unspecified",
		"::":                     "unspecified",
		"224.0.0.1":              "multicast",
		"239.255.255.250":        "multicast",
		"ff02::1":                "multicast",
		"255.255.255.255":        "broadcast",
		"240.0.0.1":              "reserved",
		"192.0.2.1":              "documentation",
		"2001:db8::1":            "documentation",
		"64:ff9b::7f00:1":        "loopback 127.0.0.1 inside an IPv6 address",
		"64:ff9b::a9fe:a9fe":     "cloud metadata 169.254.169.254 inside an IPv6 address",
		"2002:c0a8:0101::1":      "private 192.168.1.1 inside an IPv6 address",
		"::127.0.0.1":            "IPv4-compatible",
	}
	for addr, reason := range refused {
		err := g.Check(netip.MustParseAddr(addr))
		var re *RefusedError
		require.ErrorAs(t, err, &re, addr)
		require.Equal(t, reason, re.Reason, addr)
		require.Contains(t, err.Error(), "is not allowed for outbound calls ("+reason+"); see JOBGATE_OUTBOUND_ALLOW", addr)
	}
	for _, addr := range []string{"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2a00:1450:4001::1",
		"::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1", "11.0.0.1", "192.169.0.1"} {
		require.NoError(t, g.Check(netip.MustParseAddr(addr)), addr)
	}
}

func TestGuardRefusalNamesTheAddress(t *testing.T) {
	err := NewGuard(nil).Check(netip.MustParseAddr("127.0.0.1"))
	require.EqualError(t, err, "address 127.0.0.1 is not allowed for outbound calls (loopback); see JOBGATE_OUTBOUND_ALLOW")
	err = NewGuard(nil).Check(netip.MustParseAddr("::ffff:169.254.169.254"))
	require.EqualError(t, err, "address 169.254.169.254 is not allowed for outbound calls (cloud metadata); see JOBGATE_OUTBOUND_ALLOW")
}

func TestAllowList(t *testing.T) {
	g := NewGuard(MustParseAllow("127.0.0.0/8, 10.20.0.0/16,fd00::/8, 169.254.169.254"))
	for _, addr := range []string{"127.0.0.1", "::ffff:127.0.0.1", "10.20.3.4", "fd00:ec2::254", "169.254.169.254"} {
		require.NoError(t, g.Check(netip.MustParseAddr(addr)), addr)
	}
	for _, addr := range []string{"::1", "10.21.0.1", "fc00::1", "169.254.169.253", "192.168.1.1"} {
		require.Error(t, g.Check(netip.MustParseAddr(addr)), addr)
	}
}

func TestParseAllow(t *testing.T) {
	p, err := ParseAllow("")
	require.NoError(t, err)
	require.Empty(t, p)
	p, err = ParseAllow(" 127.0.0.0/8 ,, 10.1.2.3/8 ,::1 ")
	require.NoError(t, err)
	require.Equal(t, []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}, p)
	for _, bad := range []string{"localhost", "10.0.0.0/33", "127.0.0.0/8,nope", "10.0.0"} {
		_, err := ParseAllow(bad)
		require.Error(t, err, bad)
	}
}
