package faultproxy

import (
	"math/rand/v2"
	"sync"
	"time"
)

// decision is what happens to one matched request.
type decision struct {
	fault  Fault
	status int           // for ServerError: 502, 503 or 504
	delay  time.Duration // for Latency
}

// schedule draws decisions from a seeded generator, so the n-th matched
// request gets the same fault on every run with the same seed and rates.
// (Which request is n-th depends on the client's timing when several are in
// flight at once; a sequential client sees the same faults every time.)
type schedule struct {
	mu         sync.Mutex
	rng        *rand.Rand
	rates      Rates
	maxLatency time.Duration
}

func newSchedule(seed int64, rates Rates, maxLatency time.Duration) *schedule {
	return &schedule{
		rng:        rand.New(rand.NewPCG(uint64(seed), 0x6661756c74)), // "fault"
		rates:      rates,
		maxLatency: maxLatency,
	}
}

func (s *schedule) setRates(r Rates) {
	s.mu.Lock()
	s.rates = r
	s.mu.Unlock()
}

// next decides for one request. It always draws exactly two numbers, so
// one request's fault never shifts the decisions of the ones after it.
func (s *schedule) next() decision {
	s.mu.Lock()
	u, v := s.rng.Float64(), s.rng.Float64()
	rates := s.rates
	s.mu.Unlock()

	d := decision{fault: None}
	edge := 0.0
	for _, f := range faultsInOrder {
		edge += rates.of(f)
		if u < edge {
			d.fault = f
			break
		}
	}
	switch d.fault {
	case ServerError:
		d.status = []int{502, 503, 504}[int(v*3)%3]
	case Latency:
		d.delay = time.Duration(v*float64(s.maxLatency)) + time.Millisecond
	}
	return d
}
