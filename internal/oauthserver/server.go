package oauthserver

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"hellomatrix/internal/hsharness"
)

// Options are the stand-in's knobs. The zero value is a relaxed server (http
// on loopback allowed, as MAS's allow_insecure_uris) with open sign-up and
// MAS's default lifetimes.
type Options struct {
	// Addr is the loopback address to listen on; "" picks a free port on
	// 127.0.0.1. Anything but a loopback IP is refused.
	Addr string
	// Secret is the shared secret Synapse sends to introspect tokens and the
	// stand-in sends to /_synapse/mas/; "" picks a random one.
	Secret string
	// AccessTokenTTL is how long an access token lasts; 0 means 5 minutes,
	// MAS's default (crates/config/src/sections/experimental.rs).
	AccessTokenTTL time.Duration
	// CodeTTL is how long an authorization code can be exchanged; 0 means
	// 10 minutes, the most RFC 6749 §4.1.2 recommends.
	CodeTTL time.Duration
	// StrictClientPolicy applies MAS's default client registration policy:
	// client_uri and every other URI must be https and not on localhost, so
	// a web client served over http on loopback is refused. Off, http on a
	// loopback host is allowed (MAS's allow_insecure_uris) and every other
	// rule stays.
	StrictClientPolicy bool
	// RegistrationDisabled closes sign-up: no prompt=create in the metadata
	// and no sign-up page (MAS offers create only with password
	// registration on, crates/handlers/src/oauth2/discovery.rs).
	RegistrationDisabled bool
}

// Server is a running stand-in authorization server.
type Server struct {
	// URL is the issuer, "http://127.0.0.1:PORT/" with the trailing slash
	// MAS's issuer has. Every endpoint is below it; Synapse's
	// matrix_authentication_service.endpoint is this URL too.
	URL string
	// Secret is the shared secret (Options.Secret or the random one).
	Secret string

	opts Options
	addr string
	hc   *http.Client // for the homeserver's /_synapse/mas/ API

	mu        sync.Mutex
	homeURL   string // Synapse's base URL, set by SetHomeserver
	accessTTL time.Duration
	users     map[string]*user    // by localpart
	clients   map[string]*client  // by client_id
	grants    map[string]*grant   // pending authorization requests, by id
	codes     map[string]*code    // by code
	tokens    map[string]*token   // access and refresh tokens, by value
	sessions  map[string]*session // by id

	lmu     sync.Mutex // guards the listener state below
	srv     *http.Server
	served  chan struct{} // closed when srv's Serve returns
	stopped bool
}

// Start listens on o.Addr (a free loopback port by default) and serves
// until Stop. ctx bounds nothing after Start returns.
func Start(ctx context.Context, o Options) (*Server, error) {
	addr := "127.0.0.1:0"
	if o.Addr != "" {
		a, err := hsharness.LoopbackAddr("oauthserver", o.Addr)
		if err != nil {
			return nil, err
		}
		addr = a
	}
	if o.AccessTokenTTL <= 0 {
		o.AccessTokenTTL = 5 * time.Minute
	}
	if o.CodeTTL <= 0 {
		o.CodeTTL = 10 * time.Minute
	}
	if o.Secret == "" {
		o.Secret = randomString(24)
	}
	s := &Server{
		Secret:    o.Secret,
		opts:      o,
		hc:        &http.Client{Timeout: 15 * time.Second},
		accessTTL: o.AccessTokenTTL,
		users:     map[string]*user{},
		clients:   map[string]*client{},
		grants:    map[string]*grant{},
		codes:     map[string]*code{},
		tokens:    map[string]*token{},
		sessions:  map[string]*session{},
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("oauthserver: listening on %s: %w", addr, err)
	}
	s.addr = ln.Addr().String()
	s.URL = "http://" + s.addr + "/"
	s.serve(ln)
	return s, nil
}

// serve starts an http.Server on ln; the lock must not be held by others.
func (s *Server) serve(ln net.Listener) {
	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	s.lmu.Lock()
	s.srv, s.served = srv, done
	s.lmu.Unlock()
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
}

// Stop closes the listener and every connection. Safe to call more than
// once.
func (s *Server) Stop() error {
	s.lmu.Lock()
	s.stopped = true
	s.lmu.Unlock()
	return s.Down()
}

// Down makes the server unreachable (connections refused) without losing
// its users, clients or sessions, as an authorization server that went away
// mid-test. Up brings it back on the same address.
func (s *Server) Down() error {
	s.lmu.Lock()
	srv, done := s.srv, s.served
	s.srv = nil
	s.lmu.Unlock()
	if srv == nil {
		return nil
	}
	err := srv.Close()
	<-done
	return err
}

// Up listens again on the address Down left, keeping all state. It fails
// if another process took the port meanwhile, or after Stop.
func (s *Server) Up() error {
	s.lmu.Lock()
	running, stopped := s.srv != nil, s.stopped
	s.lmu.Unlock()
	if stopped {
		return errors.New("oauthserver: Up after Stop")
	}
	if running {
		return nil
	}
	ln, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("oauthserver: listening again on %s: %w", s.addr, err)
	}
	s.serve(ln)
	return nil
}

// SetHomeserver tells the stand-in where Synapse's client-server API is
// (its base URL, e.g. "http://127.0.0.1:8008"). Synapse needs the issuer
// before it starts, so this comes after: until it is set, no tokens are
// issued, as a MAS without its homeserver cannot provision anyone.
func (s *Server) SetHomeserver(url string) {
	s.mu.Lock()
	s.homeURL = strings.TrimRight(url, "/")
	s.mu.Unlock()
}

// SetAccessTokenTTL changes the lifetime of access tokens issued from now
// on (refresh or code exchange), for the one test that needs short tokens
// on a shared server; 0 restores Options.AccessTokenTTL.
func (s *Server) SetAccessTokenTTL(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d <= 0 {
		d = s.opts.AccessTokenTTL
	}
	s.accessTTL = d
}

// endpoint is the absolute URL of a path below the issuer.
func (s *Server) endpoint(path string) string { return s.URL + strings.TrimPrefix(path, "/") }

// randomString is n random bytes, base64url without padding: codes, tokens,
// client and grant ids.
func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
