package faultproxy

import "fmt"

// Rates is the probability of each fault for one matched request. Their sum
// must not exceed 1; the rest of the time the request passes untouched.
type Rates struct {
	Latency     float64
	ServerError float64
	RateLimit   float64
	Reset       float64
	Drop        float64
	Truncate    float64
}

func (r Rates) of(f Fault) float64 {
	switch f {
	case Latency:
		return r.Latency
	case ServerError:
		return r.ServerError
	case RateLimit:
		return r.RateLimit
	case Reset:
		return r.Reset
	case Drop:
		return r.Drop
	case Truncate:
		return r.Truncate
	}
	return 0
}

func (r Rates) validate() error {
	sum := 0.0
	for _, f := range faultsInOrder {
		p := r.of(f)
		if p < 0 || p > 1 {
			return fmt.Errorf("faultproxy: rate of %s is %v, want 0..1", f, p)
		}
		sum += p
	}
	if sum > 1+1e-9 {
		return fmt.Errorf("faultproxy: rates add up to %v, more than 1", sum)
	}
	return nil
}
