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
func (m *Model) endSoftly(client *matrix.Client, err error) {
	sess := client.Session()
	m.mu.Lock()
	if m.client != client {
		m.mu.Unlock()
		return
	}
	_ = m.storage.sessions.Clear()
	m.dropSessionLocked(m.Message(err))
	m.setResumeLocked(sess.UserID, sess.DeviceID)
	m.mu.Unlock()
	m.changed()
}

// resumeKey holds, after a soft ending, whose session it was and its
// device (a resumePoint as JSON): nothing secret, the tokens are gone.
const resumeKey = "live/resume-device"

type resumePoint struct {
	User   id.UserID   `json:"user"`
	Device id.DeviceID `json:"device"`
}

// setResumeLocked remembers (or, with an empty user, forgets) the device
// to sign in as again, in memory and in storage. m.mu is held.
func (m *Model) setResumeLocked(user id.UserID, device id.DeviceID) {
	m.resumeUser, m.resumeDevice = user, device
	if user == "" {
		_ = m.storage.kv.Delete(resumeKey)
		return
	}
	if b, err := json.Marshal(resumePoint{User: user, Device: device}); err == nil {
		_ = m.storage.kv.Set(resumeKey, b)
	}
}

// loadResumeLocked reads what setResumeLocked stored. m.mu is held.
func (m *Model) loadResumeLocked() {
	b, ok, _ := m.storage.kv.Get(resumeKey)
	var p resumePoint
	if ok && json.Unmarshal(b, &p) == nil && p.User != "" && p.Device != "" {
		m.resumeUser, m.resumeDevice = p.User, p.Device
	}
}

// resumeDeviceFor is the device to sign in as when user (as typed: a full
// ID or a bare name) is the reader whose session ended softly; "" lets the
// server make a new one.
func (m *Model) resumeDeviceFor(user string) id.DeviceID {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.resumeUser == "" {
		return ""
	}
	typed := strings.ToLower(strings.TrimSpace(user))
	full := strings.ToLower(string(m.resumeUser))
	if typed == full || "@"+typed == strings.SplitN(full, ":", 2)[0] {
		return m.resumeDevice
	}
	return ""
}
