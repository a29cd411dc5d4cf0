package matrix

// DecryptProblem says why an encrypted message could not be read (or is
// not shown), as a kind the view model words for the reader (app/live).
// RoomMessage.Problem carries it; "" means the message was read (or was
// never encrypted).
type DecryptProblem string

const (
	// The sender's device has not (yet) sent this device the message's
	// key, and nothing says it will not: keys often arrive a moment after
	// the message, and it is tried again when they do. Only while this
	// device is not known to be unverified (see ProblemDeviceUnverified).
	ProblemKeysNotShared DecryptProblem = "keys_not_shared"
	// The message was sent before this account joined the room (or before
	// this device signed in), so its key was never meant for this device;
	// a key backup can still unlock it.
	ProblemSentBeforeJoin DecryptProblem = "sent_before_join"
	// The sender's device said it will not share the key with this device
	// because this device is not verified (m.room_key.withheld, code
	// m.unverified: spec v1.18, MSC4153). Verifying this device (the
	// recovery key) lets later messages through, and the key backup may
	// hold this one.
	ProblemWithheldUnverified DecryptProblem = "withheld_unverified"
	// No key came, and this device is not verified: apps that follow
	// MSC4153 never send it one, so it is most likely not coming.
	ProblemDeviceUnverified DecryptProblem = "device_unverified"
	// The message decrypted, but the device that sent it is not
	// cross-signed by its owner, so it is not shown (MSC4153): anyone with
	// the sender's password could have added that device. It is shown once
	// the owner verifies the device.
	ProblemSenderUnverified DecryptProblem = "sender_unverified"
	// The sender's device refused to share the key with this device for
	// another reason (it blocked this device, or the key is not available).
	ProblemWithheld DecryptProblem = "withheld"
	// The message is damaged, replayed, or uses an encryption method this
	// client does not know.
	ProblemBroken DecryptProblem = "broken"
	// This client has no encryption turned on (UseEncryption was not
	// called, or the build lacks it).
	ProblemEncryptionOff DecryptProblem = "encryption_off"
)

// Retried says whether the message is tried again by itself after each
// sync: when its key arrives, when the key backup is restored, or when
// the sender's device is verified.
func (p DecryptProblem) Retried() bool {
	switch p {
	case ProblemKeysNotShared, ProblemSentBeforeJoin, ProblemWithheldUnverified, ProblemDeviceUnverified, ProblemSenderUnverified:
		return true
	}
	return false
}
