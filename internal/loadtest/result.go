package loadtest

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
	"time"
)

// Result is what a run measured.
type Result struct {
	Elapsed  time.Duration
	CutShort bool // the time cap ended the run before every request was made

	mu        sync.Mutex
	order     []string                   // routes in the order given
	latencies map[string][]time.Duration // per route
	errors    map[string]int
	samples   map[string]error // the first error per route, to show why
}

func newResult(routes []Route) *Result {
	r := &Result{latencies: map[string][]time.Duration{}, errors: map[string]int{}, samples: map[string]error{}}
	for _, rt := range routes {
		r.order = append(r.order, rt.Path)
	}
	return r
}

func (r *Result) record(route string, took time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.latencies[route] = append(r.latencies[route], took)
	if err != nil {
		r.errors[route]++
		if r.samples[route] == nil {
			r.samples[route] = err
		}
	}
}

// Requests is how many requests were made.
func (r *Result) Requests() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, l := range r.latencies {
		n += len(l)
	}
	return n
}

// Errors is how many requests failed: no answer, a status other than 200,
// a body that broke off, or a failed route check.
func (r *Result) Errors() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, e := range r.errors {
		n += e
	}
	return n
}

// P99 is the 99th percentile latency of all requests (nearest rank).
func (r *Result) P99() time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	var all []time.Duration
	for _, l := range r.latencies {
		all = append(all, l...)
	}
	return percentile(all, 99)
}

// percentile is the nearest-rank percentile: the smallest value that at
// least p% of the samples do not exceed.
func percentile(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	rank := int(math.Ceil(p / 100 * float64(len(s))))
	return s[max(rank, 1)-1]
}

func ms(d time.Duration) int64 { return int64(math.Ceil(float64(d) / float64(time.Millisecond))) }

// Print writes the summary: first the three lines scripts read
// (load_requests, load_errors, load_p99_ms), then throughput and the
// per-route figures for people.
func (r *Result) Print(w io.Writer) {
	fmt.Fprintf(w, "load_requests: %d\n", r.Requests())
	fmt.Fprintf(w, "load_errors: %d\n", r.Errors())
	fmt.Fprintf(w, "load_p99_ms: %d\n", ms(r.P99()))
	if r.Elapsed > 0 {
		fmt.Fprintf(w, "load_rps: %.0f\n", float64(r.Requests())/r.Elapsed.Seconds())
	}
	if r.CutShort {
		fmt.Fprintln(w, "load_cut_short: true")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, route := range r.order {
		l := r.latencies[route]
		fmt.Fprintf(w, "route %-36s requests %4d  errors %3d  p50_ms %5d  p99_ms %5d\n",
			route, len(l), r.errors[route], ms(percentile(l, 50)), ms(percentile(l, 99)))
		if err := r.samples[route]; err != nil {
			fmt.Fprintf(w, "      first error: %v\n", err)
		}
	}
}
