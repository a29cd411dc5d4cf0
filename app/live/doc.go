// Package live is the guide's live Matrix client as a view model: the
// state of one page load (the chosen server and what checking it found,
// the signed-in session with its one sync loop, the open room, its
// messages and the outbox) and the actions on it (PickServer, Register,
// LogIn, StartSSO, LogOut, JoinRoom, OpenFirstRoom, AcceptInvite and
// DeclineInvite, Queue and Deliver, LoadEarlier, OpenRoom, LeaveRoom,
// StartDirectChat, IgnoreUser, ReportMessage, ...); the reader's rooms, with
// how many new messages wait in each, and the people they ignore come with
// Now (room_list.go). The chat's lines (chat_lines.go) carry display names
// and times, and its words (chat_words.go) where new messages begin. It sits between the
// core and the views, as in Hydrogen: package matrix talks to the server
// and returns typed results; live keeps them, words them for a beginner
// (Verdict, Message, FormErrors) through its message catalog, one file per
// language in messages/ (catalog.go, error_words.go; the language is the
// view model's, SetLanguage) and tells the views when anything
// changed; the widgets in package main render Now() and call the actions,
// and never call matrix themselves.
//
// It knows nothing of components: OnChange takes a plain func(), which
// the views turn into a render on their UI goroutine. The actions that
// ask a server block until it answers, so the views call them off the UI
// goroutine; the state is guarded by one lock.
//
// It runs on both sides. In the browser (js/wasm) it keeps the session and
// its notes in localStorage, hears other tabs log out through the storage
// event and finds the practice server from the page's address; natively
// (the prerenderer, the unit tests) those files have stand-ins, nothing is
// ever started, and every page shows the empty, signed-out state.
package live
