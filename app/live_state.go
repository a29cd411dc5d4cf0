package main

import (
	"context"
	"sync"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// liveState is the live client's memory for one page load, shared by every
// widget and the header: the chosen server, the signed-in client with its
// single sync loop, and the rooms and messages seen. There is one of it
// (live, below), and it exists only in the browser's sense: the
// prerenderer never changes it, so every prerendered page shows the empty,
// signed-out state and no reader's data.
//
// It is the "view model" between the core and the components: the matrix
// package knows nothing of views, and the components hold only form input.
// Network calls run off the UI goroutine and write their results here,
// under mu; watching components are then asked to render again through
// their own ctx.Dispatch, on the UI goroutine. Results are stored here,
// not in a component, so that a reader who moves to the next chapter while
// a sign-up finishes is still signed in when they arrive.
type liveState struct {
	mu sync.Mutex

	started bool
	storage liveStorage

	sandbox       *sandboxInfo
	sandboxLoaded bool

	// The chosen server: what was picked or typed, and what Discover
	// found there (or why it failed). checkSeq drops answers to questions
	// the reader no longer asks.
	serverInput string
	server      *matrix.Server
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
	offline     string // the sync loop's trouble, in words, while it lasts
	endSession  context.CancelFunc

	room     liveRoom
	timeline map[id.RoomID][]matrix.RoomMessage
	outbox   map[string]matrix.PendingMessage
	invites  []matrix.Invite

	watchers map[app.UI]*watcher
}

// liveRoom is the room the chat shows, remembered across reloads.
type liveRoom struct {
	User  id.UserID `json:"user"` // whose room it is: another account never inherits it
	ID    id.RoomID `json:"id"`
	Label string    `json:"label"` // its address, or a description for a new private room
}

// live is the page's live state.
var live = &liveState{
	timeline: map[id.RoomID][]matrix.RoomMessage{},
	outbox:   map[string]matrix.PendingMessage{},
	watchers: map[app.UI]*watcher{},
}

// watcher is a mounted component that renders from the live state. queued
// coalesces a burst of changes (a sync bringing twenty messages) into one
// render.
type watcher struct {
	ctx    app.Context
	queued bool
}

// watch makes the component behind ctx render again after every change,
// for as long as it stays mounted, and starts the live client the first
// time anything watches it.
func (s *liveState) watch(ctx app.Context) {
	s.mu.Lock()
	s.watchers[ctx.Src()] = &watcher{ctx: ctx}
	s.mu.Unlock()
	s.start(ctx)
}

// changed asks every watcher to render. It may be called from any
// goroutine, without s.mu held.
func (s *liveState) changed() {
	s.mu.Lock()
	var due []*watcher
	for src, w := range s.watchers {
		if !src.Mounted() {
			delete(s.watchers, src)
			continue
		}
		if !w.queued {
			w.queued = true
			due = append(due, w)
		}
	}
	s.mu.Unlock()
	for _, w := range due {
		w.ctx.Dispatch(func(ctx app.Context) {
			s.mu.Lock()
			w.queued = false
			s.mu.Unlock()
			if h, ok := ctx.Src().(liveChangeHandler); ok {
				h.onLiveChange(ctx)
			}
		})
	}
}

// liveChangeHandler is a watcher that wants to act (beyond rendering) when
// the live state changes, e.g. the chat keeping its newest line in view.
// onLiveChange runs on the UI goroutine, before the render.
type liveChangeHandler interface {
	onLiveChange(ctx app.Context)
}

// update runs fn with the state locked, then lets the watchers know.
func (s *liveState) update(fn func()) {
	s.mu.Lock()
	fn()
	s.mu.Unlock()
	s.changed()
}

// liveView is a copy of what the components show, taken under the lock so
// that Render never races with a network answer.
type liveView struct {
	Started bool
	Sandbox *sandboxInfo

	ServerInput string
	Server      *matrix.Server
	ServerErr   error
	Checking    bool

	UserID      id.UserID
	SignedIn    bool // a client exists (possibly still being confirmed)
	Restoring   bool
	LoggingOut  bool
	AccountNote string
	StorageNote string
	Offline     string

	Room    liveRoom
	Lines   []chatLine
	Invites []matrix.Invite
}

func (s *liveState) view() liveView {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := liveView{
		Started:     s.started,
		Sandbox:     s.sandbox,
		ServerInput: s.serverInput,
		Server:      s.server,
		ServerErr:   s.serverErr,
		Checking:    s.checking,
		UserID:      s.userID,
		SignedIn:    s.client != nil,
		Restoring:   s.restoring,
		LoggingOut:  s.loggingOut,
		AccountNote: s.accountNote,
		StorageNote: s.storage.note,
		Offline:     s.offline,
		Room:        s.room,
		Invites:     append([]matrix.Invite(nil), s.invites...),
	}
	if s.room.ID != "" {
		pending := make([]matrix.PendingMessage, 0, len(s.outbox))
		for _, m := range s.outbox {
			pending = append(pending, m)
		}
		v.Lines = chatLines(s.room.ID, s.timeline[s.room.ID], pending)
	}
	return v
}

// currentClient returns the signed-in client, or nil.
func (s *liveState) currentClient() *matrix.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.client
}
