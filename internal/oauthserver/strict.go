package oauthserver

// SetStrictClientPolicy switches MAS's default client registration policy
// on or off for registrations from now on (see Options.StrictClientPolicy),
// for the test that needs a refusal on a server the others share.
func (s *Server) SetStrictClientPolicy(on bool) {
	s.mu.Lock()
	s.opts.StrictClientPolicy = on
	s.mu.Unlock()
}

func (s *Server) strictPolicy() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.opts.StrictClientPolicy
}
