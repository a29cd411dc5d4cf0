package live

// OpenFirstRoom takes a reader who has just created an account straight to
// a room to write in, so the first message is one field and one button
// away: the practice server's #welcome, where the greeter answers, when
// the guide runs one; otherwise a new private room of their own, a safe
// place to try (nobody else is in it). It blocks until the server answers.
func OpenFirstRoom() error {
	s := the
	s.mu.Lock()
	sb := s.sandbox
	s.mu.Unlock()
	if sb != nil && sb.WelcomeAlias != "" {
		return JoinRoom(sb.WelcomeAlias)
	}
	return CreatePrivateRoom("")
}
