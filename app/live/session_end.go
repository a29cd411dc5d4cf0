package live

import (
	"strings"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// A soft logout (the server ended the session but keeps its device, and no
// refresh token could renew it) or a locked account ends the session here
// without wiping what the reader has: the outbox stays in storage, so what
// they typed goes out once they sign in again, and the chosen room and
// server stay too. The sign-in form shows the core's sentence, and signing
// in again as the same person reuses the same device.

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
// saved tokens go, the outbox and the remembered room stay.
func (s *state) endSoftly(client *matrix.Client, err error) {
	sess := client.Session()
	s.mu.Lock()
	_ = s.storage.sessions.Clear()
	s.dropSessionLocked(matrix.Message(err))
	s.resumeUser, s.resumeDevice = sess.UserID, sess.DeviceID
	s.mu.Unlock()
	s.changed()
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
