package live

// OpenFirstRoom takes a reader who has just created an account straight to
// a room to write in, so the first message is one field and one button
// away: the practice server's #welcome, where the greeter answers, when
// the guide runs one; otherwise a new private room of their own, a safe
// place to try (nobody else is in it). It blocks until the server answers.
func (m *Model) OpenFirstRoom() error {
	m.mu.Lock()
	sb := m.sandbox
	m.mu.Unlock()
	if sb != nil && sb.WelcomeAlias != "" {
		return m.JoinRoom(sb.WelcomeAlias)
	}
	return m.CreatePrivateRoom("")
}
