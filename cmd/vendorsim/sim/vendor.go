package sim

import (
	"fmt"
	"strings"
)

// Vendor names a polled vendor's feed family, as in the control API's
// /_sim/{vendor}/ paths.
type Vendor string

// The simulated polled vendors.
const (
	// VendorLever is Lever's global instance, api.lever.co (§2.1).
	VendorLever Vendor = "lever"
	// VendorLeverEU is Lever's EU instance, api.eu.lever.co, served under
	// /eu: a site lives on one instance only.
	VendorLeverEU Vendor = "lever-eu"
	// VendorJobylon is Jobylon's partner feed (§3.1).
	VendorJobylon Vendor = "jobylon"
	// VendorReachMee is ReachMee's public RSS export (§4).
	VendorReachMee Vendor = "reachmee"
	// VendorWorkbuster is a Workbuster customer's JSON job feed
	// (workbuster_feed.go).
	VendorWorkbuster Vendor = "workbuster"
)

// newWire is the renderer of the vendor's feed with this key.
func newWire(v Vendor, key string) (wire, error) {
	switch v {
	case VendorLever, VendorLeverEU:
		return leverWire{site: key, eu: v == VendorLeverEU}, nil
	case VendorJobylon:
		return jobylonWire{hash: key}, nil
	case VendorReachMee:
		parts := strings.SplitN(key, ":", 3)
		if len(parts) != 3 || parts[0] == "" || parts[1] == "" {
			return nil, fmt.Errorf("a ReachMee feed key is {siteId}:{InstallationID}:{CustomerName}, not %q", key)
		}
		return reachMeeWire{site: parts[0], installation: parts[1], customer: parts[2]}, nil
	case VendorWorkbuster:
		return workbusterWire{customer: key}, nil
	}
	return nil, fmt.Errorf("unknown vendor %q (want lever, lever-eu, jobylon, reachmee or workbuster)", v)
}
