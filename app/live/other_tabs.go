package live

// sessionStorageKey is the localStorage key of the saved session (the
// core's BrowserKVPrefix + "session"). Other tabs watch it to notice a
// logout.
const sessionStorageKey = "hellomatrix.session"

// signedOutElsewhere is called when another tab of the guide removed the
// saved session, i.e. the reader logged out there. That tab already told the
// server and cleared storage, so this one only lets go: the token is dead,
// and a sync loop still using it would fail (or worse, look signed in).
func (m *Model) signedOutElsewhere() {
	m.mu.Lock()
	if m.client == nil && m.userID == "" {
		m.mu.Unlock()
		return
	}
	m.dropSessionLocked(m.say("session.logged_out_elsewhere"))
	m.mu.Unlock()
	m.changed()
}
