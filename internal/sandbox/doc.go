// Package sandbox runs the practice homeserver that `make run` starts beside
// the guide: a persistent Dendrite on loopback with a public #welcome room and
// a greeter that answers each newcomer's first message, so a reader's first
// message gets a real reply. It runs natively on the server side, in `app
// serve`.
package sandbox
