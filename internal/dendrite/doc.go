// Package dendrite runs a real Dendrite homeserver on loopback: for the tests
// of everything that talks Matrix, and as the practice ("sandbox") server that
// `make run` starts beside the guide.
//
// Dendrite is built once from the Go module proxy and cached outside the repo,
// because `go install …@version` needs the proxy's version list, which is not
// reachable here. It runs natively on the test and server side (the tests,
// `make run`), never in the browser.
package dendrite
