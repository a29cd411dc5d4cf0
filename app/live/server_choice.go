package live

import (
	"context"
	"strings"
	"time"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// discoverTimeout bounds one server check: a reader watching "Checking…"
// should hear back within a reasonable time even from a silent address.
const discoverTimeout = 30 * time.Second

// Server is what checking the chosen server found: its name, the verdict
// in words, and what its sign-up form will ask for.
type Server struct {
	Name    string
	Verdict Verdict
	// NeedsToken: sign-up asks for an invitation code.
	NeedsToken bool
	// NeedsEmail: sign-up asks for an email address and mails a link.
	NeedsEmail bool
	// Terms are the policies sign-up asks to accept, when it does.
	Terms []Policy

	found *matrix.Server // what the core's Discover returned, for signing up and in
}

// Policy is one of a server's terms, with its title and address in each
// language the server offers (Policy.In picks one).
type Policy = matrix.Policy

// newServer words what matrix.Discover found, in w's language.
func newServer(w *words.Words, srv *matrix.Server) *Server {
	s := &Server{Name: srv.Name, Verdict: verdictFor(w, srv), NeedsToken: srv.Auth.RegistrationNeedsToken,
		NeedsEmail: srv.Auth.RegistrationNeedsEmail, found: srv}
	if srv.Auth.RegistrationNeedsTerms {
		s.Terms = srv.Auth.Terms
	}
	return s
}

// core is what the core knows of s, or nil for no server.
func (s *Server) core() *matrix.Server {
	if s == nil {
		return nil
	}
	return s.found
}

// NeedServer says that a widget on the page (the picker, the sign-up form)
// wants the chosen server checked; it is checked once per page load, and
// only then, so chapters without such a widget send nothing anywhere.
func (m *Model) NeedServer() {
	m.mu.Lock()
	m.wantServer = true
	m.mu.Unlock()
	m.probeIfWanted()
}

// probeIfWanted checks the chosen server if a widget needs it and nobody
// has yet.
func (m *Model) probeIfWanted() {
	m.mu.Lock()
	input := m.serverInput
	due := m.wantServer && input != "" && m.server == nil && m.serverErr == nil && !m.checking
	m.mu.Unlock()
	if due {
		m.PickServer(input)
	}
}

// PickServer makes input the chosen server and checks it from the browser
// with matrix.Discover: whether it is a Matrix server, and how one signs up
// and in there. The choice is remembered across reloads. It returns at
// once; the answer arrives as a change (View.Server or View.ServerErr).
func (m *Model) PickServer(input string) {
	input = strings.TrimSpace(input)
	m.mu.Lock()
	m.checkSeq++
	seq := m.checkSeq
	m.serverInput, m.server, m.serverErr, m.checking = input, nil, nil, input != ""
	kv := m.storage.kv
	m.mu.Unlock()
	m.changed()
	if input == "" {
		return
	}
	if kv != nil {
		_ = kv.Set(serverKey, []byte(input))
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), discoverTimeout)
		defer cancel()
		srv, err := matrix.Discover(ctx, input)
		var found *Server
		if srv != nil {
			found = newServer(m.speaking(), srv)
		}
		m.update(func() {
			if seq != m.checkSeq {
				return // the reader has picked another server since
			}
			m.server, m.serverErr, m.checking = found, err, false
		})
	}()
}

// CheckServer asks one server, from the browser, what a reader can do
// there today (the directory's "Check" button), in the model's words. It
// leaves the chosen server alone, and blocks until the answer.
func (m *Model) CheckServer(name string) (Verdict, error) {
	ctx, cancel := context.WithTimeout(context.Background(), discoverTimeout)
	defer cancel()
	srv, err := matrix.Discover(ctx, name)
	if err != nil {
		return Verdict{}, err
	}
	return verdictFor(m.speaking(), srv), nil
}
