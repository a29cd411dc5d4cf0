package matrix

// DecryptProblem says why an encrypted message could not be read, in terms
// the reader can act on. RoomMessage.Problem carries it; "" means the
// message was read (or was never encrypted).
type DecryptProblem string

const (
	// The sender's device has not (yet) sent this device the message's
	// key. Keys often arrive a moment after the message: it is tried again
	// when they do.
	ProblemKeysNotShared DecryptProblem = "keys_not_shared"
	// The message was sent before this account joined the room (or before
	// this device signed in), so its key was never meant for this device;
	// a key backup can still unlock it.
	ProblemSentBeforeJoin DecryptProblem = "sent_before_join"
	// The sender's device refused to share the key with this device (for
	// example because this device is not verified).
	ProblemWithheld DecryptProblem = "withheld"
	// The message is damaged, replayed, or uses an encryption method this
	// client does not know.
	ProblemBroken DecryptProblem = "broken"
	// This client has no encryption turned on (UseEncryption was not
	// called, or the build lacks it).
	ProblemEncryptionOff DecryptProblem = "encryption_off"
)

// Sentence explains the problem to a beginner: what happened and what, if
// anything, to do.
func (p DecryptProblem) Sentence() string {
	switch p {
	case "":
		return ""
	case ProblemKeysNotShared:
		return "The key to this message has not reached this device yet. It usually arrives within moments, and the message then appears here by itself."
	case ProblemSentBeforeJoin:
		return "This message was written before you joined the room or signed in on this device, so this device never got its key. Restoring your key backup with your recovery key can unlock it."
	case ProblemWithheld:
		return "The sender's device chose not to share the key to this message with this device, usually because this device is not verified yet."
	case ProblemEncryptionOff:
		return "This message is end-to-end encrypted, and encryption is not turned on in this client, so it cannot be read here."
	}
	return "This encrypted message is damaged or uses a method this client does not support, so it cannot be read."
}

// Retried says whether the message is tried again by itself when new keys
// arrive.
func (p DecryptProblem) Retried() bool {
	return p == ProblemKeysNotShared || p == ProblemSentBeforeJoin
}
