package live

import "hellomatrix/matrix"

// replaceUnreadable puts m in place of the message with the same event ID
// in have when that one could not be read and m can, or m says anew why it
// cannot: the core hands such a message on again once its key arrives, or
// its reason changes (RoomMessage.Update), and History may read one that
// Sync could not. It reports whether m was such a replacement; a repeat of
// a message already shown changes nothing.
func replaceUnreadable(have []matrix.RoomMessage, m matrix.RoomMessage) bool {
	if m.Encrypted && !m.Update {
		return false
	}
	for i := range have {
		if have[i].EventID == m.EventID && have[i].Encrypted {
			m.Initial = have[i].Initial
			have[i] = m
			return true
		}
	}
	return false
}

// unreadableReason is the sentence shown in place of a message that could
// not be decrypted: why, in plain words, and what to do.
func unreadableReason(m matrix.RoomMessage) string {
	if !m.Encrypted {
		return ""
	}
	return ProblemSentence(m.Problem)
}

// ProblemSentence words the core's reason (matrix.DecryptProblem) for a
// beginner: what happened and what, if anything, to do. Only a key that
// may really still come is said to be on its way.
func ProblemSentence(p matrix.DecryptProblem) string {
	switch p {
	case matrix.ProblemKeysNotShared:
		return "The key to this message has not reached this device yet. It usually arrives within moments, and the message then appears here by itself."
	case matrix.ProblemSentBeforeJoin:
		return "This message was written before you joined the room or signed in on this device, so this device never got its key. Restoring your key backup with your recovery key can unlock it."
	case matrix.ProblemWithheldUnverified:
		// Also said to a verified device: the sender's app may not have
		// heard yet that it was verified.
		return "The sender's app did not give this device the key to this message, because it did not count this device as verified. " +
			"If you have not verified this device yet, do it with your recovery key: later messages will then open here, and this one too if your key backup holds it."
	case matrix.ProblemDeviceUnverified:
		return "This device has no key to this message, and as this device is not verified, most apps will not send it one. " +
			"Verify it with your recovery key to read new messages here."
	case matrix.ProblemSenderUnverified:
		return "This message is hidden because it comes from a device its owner has not verified, so it may not be theirs. " +
			"Ask them to verify that device in their app (for example with their recovery key); the message then shows here."
	case matrix.ProblemWithheld:
		return "The sender's device chose not to share the key to this message with this device. Ask them to check that they have not blocked it."
	case matrix.ProblemEncryptionOff:
		return "This message is end-to-end encrypted, and encryption is not turned on in this client, so it cannot be read here."
	}
	return "This encrypted message is damaged or uses a method this client does not support, so it cannot be read."
}
