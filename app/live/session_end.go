package live

import (
	"encoding/json"
	"strings"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// A soft logout (the server ended the session but keeps its device, and no
// refresh token could renew it) or a locked account ends the session here
// without wiping what the reader has: the outbox stays in storage, so what
// they typed goes out once they sign in again, and the chosen room and
// server stay too. The sign-in form shows the core's sentence, and signing
// in again as the same person reuses the same device: which one is kept in
// storage too (resumeKey), since the reader may come back only after a
// reload, or days later once the administrators unlock the account.

// keepsDevice reports the endings after which the reader comes back as the
// same device, with their unsent messages.
func keepsDevice(err error) bool {
	switch matrix.KindOf(err) {
	case matrix.KindSoftLogout, matrix.KindAccountLocked:
		return true
	}
	return false
}

// endSoftly drops client's session after err (a keepsDevice ending): the
// saved tokens go, the outbox and the remembered room stay. Sync and a
// send may both learn of the ending; only the first call, while client is
// still the page's, does anything.
func (s *state) endSoftly(client *matrix.Client, err error) {
	sess := client.Session()
	s.mu.Lock()
	if s.client != client {
		s.mu.Unlock()
		return
	}
	_ = s.storage.sessions.Clear()
	s.dropSessionLocked(Message(err))
	s.setResumeLocked(sess.UserID, sess.DeviceID)
	s.mu.Unlock()
	s.changed()
}

// resumeKey holds, after a soft ending, whose session it was and its
// device (a resumePoint as JSON): nothing secret, the tokens are gone.
const resumeKey = "live/resume-device"

type resumePoint struct {
	User   id.UserID   `json:"user"`
	Device id.DeviceID `json:"device"`
}

// setResumeLocked remembers (or, with an empty user, forgets) the device
// to sign in as again, in memory and in storage. s.mu is held.
func (s *state) setResumeLocked(user id.UserID, device id.DeviceID) {
	s.resumeUser, s.resumeDevice = user, device
	if user == "" {
		_ = s.storage.kv.Delete(resumeKey)
		return
	}
	if b, err := json.Marshal(resumePoint{User: user, Device: device}); err == nil {
		_ = s.storage.kv.Set(resumeKey, b)
	}
}

// loadResumeLocked reads what setResumeLocked stored. s.mu is held.
func (s *state) loadResumeLocked() {
	b, ok, _ := s.storage.kv.Get(resumeKey)
	var p resumePoint
	if ok && json.Unmarshal(b, &p) == nil && p.User != "" && p.Device != "" {
		s.resumeUser, s.resumeDevice = p.User, p.Device
	}
}

// resumeDeviceFor is the device to sign in as when user (as typed: a full
// ID or a bare name) is the reader whose session ended softly; "" lets the
// server make a new one.
func (s *state) resumeDeviceFor(user string) id.DeviceID {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.resumeUser == "" {
		return ""
	}
	typed := strings.ToLower(strings.TrimSpace(user))
	full := strings.ToLower(string(s.resumeUser))
	if typed == full || "@"+typed == strings.SplitN(full, ":", 2)[0] {
		return s.resumeDevice
	}
	return ""
}
