package sim

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ChannelsControl calls the control API of a Channels served at Sim (its
// base URL), as `vendorsim channels` does. channel is ChannelNAV or
// ChannelFINN. Each call answers the API's status and JSON body; a
// transport error or an unknown channel is the error.
type ChannelsControl struct {
	// Sim is the Channels server's base URL, e.g. http://127.0.0.1:9091.
	Sim string
}

// Stats fetches the channel's stats (NAVStats, FINNStats), or both
// channels' with channel "".
func (c ChannelsControl) Stats(ctx context.Context, channel string) (Response, error) {
	if channel == "" {
		return send(ctx, "GET", c.base()+"/_sim/channels", nil)
	}
	return c.call(ctx, "GET", channel, "", nil)
}

// Ads lists what the channel holds: NAVAdStatus or FINNAd per ad.
func (c ChannelsControl) Ads(ctx context.Context, channel string) (Response, error) {
	return c.call(ctx, "GET", channel, "/ads", nil)
}

// Fault sets a fault for the next times requests (times <= 0: until
// cleared); a positive delay sets ChannelFaultSlow's delay, a positive
// retryAfter ChannelFault429's Retry-After.
func (c ChannelsControl) Fault(ctx context.Context, channel string, kind ChannelFault, times int, delay, retryAfter time.Duration) (Response, error) {
	q := url.Values{"kind": {string(kind)}, "times": {strconv.Itoa(times)}}
	if delay > 0 {
		q.Set("delay", delay.String())
	}
	if retryAfter > 0 {
		q.Set("retry_after", retryAfter.String())
	}
	return c.call(ctx, "POST", channel, "/fault", q)
}

// ClearFault makes the channel answer correctly again.
func (c ChannelsControl) ClearFault(ctx context.Context, channel string) (Response, error) {
	return c.call(ctx, "DELETE", channel, "/fault", nil)
}

// Down takes the channel down for d (d <= 0: until Up).
func (c ChannelsControl) Down(ctx context.Context, channel string, d time.Duration) (Response, error) {
	var q url.Values
	if d > 0 {
		q = url.Values{"for": {d.String()}}
	}
	return c.call(ctx, "POST", channel, "/down", q)
}

// Up brings the channel back up.
func (c ChannelsControl) Up(ctx context.Context, channel string) (Response, error) {
	return c.call(ctx, "DELETE", channel, "/down", nil)
}

// ResetStats zeroes the channel's counters.
func (c ChannelsControl) ResetStats(ctx context.Context, channel string) (Response, error) {
	return c.call(ctx, "POST", channel, "/reset-stats", nil)
}

// Reject makes NAV's moderation reject the reference (NAV.Reject).
func (c ChannelsControl) Reject(ctx context.Context, reference, reason string) (Response, error) {
	return c.call(ctx, "POST", ChannelNAV, "/reject", url.Values{"reference": {reference}, "reason": {reason}})
}

// Unknown makes NAV's moderation answer UNKNOWN for the reference
// (NAV.Unknown).
func (c ChannelsControl) Unknown(ctx context.Context, reference string) (Response, error) {
	return c.call(ctx, "POST", ChannelNAV, "/unknown", url.Values{"reference": {reference}})
}

// Moderate decides NAV's waiting ads now, or those of the references
// (NAV.Moderate).
func (c ChannelsControl) Moderate(ctx context.Context, references ...string) (Response, error) {
	var q url.Values
	if len(references) > 0 {
		q = url.Values{"reference": {strings.Join(references, ",")}}
	}
	return c.call(ctx, "POST", ChannelNAV, "/moderate", q)
}

// ModerateAfter makes NAV's moderation run by itself after n status
// requests (n < 0: only Moderate decides; NAV.ModerateAfter).
func (c ChannelsControl) ModerateAfter(ctx context.Context, n int) (Response, error) {
	return c.call(ctx, "POST", ChannelNAV, "/moderate", url.Values{"after": {strconv.Itoa(n)}})
}

// SetContract sets the ad types FINN's customer contract covers (none:
// expired; FINN.SetContract).
func (c ChannelsControl) SetContract(ctx context.Context, adTypes ...string) (Response, error) {
	return c.call(ctx, "PUT", ChannelFINN, "/contract", url.Values{"types": {strings.Join(adTypes, ",")}})
}

func (c ChannelsControl) call(ctx context.Context, method, channel, rest string, q url.Values) (Response, error) {
	if channel != ChannelNAV && channel != ChannelFINN {
		return Response{}, fmt.Errorf("unknown channel %q (want %s or %s)", channel, ChannelNAV, ChannelFINN)
	}
	u := c.base() + "/_sim/" + channel + rest
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return send(ctx, method, u, nil)
}

func (c ChannelsControl) base() string { return strings.TrimRight(c.Sim, "/") }
