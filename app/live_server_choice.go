package main

import (
	"context"
	"strings"
	"time"

	"hellomatrix/matrix"
)

// discoverTimeout bounds one server check: a reader watching "Checking…"
// should hear back within a reasonable time even from a silent address.
const discoverTimeout = 30 * time.Second

// needServer says that a widget on the page (the picker, the sign-up form)
// wants the chosen server checked; it is checked once per page load, and
// only then, so chapters without such a widget send nothing anywhere.
func (s *liveState) needServer() {
	s.mu.Lock()
	s.wantServer = true
	s.mu.Unlock()
	s.probeIfWanted()
}

// probeIfWanted checks the chosen server if a widget needs it and nobody
// has yet.
func (s *liveState) probeIfWanted() {
	s.mu.Lock()
	input := s.serverInput
	due := s.wantServer && input != "" && s.server == nil && s.serverErr == nil && !s.checking
	s.mu.Unlock()
	if due {
		s.pickServer(input)
	}
}

// pickServer makes input the chosen server and checks it from the browser
// with matrix.Discover: whether it is a Matrix server, and how one signs up
// and in there. The choice is remembered across reloads.
func (s *liveState) pickServer(input string) {
	input = strings.TrimSpace(input)
	s.mu.Lock()
	s.checkSeq++
	seq := s.checkSeq
	s.serverInput, s.server, s.serverErr, s.checking = input, nil, nil, input != ""
	kv := s.storage.kv
	s.mu.Unlock()
	s.changed()
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
		s.update(func() {
			if seq != s.checkSeq {
				return // the reader has picked another server since
			}
			s.server, s.serverErr, s.checking = srv, err, false
		})
	}()
}
