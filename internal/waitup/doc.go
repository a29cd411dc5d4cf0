// Package waitup waits for a server the tools started to answer, so the
// Dendrite harness and the load generator share one start-up loop. It runs
// natively, in test and build tools.
package waitup
