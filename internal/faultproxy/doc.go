// Package faultproxy is test equipment: an HTTP reverse proxy on loopback that
// sits between a client and a real homeserver and, on a seeded schedule,
// slows, refuses, resets or loses requests, so tests can show the client
// delivers every message exactly once anyway. It only ever listens on and
// forwards to loopback addresses. It runs in tests only, natively.
package faultproxy
