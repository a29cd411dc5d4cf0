package live

import (
	"strings"
	"testing"
	"time"

	"hellomatrix/matrix"
)

// A message shown as unreadable is replaced, in place, by its decrypted
// form when that arrives (from Sync as an update, or from History); a
// readable message is never replaced by an unreadable repeat.
func TestUnreadableMessageReplacedWhenItsKeyArrives(t *testing.T) {
	at := time.Unix(1000, 0)
	locked := matrix.RoomMessage{RoomID: "!r:x", EventID: "$a", Sender: "@b:x", Timestamp: at, Encrypted: true, Problem: matrix.ProblemKeysNotShared}
	other := matrix.RoomMessage{RoomID: "!r:x", EventID: "$b", Sender: "@b:x", Timestamp: at.Add(time.Second), Body: "later"}
	have := addRoomMessages(nil, locked, other)

	lines := chatLines(english, "!r:x", "", have, nil)
	if !lines[0].Encrypted || lines[0].Unreadable != problemSentence(english, matrix.ProblemKeysNotShared) || lines[0].Locked {
		t.Fatalf("unreadable line = %+v; want the reason and no lock", lines[0])
	}
	read := locked
	read.Encrypted, read.Problem, read.Decrypted, read.Body, read.Update = false, "", true, "now readable", true
	have = addRoomMessages(have, read)
	if len(have) != 2 || have[0].Body != "now readable" || have[1].EventID != "$b" {
		t.Fatalf("after the update the room holds %+v; want the first replaced in place", have)
	}
	lines = chatLines(english, "!r:x", "", have, nil)
	if !lines[0].Locked || lines[0].Encrypted || lines[0].Body != "now readable" {
		t.Fatalf("decrypted line = %+v; want its body with the lock", lines[0])
	}
	have = addRoomMessages(have, locked) // a late unreadable repeat
	if have[0].Body != "now readable" {
		t.Fatalf("an unreadable repeat replaced the readable message: %+v", have[0])
	}
}

// Each reason a message cannot be shown has its own sentence, and only a
// key that may really still come is said to be on its way: a withheld key,
// an unverified device here or a sender's unverified device never are.
func TestProblemSentencesAreTruthful(t *testing.T) {
	kinds := []matrix.DecryptProblem{
		matrix.ProblemKeysNotShared, matrix.ProblemSentBeforeJoin, matrix.ProblemWithheldUnverified,
		matrix.ProblemDeviceUnverified, matrix.ProblemSenderUnverified, matrix.ProblemWithheld,
		matrix.ProblemBroken, matrix.ProblemEncryptionOff,
	}
	seen := map[string]matrix.DecryptProblem{}
	for _, p := range kinds {
		s := problemSentence(english, p)
		if other, ok := seen[s]; ok {
			t.Errorf("%s and %s share the sentence %q", p, other, s)
		}
		seen[s] = p
		onItsWay := strings.Contains(s, "arrives") || strings.Contains(s, "not reached this device yet")
		if onItsWay != (p == matrix.ProblemKeysNotShared) {
			t.Errorf("%s: %q (says the key is on its way: %v)", p, s, onItsWay)
		}
	}
	for _, p := range []matrix.DecryptProblem{matrix.ProblemWithheldUnverified, matrix.ProblemDeviceUnverified} {
		if !strings.Contains(problemSentence(english, p), "recovery key") {
			t.Errorf("%s does not say what to do (the recovery key): %q", p, problemSentence(english, p))
		}
	}
}

// An unreadable message handed on again as an update with a new reason
// (a withheld notice came after it) shows the new reason in place; an
// unreadable repeat that is not an update changes nothing.
func TestUnreadableMessageTakesItsNewReason(t *testing.T) {
	at := time.Unix(1000, 0)
	first := matrix.RoomMessage{RoomID: "!r:x", EventID: "$a", Sender: "@b:x", Timestamp: at, Encrypted: true, Problem: matrix.ProblemDeviceUnverified}
	have := addRoomMessages(nil, first)
	repeat := first
	repeat.Problem = matrix.ProblemBroken
	have = addRoomMessages(have, repeat)
	if have[0].Problem != matrix.ProblemDeviceUnverified {
		t.Fatalf("a repeat that is not an update changed the reason to %s", have[0].Problem)
	}
	update := first
	update.Problem, update.Update = matrix.ProblemWithheldUnverified, true
	have = addRoomMessages(have, update)
	lines := chatLines(english, "!r:x", "", have, nil)
	if len(lines) != 1 || lines[0].Unreadable != problemSentence(english, matrix.ProblemWithheldUnverified) {
		t.Fatalf("after the update the line is %+v; want the withheld reason", lines)
	}
}
