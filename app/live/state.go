package live

import (
	"context"
	"sync"
	"sync/atomic"

	"maunium.net/go/mautrix/id"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// Model is the live client's memory, shared by every widget and the
// header that is given it: the chosen server, the signed-in client with
// its single sync loop, and the rooms and messages seen. In the browser
// there is one for the whole visit; the prerenderer makes a fresh one per
// page and never starts it, so every prerendered page shows the empty,
// signed-out state and no reader's data (see doc.go).
//
// Network calls run off the UI goroutine and write their results here,
// under mu; the views are then told (see OnChange), and they render
// again on their own UI goroutine. Results are stored here, not in a
// component, so that a reader who moves to the next chapter while a sign-up
// finishes is still signed in when they arrive.
type Model struct {
	mu sync.Mutex

	// words is the language the view model speaks (language.go); it has
	// its own lock, so wording never waits for mu.
	words atomic.Pointer[words.Words]

	started bool
	storage storage

	sandbox       *Sandbox
	sandboxLoaded bool

	// The chosen server: what was picked or typed, and what Discover
	// found there (or why it failed). checkSeq drops answers to questions
	// the reader no longer asks.
	serverInput string
	server      *Server
	serverErr   error
	checking    bool
	checkSeq    int
	wantServer  bool // a widget on the page needs the server probed

	// The account. userID is known from the saved session before the
	// server has confirmed it (restoring), so the header does not flicker.
	userID      id.UserID
	client      *matrix.Client
	restoring   bool
	loggingOut  bool
	accountNote string // why the reader was signed out, or that logging out half-failed
	// After a soft logout (the server ended the session but keeps its
	// device): whose it was and which device, so signing in again resumes
	// it (session_end.go).
	resumeUser   id.UserID
	resumeDevice id.DeviceID
	offline      string // the sync loop's trouble, in words, while it lasts
	endSession   context.CancelFunc

	room     Room
	timeline map[id.RoomID][]matrix.RoomMessage
	outbox   map[string]matrix.PendingMessage
	invites  []pendingInvite // invites.go
	history  historyState    // older messages per room (history.go)
	justSent bool            // the reader sent a message during this page load

	list roomListState // the reader's rooms and ignored people (room_list.go)

	newRecoveryKey string           // shown once until typed back (keys.go); memory only
	reminder       recoveryReminder // identity.go

	// How a sign-in that came back from another site is going (sso.go,
	// oauth.go), and the sign-up waiting for its email link
	// (signup_email.go): each has its own lock.
	sso       awayStatus[SSOStatus]
	oauth     awayStatus[OAuthStatus]
	emailWait emailWait

	notify func() // see OnChange
}

// Room is the room the chat shows, remembered across reloads.
type Room struct {
	User  id.UserID `json:"user"` // whose room it is: another account never inherits it
	ID    id.RoomID `json:"id"`
	Label string    `json:"label"` // its address, or a description for a new private room
}

// Invite is someone's invitation to a room, as the sync loop saw it.
type Invite = matrix.Invite

// New is a fresh, signed-out model speaking English (SetLanguage). Nothing
// runs until Start.
func New() *Model {
	return &Model{
		timeline: map[id.RoomID][]matrix.RoomMessage{},
		outbox:   map[string]matrix.PendingMessage{},
	}
}

// OnChange has notify called after every change to the live state, from
// whatever goroutine made it and without any lock held. The views turn it
// into a render on their UI goroutine (one notify serves them all); live
// itself knows nothing of components. A later call replaces notify.
func (m *Model) OnChange(notify func()) {
	m.mu.Lock()
	m.notify = notify
	m.mu.Unlock()
}

// changed tells the views. It may be called from any goroutine, without
// m.mu held.
func (m *Model) changed() {
	m.mu.Lock()
	notify := m.notify
	m.mu.Unlock()
	if notify != nil {
		notify()
	}
}

// update runs fn with the state locked, then lets the views know.
func (m *Model) update(fn func()) {
	m.mu.Lock()
	fn()
	m.mu.Unlock()
	m.changed()
}

// View is a copy of what the components show, taken under the lock so
// that Render never races with a network answer.
type View struct {
	Started bool
	Sandbox *Sandbox // the practice server, when `make run` started one

	ServerInput string  // the chosen server, as picked or typed
	Server      *Server // what its check found, once it answered
	ServerErr   error   // why the check failed (worded by Message)
	Checking    bool

	UserID      id.UserID
	SignedIn    bool // a client exists (possibly still being confirmed)
	Restoring   bool
	LoggingOut  bool
	AccountNote string
	StorageNote string
	Offline     string

	Room          Room
	RoomEncrypted bool // the open room is end-to-end encrypted (crypto.go)
	Lines         []ChatLine
	Invites       []InviteView // invitations, oldest first (invites.go)
	History       HistoryView  // the open room's older messages: more, loading, none
	// Rooms is the reader's rooms, the most recently active first; Ignored
	// the people they ignore (whose lines and invitations Lines and
	// Invites leave out); RoomNote what the last room action did
	// (room_list.go).
	Rooms    []RoomItem
	Ignored  []IgnoredPerson
	RoomNote string
	// JustSent: a message of the reader's reached the server during this
	// page load, so the chat can say what just happened.
	JustSent bool
}

// Now is the live state as the views should show it at this moment, its
// sentences in the model's language.
func (m *Model) Now() View {
	w := m.speaking()
	m.mu.Lock()
	defer m.mu.Unlock()
	v := View{
		Started:     m.started,
		Sandbox:     m.sandbox,
		ServerInput: m.serverInput,
		Server:      m.server,
		ServerErr:   m.serverErr,
		Checking:    m.checking,
		UserID:      m.userID,
		SignedIn:    m.client != nil,
		Restoring:   m.restoring,
		LoggingOut:  m.loggingOut,
		AccountNote: m.accountNote,
		StorageNote: m.storage.note,
		Offline:     m.offline,
		Room:        m.room,
	}
	for _, p := range m.invites {
		v.Invites = append(v.Invites, inviteView(w, p))
	}
	if m.room.ID != "" {
		pending := make([]matrix.PendingMessage, 0, len(m.outbox))
		for _, msg := range m.outbox {
			pending = append(pending, msg)
		}
		v.Lines = chatLines(w, m.room.ID, m.userID, m.timeline[m.room.ID], pending)
		v.History = m.history.view(w, m.room.ID)
		v.JustSent = m.justSent
		v.RoomEncrypted = m.client != nil && m.client.RoomEncrypted(m.room.ID)
	}
	m.applyRoomList(&v)
	return v
}

// currentClient returns the signed-in client, or nil.
func (m *Model) currentClient() *matrix.Client {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.client
}
