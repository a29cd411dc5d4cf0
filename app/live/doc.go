// Package live is the guide's live Matrix client as a view model: a Model
// holds the state of one reader's visit (the chosen server and what
// checking it found, the signed-in session with its one sync loop, the
// open room, its messages and the outbox) and its methods are the actions
// on it (PickServer, Register, LogIn, StartSSO, LogOut, JoinRoom,
// OpenFirstRoom, AcceptInvite and DeclineInvite, Queue and Deliver,
// LoadEarlier, OpenRoom, LeaveRoom, StartDirectChat, IgnoreUser,
// ReportMessage, ...); the reader's rooms, with how many new messages wait
// in each, and the people they ignore come with Now (room_list.go). The
// chat's lines (chat_lines.go) carry display names and times, and its words
// (chat_words.go) where new messages begin. It sits between the core and
// the views, as in Hydrogen: package matrix talks to the server and returns
// typed results; a Model keeps them, words them for a beginner (Verdict,
// Message, FormErrors) through the message catalog of its own language
// (SetLanguage, package words, error_words.go) and tells the views when
// anything changed; the widgets (app/widgets) render Now() and call the
// actions, and never call matrix themselves.
//
// Model, not State or Client: it is the view model of the package's name
// (live.Model reads as "the live client's view model"), and "client" is
// taken by the core's matrix.Client it holds. It is a value the widgets
// are given, never a package-level one: the browser makes one for the
// whole visit, the prerenderer a fresh, signed-out one per page (pages of
// several languages at once), and each test its own (New). Whatever runs
// in the background (the sync loop, a server check, a sign-in coming back
// from another site) belongs to the model that started it. What stays at
// package level is fixed tables (fieldOfKind, pageStages, emojiNames).
// Functions that need no model (FieldFor, UserIDPreview, CheckUsername,
// ShortTime, ...) stay plain functions, and the wording helpers inside take
// the catalog to word in (errorSentence(w, err)).
//
// It knows nothing of components: OnChange takes a plain func(), which
// the views turn into a render on their UI goroutine. The actions that
// ask a server block until it answers, so the views call them off the UI
// goroutine; a model's state is guarded by its one lock.
//
// It runs on both sides. In the browser (js/wasm) a started model keeps
// the session and its notes in localStorage, hears other tabs log out
// through the storage event and finds the practice server from the page's
// address; natively (the prerenderer, the unit tests) those files have
// stand-ins, nothing is ever started, and every page shows the empty,
// signed-out state.
package live
