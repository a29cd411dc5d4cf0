package faultproxy

import (
	"fmt"
	"strings"
	"sync"
)

// Counts is what the proxy has done so far.
type Counts struct {
	Requests int64           // every request received, OPTIONS included
	Matched  int64           // requests the predicate exposed to faults
	Faults   map[Fault]int64 // injected faults by kind (None is not counted)
}

// Injected is the number of requests that got a fault.
func (c Counts) Injected() int64 {
	var n int64
	for _, v := range c.Faults {
		n += v
	}
	return n
}

// String is one line for logs, e.g.
// "requests=310 matched=240 latency=12 5xx=20 429=19 reset=9 drop=21 truncate=10".
func (c Counts) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "requests=%d matched=%d", c.Requests, c.Matched)
	for _, f := range faultsInOrder {
		fmt.Fprintf(&b, " %s=%d", f, c.Faults[f])
	}
	return b.String()
}

type counter struct {
	mu sync.Mutex
	c  Counts
}

func (k *counter) request(matched bool, f Fault) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.c.Requests++
	if !matched {
		return
	}
	k.c.Matched++
	if f != None {
		if k.c.Faults == nil {
			k.c.Faults = map[Fault]int64{}
		}
		k.c.Faults[f]++
	}
}

func (k *counter) snapshot() Counts {
	k.mu.Lock()
	defer k.mu.Unlock()
	out := Counts{Requests: k.c.Requests, Matched: k.c.Matched, Faults: map[Fault]int64{}}
	for f, n := range k.c.Faults {
		out.Faults[f] = n
	}
	return out
}
