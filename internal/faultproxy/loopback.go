package faultproxy

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// The proxy is test equipment that breaks things on purpose: it must never
// be reachable from the network nor aimed at a server someone else runs.

func checkListenAddr(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("faultproxy: listen address %q: %w", addr, err)
	}
	if !isLoopbackIP(host) {
		return fmt.Errorf("faultproxy: refusing to listen on %q: only loopback IPs (127.0.0.1, ::1)", addr)
	}
	return nil
}

func checkTarget(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("faultproxy: target %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("faultproxy: target %q is not an http(s) URL", raw)
	}
	h := u.Hostname()
	if !isLoopbackIP(h) && !strings.EqualFold(h, "localhost") {
		return nil, fmt.Errorf("faultproxy: refusing to forward to %q: only loopback targets", raw)
	}
	return u, nil
}

func isLoopbackIP(host string) bool {
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
