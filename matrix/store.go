package matrix

import (
	"encoding/json"
)

// SessionStore keeps the signed-in session between visits, so a reader who
// signed up in chapter 2 is still signed in in chapter 5 and after a reload.
type SessionStore interface {
	// Load returns the saved session, or nil and no error when there is
	// none.
	Load() (*Session, error)
	// Save replaces the saved session.
	Save(Session) error
	// Clear forgets the saved session (after Logout, or when it expired).
	Clear() error
}

// SessionKey is the KV key the session is stored under. In the browser it
// becomes the localStorage item "hellomatrix.session".
const SessionKey = "session"

// kvSessionStore is SessionStore on any KV, as JSON.
type kvSessionStore struct{ kv KV }

// NewSessionStore returns a SessionStore keeping the session as JSON under
// SessionKey in kv. The platform constructors below are shortcuts for it.
func NewSessionStore(kv KV) SessionStore { return kvSessionStore{kv: kv} }

// NewMemorySessionStore forgets the session when the process (or tab) ends:
// for tests, and as the fallback when the browser refuses storage.
func NewMemorySessionStore() SessionStore { return NewSessionStore(NewMemoryKV()) }

// What went wrong with the stored session (KindStorage; without a Reason,
// it could not be saved).
const (
	ReasonSessionUnreadable Reason = "session_unreadable"
	ReasonSessionDamaged    Reason = "session_damaged"
	ReasonSessionIncomplete Reason = "session_incomplete" // Save of a session without token or server
	ReasonSessionNotCleared Reason = "session_not_cleared"
	ReasonNoSessionFolder   Reason = "no_session_folder"  // natively: the folder could not be made
	ReasonNoBrowserStorage  Reason = "no_browser_storage" // the browser refuses localStorage
)

func (s kvSessionStore) Load() (*Session, error) {
	raw, ok, err := s.kv.Get(SessionKey)
	if err != nil {
		return nil, &Error{Kind: KindStorage, Reason: ReasonSessionUnreadable, Err: err}
	}
	if !ok {
		return nil, nil
	}
	var sess Session
	if err := json.Unmarshal(raw, &sess); err != nil || !sess.valid() {
		// A damaged entry would fail the same way on every visit: say so
		// once and let the widget Clear it.
		return nil, &Error{Kind: KindStorage, Reason: ReasonSessionDamaged, Err: err}
	}
	return &sess, nil
}

func (s kvSessionStore) Save(sess Session) error {
	if !sess.valid() {
		return &Error{Kind: KindStorage, Reason: ReasonSessionIncomplete}
	}
	raw, err := json.Marshal(sess)
	if err == nil {
		err = s.kv.Set(SessionKey, raw)
	}
	if err != nil {
		return &Error{Kind: KindStorage, Err: err}
	}
	return nil
}

func (s kvSessionStore) Clear() error {
	if err := s.kv.Delete(SessionKey); err != nil {
		return &Error{Kind: KindStorage, Reason: ReasonSessionNotCleared, Err: err}
	}
	return nil
}

// valid: the three fields without which no request can be made. DeviceID
// is optional (some servers omit it), so it is not required.
func (s Session) valid() bool {
	return s.HomeserverURL != "" && s.UserID != "" && s.AccessToken != ""
}
