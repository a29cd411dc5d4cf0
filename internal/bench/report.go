package main

import (
	"fmt"
	"io"
	"sort"
	"time"
)

// report collects figures in the order they are measured; the required keys
// come first, details after, so `make bench | head` shows what matters.
type report struct {
	lines   []string
	details []string
	failed  bool
}

func (r *report) Int(key string, v int64) { r.lines = append(r.lines, fmt.Sprintf("%s: %d", key, v)) }
func (r *report) Ratio(key string, v float64) {
	r.lines = append(r.lines, fmt.Sprintf("%s: %.2f", key, v))
}
func (r *report) Detail(format string, args ...any) {
	r.details = append(r.details, fmt.Sprintf(format, args...))
}

func (r *report) Print(w io.Writer) {
	for _, l := range r.lines {
		fmt.Fprintln(w, l)
	}
	for _, l := range r.details {
		fmt.Fprintln(w, l)
	}
	if failures > 0 {
		r.failed = true
		fmt.Fprintf(w, "bench_failures: %d\n", failures)
	}
}

// median of durations; 0 for none.
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 0 {
		return (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return s[len(s)/2]
}

// medianMS is the median in whole milliseconds, as the report prints it.
func medianMS(ds []time.Duration) int64 { return median(ds).Round(time.Millisecond).Milliseconds() }

func msList(ds []time.Duration) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = d.Round(time.Millisecond).Milliseconds()
	}
	return out
}
