package hsharness

import (
	"fmt"
	"net"
)

// LoopbackAddr resolves the listen address, refusing anything off loopback:
// a harness must never expose a homeserver to the network. An empty addr
// picks a free port on 127.0.0.1. kind ("synapse", "dendrite") starts the
// error sentences.
func LoopbackAddr(kind, addr string) (string, error) {
	if addr == "" {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return "", err
		}
		defer l.Close()
		return l.Addr().String(), nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("%s: address %q: %w", kind, addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return "", fmt.Errorf("%s: address %q is not a loopback IP; the harness only listens on 127.0.0.1 or ::1", kind, addr)
	}
	return addr, nil
}
