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
		return say("crypto.keys_not_shared")
	case matrix.ProblemSentBeforeJoin:
		return say("crypto.sent_before_join")
	case matrix.ProblemWithheldUnverified:
		// Also said to a verified device: the sender's app may not have
		// heard yet that it was verified.
		return say("crypto.withheld_unverified")
	case matrix.ProblemDeviceUnverified:
		return say("crypto.device_unverified")
	case matrix.ProblemSenderUnverified:
		return say("crypto.sender_unverified")
	case matrix.ProblemWithheld:
		return say("crypto.withheld")
	case matrix.ProblemEncryptionOff:
		return say("crypto.encryption_off")
	}
	return say("crypto.damaged")
}
