package live

import (
	"context"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// historySize is how many messages the chat loads at a time: the recent
// ones after a reload, and each "Show earlier messages".
const historySize = 20

// historyState is, per room, where the older messages begin and whether
// they are being fetched. The position comes from the sync (the timeline's
// prev_batch when a room first appears) or from the last page fetched; a
// page fetched from the newest message backwards covers at least what the
// sync brought, so its position wins over the sync's.
type historyState struct {
	rooms map[id.RoomID]*roomHistory
}

type roomHistory struct {
	from    string // where the next page back starts; "" before anything is known
	fetched bool   // from came from a page, not the sync
	loading bool   // a page back is on its way (LoadEarlier)
	recent  bool   // the recent messages are (loadHistory): pages wait for them
	none    bool   // the start of the room's visible history is reached
	err     string // why the last attempt failed
	full    bool   // the chat holds maxChatLines and keeps no more
}

func (h *historyState) room(room id.RoomID) *roomHistory {
	if h.rooms == nil {
		h.rooms = map[id.RoomID]*roomHistory{}
	}
	if h.rooms[room] == nil {
		h.rooms[room] = &roomHistory{}
	}
	return h.rooms[room]
}

// offer takes the sync's position for room, unless a page already gave one.
func (h *historyState) offer(room id.RoomID, from string) {
	if r := h.room(room); !r.fetched && !r.none {
		r.from = from
	}
}

// HistoryView is what the chat shows above the messages.
type HistoryView struct {
	Loading bool
	None    bool   // nothing older: say so instead of offering more
	Note    string // a sentence to show there: why it failed, or that it stopped
}

// view is what the chat shows above room's messages, its notes in w's
// words.
func (h *historyState) view(w *words.Words, room id.RoomID) HistoryView {
	r := h.rooms[room]
	switch {
	case r == nil:
		return HistoryView{}
	case r.full:
		return HistoryView{None: true, Note: HistoryFull.in(w)}
	case r.none:
		return HistoryView{None: true, Note: HistoryNone.in(w)}
	}
	return HistoryView{Loading: r.loading || r.recent, Note: r.err}
}

// loadHistory fills a room with its recent messages, for a reader coming
// back after a reload or opening a room the first sync said little about.
func (m *Model) loadHistory(ctx context.Context, client *matrix.Client, room id.RoomID) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	m.update(func() { m.history.room(room).recent = true }) // the callers set it already, for the view
	page, err := client.Earlier(ctx, room, "", historySize)
	m.update(func() {
		r := m.history.room(room)
		r.recent = false
		if err != nil {
			return // the sync loop reports trouble with the server; history is a bonus
		}
		m.timeline[room] = addRoomMessages(m.timeline[room], page.Messages...)
		if !r.loading {
			r.from, r.fetched, r.none = page.Earlier, true, page.Earlier == ""
		}
	})
}

// LoadEarlier fetches the page of messages before the oldest the open room
// shows ("Show earlier messages"). It blocks until the server answers;
// the result, or why there is none, reaches the view as a change.
func (m *Model) LoadEarlier() {
	m.mu.Lock()
	client, room := m.client, m.room.ID
	if client == nil || room == "" {
		m.mu.Unlock()
		return
	}
	r := m.history.room(room)
	if r.loading || r.recent || r.none || r.full {
		m.mu.Unlock()
		return
	}
	r.loading, r.err = true, ""
	from := r.from // "" before the sync or a page said: from the newest, overlap is dropped
	m.mu.Unlock()
	m.changed()

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	page, err := client.Earlier(ctx, room, from, historySize)
	m.update(func() {
		if m.client != client {
			return // signed out meanwhile
		}
		r := m.history.room(room)
		r.loading = false
		if err != nil {
			r.err = m.say("chat.history_failed", "why", m.Message(err))
			return
		}
		have := len(m.timeline[room])
		if have+len(page.Messages) > maxChatLines {
			r.full = true
			return
		}
		m.timeline[room] = addRoomMessages(m.timeline[room], page.Messages...)
		r.from, r.fetched, r.none = page.Earlier, true, page.Earlier == ""
	})
}
