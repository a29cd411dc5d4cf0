package live

import "hellomatrix/matrix"

// replaceUnreadable puts m in place of the message with the same event ID
// in have when that one could not be read and m can: the core hands such a
// message on again once its key arrives (RoomMessage.Update), and History
// may read one that Sync could not. It reports whether m was such a
// replacement; a repeat of a message already shown changes nothing.
func replaceUnreadable(have []matrix.RoomMessage, m matrix.RoomMessage) bool {
	if m.Encrypted {
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
// not be decrypted: why, in plain words (matrix.DecryptProblem).
func unreadableReason(m matrix.RoomMessage) string {
	if !m.Encrypted {
		return ""
	}
	if m.Problem == "" {
		return matrix.ProblemBroken.Sentence()
	}
	return m.Problem.Sentence()
}
