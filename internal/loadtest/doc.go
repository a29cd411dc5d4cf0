// Package loadtest sends a fixed, bounded load at the guide's web server on
// loopback and measures it: how many requests, how many failed, and the 99th
// percentile latency, overall and per route. `make load` runs it through
// cmd/load against a real `go run ./app serve`. It runs natively, as a
// measurement tool.
package loadtest
