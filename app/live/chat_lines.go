package live

import (
	"sort"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// ChatLine is one message as the chat shows it: either an event the server
// sent us (through sync or history) or a message of ours still in the
// outbox, with its delivery state.
type ChatLine struct {
	Key    string // event ID, or transaction ID while there is none
	Sender id.UserID
	// SenderName is the sender's display name in the room ("" when they
	// set none): text to show as text, never as markup.
	SenderName string
	Body       string
	Own        bool
	Encrypted  bool
	// Locked marks a message that was end-to-end encrypted and decrypted
	// (a small lock); Unreadable says why an Encrypted one cannot be read.
	Locked     bool
	Unreadable string
	Time       time.Time
	// State is set on our own messages only: pending, sending, sent or
	// failed. Error says why a failed one failed, and TxnID is
	// what Retry needs.
	State MessageState
	Error string
	TxnID string
}

// MessageState is where one of our messages is on its way to the room.
type MessageState = matrix.MessageState

// The states a ChatLine of ours can be in.
const (
	StatePending = matrix.StatePending
	StateSending = matrix.StateSending
	StateSent    = matrix.StateSent
	StateFailed  = matrix.StateFailed
)

// maxChatLines bounds what a room keeps in memory: the widget is a first
// taste of chatting, not a full client. Older pages (LoadEarlier) stop
// there too.
const maxChatLines = 1000

// Who is how the chat names the line's sender: "You" for the reader's own
// messages, whether they were just sent or came back with the history
// after a reload; otherwise the sender's display name, or their user ID
// when they set none. The user ID itself is always in Sender, for the
// hover text.
func (m *Model) Who(l ChatLine) string { return lineWho(m.speaking(), l) }

func lineWho(w *words.Words, l ChatLine) string {
	switch {
	case l.Own:
		return w.Say("chat.you")
	case l.SenderName != "":
		return l.SenderName
	}
	return string(l.Sender)
}

// chatLines merges a room's events with the outbox into the list the chat
// shows, oldest first. Each message appears once: our event coming back
// from the server (matched by transaction or event ID) takes the place of
// its outbox entry. Messages not yet delivered stay at the bottom, in the
// order they were written, where the reader expects something still going.
// The reader's own lines carry me as their sender, outbox entries too.
// What the lines say themselves (why one cannot be read or failed) is in
// w's language.
func chatLines(w *words.Words, room id.RoomID, me id.UserID, events []matrix.RoomMessage, outbox []matrix.PendingMessage) []ChatLine {
	byTxn := map[string]matrix.PendingMessage{}
	byEvent := map[id.EventID]matrix.PendingMessage{}
	for _, m := range outbox {
		if m.RoomID != room {
			continue
		}
		byTxn[m.TxnID] = m
		if m.EventID != "" {
			byEvent[m.EventID] = m
		}
	}
	echoed := map[string]bool{}
	var delivered []ChatLine
	for _, e := range events {
		if e.RoomID != room {
			continue
		}
		line := ChatLine{Key: string(e.EventID), Sender: e.Sender, SenderName: e.SenderName, Body: e.Body, Own: e.Own || (me != "" && e.Sender == me), Encrypted: e.Encrypted, Time: e.Timestamp,
			Locked: e.Decrypted, Unreadable: unreadableReason(w, e)} // crypto_lines.go
		m, ok := byTxn[e.TxnID]
		if !ok || e.TxnID == "" {
			m, ok = byEvent[e.EventID]
		}
		if ok {
			echoed[m.TxnID] = true
		}
		if line.Own {
			line.State = matrix.StateSent
		}
		delivered = append(delivered, line)
	}
	var waiting []ChatLine
	for _, m := range outbox {
		if m.RoomID != room || echoed[m.TxnID] {
			continue
		}
		line := ChatLine{Key: m.TxnID, Sender: me, Body: m.Body, Own: true, Time: m.CreatedAt, State: m.State, Error: failureWords(w, m), TxnID: m.TxnID}
		if m.EventID != "" {
			line.Key = string(m.EventID)
		}
		if m.State == matrix.StateSent {
			// Delivered, but its echo has not come through sync yet.
			delivered = append(delivered, line)
			continue
		}
		waiting = append(waiting, line)
	}
	sort.SliceStable(delivered, func(i, j int) bool { return delivered[i].Time.Before(delivered[j].Time) })
	sort.SliceStable(waiting, func(i, j int) bool { return waiting[i].Time.Before(waiting[j].Time) })
	lines := append(delivered, waiting...)
	if len(lines) > maxChatLines {
		lines = lines[len(lines)-maxChatLines:]
	}
	return lines
}

// addRoomMessages adds messages to a room's list, skipping any already
// there (history and the first sync overlap), and keeps it bounded.
func addRoomMessages(have []matrix.RoomMessage, more ...matrix.RoomMessage) []matrix.RoomMessage {
	seen := make(map[id.EventID]bool, len(have))
	for _, m := range have {
		seen[m.EventID] = true
	}
	for _, m := range more {
		if m.EventID == "" || seen[m.EventID] {
			replaceUnreadable(have, m) // its key arrived (crypto_lines.go)
			continue
		}
		seen[m.EventID] = true
		have = append(have, m)
	}
	sort.SliceStable(have, func(i, j int) bool { return have[i].Timestamp.Before(have[j].Timestamp) })
	if len(have) > maxChatLines {
		have = have[len(have)-maxChatLines:]
	}
	return have
}

// failureWords is why m failed (or waits for a new sign-in), in w's words.
func failureWords(w *words.Words, m matrix.PendingMessage) string {
	switch {
	case m.Failure != nil:
		return errorSentence(w, m.Failure)
	case m.ErrorKind != "":
		// Stored by an earlier version, with its Kind only.
		return errorSentence(w, &matrix.Error{Kind: m.ErrorKind})
	}
	return ""
}
