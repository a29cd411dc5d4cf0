package live

import (
	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

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
// not be decrypted: why, in plain words (w's), and what to do.
func unreadableReason(w *words.Words, m matrix.RoomMessage) string {
	if !m.Encrypted {
		return ""
	}
	return problemSentence(w, m.Problem)
}

// problemSentence words the core's reason (matrix.DecryptProblem) for a
// beginner: what happened and what, if anything, to do. Only a key that
// may really still come is said to be on its way.
func problemSentence(w *words.Words, p matrix.DecryptProblem) string {
	switch p {
	case matrix.ProblemKeysNotShared:
		return w.Say("crypto.keys_not_shared")
	case matrix.ProblemSentBeforeJoin:
		return w.Say("crypto.sent_before_join")
	case matrix.ProblemWithheldUnverified:
		// Also said to a verified device: the sender's app may not have
		// heard yet that it was verified.
		return w.Say("crypto.withheld_unverified")
	case matrix.ProblemDeviceUnverified:
		return w.Say("crypto.device_unverified")
	case matrix.ProblemSenderUnverified:
		return w.Say("crypto.sender_unverified")
	case matrix.ProblemWithheld:
		return w.Say("crypto.withheld")
	case matrix.ProblemEncryptionOff:
		return w.Say("crypto.encryption_off")
	}
	return w.Say("crypto.damaged")
}
