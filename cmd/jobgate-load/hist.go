package main

import (
	"math"
	"math/bits"
	"time"
)

// histogram is a fixed, HDR-like log-linear latency histogram in
// microseconds: values below 128 µs are exact, larger ones fall into
// buckets 1/64 of their power of two wide (under 1.6 % error). It is not
// safe for concurrent use: each client keeps its own and they are merged.
type histogram struct {
	counts   [histBuckets]uint64
	total    uint64
	sum      uint64
	min, max uint64
}

const (
	histSubBits = 7
	histSub     = 1 << histSubBits // exact region and sub-buckets per power of two, doubled
	histHalf    = histSub / 2
	histBuckets = histSub + (64-histSubBits)*histHalf
)

func newHistogram() *histogram { return &histogram{min: math.MaxUint64} }

func bucketOf(v uint64) int {
	if v < histSub {
		return int(v)
	}
	shift := bits.Len64(v) - histSubBits
	return histSub + (shift-1)*histHalf + int(v>>shift) - histHalf
}

// bucketHigh is the largest value that falls into bucket i.
func bucketHigh(i int) uint64 {
	if i < histSub {
		return uint64(i)
	}
	shift := (i-histSub)/histHalf + 1
	top := uint64((i-histSub)%histHalf + histHalf)
	return (top+1)<<shift - 1
}

func (h *histogram) Record(d time.Duration) {
	v := uint64(0)
	if d > 0 {
		v = uint64(d / time.Microsecond)
	}
	h.counts[bucketOf(v)]++
	h.total++
	h.sum += v
	h.min = min(h.min, v)
	h.max = max(h.max, v)
}

func (h *histogram) Merge(o *histogram) {
	for i, c := range o.counts {
		h.counts[i] += c
	}
	h.total += o.total
	h.sum += o.sum
	h.min = min(h.min, o.min)
	h.max = max(h.max, o.max)
}

func (h *histogram) Count() uint64 { return h.total }

func (h *histogram) Max() time.Duration {
	if h.total == 0 {
		return 0
	}
	return time.Duration(h.max) * time.Microsecond
}

func (h *histogram) Mean() time.Duration {
	if h.total == 0 {
		return 0
	}
	return time.Duration(h.sum/h.total) * time.Microsecond
}

// Quantile returns the value at or below which a fraction q of the
// recordings lie (the bucket's upper bound, never above the largest value
// recorded); 0 when empty.
func (h *histogram) Quantile(q float64) time.Duration {
	if h.total == 0 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(h.total)))
	rank = max(1, min(rank, h.total))
	var seen uint64
	for i, c := range h.counts {
		seen += c
		if seen >= rank {
			return time.Duration(min(max(bucketHigh(i), h.min), h.max)) * time.Microsecond
		}
	}
	return time.Duration(h.max) * time.Microsecond
}
