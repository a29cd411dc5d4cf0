package faultproxy

// Fault is one way the proxy can misbehave on a request.
type Fault int

const (
	// None forwards the request untouched.
	None Fault = iota
	// Latency waits a while, then forwards: a slow mobile network.
	Latency
	// ServerError answers 502, 503 or 504 itself, without forwarding: a
	// gateway whose homeserver is restarting. The server did nothing.
	ServerError
	// RateLimit answers 429 M_LIMIT_EXCEEDED with Retry-After and
	// retry_after_ms, without forwarding. The server did nothing.
	RateLimit
	// Reset closes the connection with a TCP RST before reading the
	// request. The server did nothing, but the client cannot know that.
	Reset
	// Drop forwards the request, lets the server finish it, then hangs up
	// without answering: the lost response that makes retries dangerous
	// unless they are idempotent.
	Drop
	// Truncate forwards the request, then sends the status line, the
	// headers and half of the body before hanging up: a connection lost
	// mid-download. The server did the work; the client holds a 2xx status
	// it cannot read the body of.
	Truncate
)

// faultsInOrder is the order in which the schedule lays the rates out on
// [0, 1); changing it changes which request gets which fault for a seed.
var faultsInOrder = []Fault{Latency, ServerError, RateLimit, Reset, Drop, Truncate}

// Kinds lists every fault the proxy can inject, in a fixed order.
func Kinds() []Fault { return append([]Fault(nil), faultsInOrder...) }

func (f Fault) String() string {
	switch f {
	case None:
		return "none"
	case Latency:
		return "latency"
	case ServerError:
		return "5xx"
	case RateLimit:
		return "429"
	case Reset:
		return "reset"
	case Drop:
		return "drop"
	case Truncate:
		return "truncate"
	}
	return "unknown"
}

// Forwarded reports whether the server sees a request that gets this fault.
func (f Fault) Forwarded() bool {
	switch f {
	case ServerError, RateLimit, Reset:
		return false
	}
	return true
}
