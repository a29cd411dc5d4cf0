// Package widgets is the live Matrix client's views: the server picker,
// sign-up and log-in forms, the first message, the room list and chat,
// invites, key backup, verification, the header's account status and the
// directory's Check buttons (ServerCheck). Chapters embed them by name
// (LiveClient.Widget); the landing page has the quick start.
//
// Each is handed the live client's view model, a *live.Model (LiveModel
// picks it: the visit's in the browser, a fresh signed-out one per page on
// the server), renders its Now() and calls its actions; none talks to a
// server itself. So the package imports app/live, app/words, app/ui,
// pages and go-app, and never matrix nor app/site (imports_test.go holds
// it to that). Every word it shows comes from the catalogs
// (live_words_test.go).
//
// "widgets", the word the chapters use (pages.WidgetRegister, ...): the
// files keep their live_ prefix, which tells them from the shared ones.
package widgets
