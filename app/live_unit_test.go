//go:build !wasm

package main

import (
	"errors"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
	"hellomatrix/pages"
)

func TestUserIDPreview(t *testing.T) {
	for _, tc := range []struct{ name, server, want string }{
		{"alice", "example.org", "@alice:example.org"},
		{"  alice ", "localhost:8008", "@alice:localhost:8008"},
		{"@alice", "example.org", "@alice:example.org"},
		{"@alice:elsewhere.net", "example.org", "@alice:example.org"}, // the picked server wins
		{"Alice", "example.org", "@Alice:example.org"},                // shown as typed; the core explains
		{"", "example.org", ""},
		{"@", "example.org", ""},
		{"alice", "", ""}, // no server picked yet
	} {
		if got := userIDPreview(tc.name, tc.server); got != tc.want {
			t.Errorf("userIDPreview(%q, %q) = %q, want %q", tc.name, tc.server, got, tc.want)
		}
	}
}

func TestIsFullUserID(t *testing.T) {
	for s, want := range map[string]bool{
		"@alice:example.org":    true,
		" @bob:localhost:8008 ": true,
		"alice":                 false,
		"@alice":                false,
		"alice:example.org":     false,
		"@:example.org":         false,
		"@alice:":               false,
	} {
		if got := isFullUserID(s); got != want {
			t.Errorf("isFullUserID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestRatePassword(t *testing.T) {
	for _, tc := range []struct {
		pw    string
		level int
		label string
	}{
		{"", 0, ""},
		{"abc", 1, "Too short"},
		{"sevenXY", 1, "Too short"},
		{"password", 2, "Weak"},
		{"PASSWORD", 2, "Weak"}, // common ones are caught whatever the case
		{"aaaaaaaaaaaaaaaaaaaa", 2, "Weak"},
		{"abcdefgz", 2, "Weak"},
		{"Abcdef1!", 3, "Fair"},
		{"purple-otter", 3, "Fair"},
		{"Purple-otter-7", 4, "Strong"},
		{"correct horse battery staple", 4, "Strong"},
		{"ééééééééé", 2, "Weak"}, // repeated non-ASCII letters are counted as characters, not bytes
	} {
		got := ratePassword(tc.pw)
		if got.Level != tc.level || got.Label != tc.label {
			t.Errorf("ratePassword(%q) = %d %q, want %d %q", tc.pw, got.Level, got.Label, tc.level, tc.label)
		}
		if tc.level > 0 && got.Advice == "" {
			t.Errorf("ratePassword(%q) gives no advice", tc.pw)
		}
	}
}

func TestErrorsGoNextToTheirField(t *testing.T) {
	kinded := func(k matrix.Kind) error { return &matrix.Error{Kind: k, Message: string(k)} }
	for _, tc := range []struct {
		err    error
		fields []string
		want   string
	}{
		{kinded(matrix.KindWrongPassword), loginFields, fieldPassword},
		{kinded(matrix.KindUsernameTaken), registerFields, fieldUsername},
		{kinded(matrix.KindUnreachable), loginFields, fieldServer},
		{kinded(matrix.KindNotMatrix), registerFields, fieldServer},
		{kinded(matrix.KindBadRegistrationToken), registerFields, fieldToken},
		{kinded(matrix.KindRateLimited), registerFields, fieldForm},
		{kinded(matrix.KindBadUserID), []string{fieldInvite}, fieldInvite},
		{kinded(matrix.KindRoomNotFound), []string{fieldRoom}, fieldRoom},
		{kinded(matrix.KindUnreachable), []string{fieldRoom}, fieldForm}, // no server field in that form
		{errors.New("not ours"), loginFields, fieldForm},
	} {
		if got := fieldForError(tc.err, tc.fields...); got != tc.want {
			t.Errorf("%v in %v: shown at %q, want %q", tc.err, tc.fields, got, tc.want)
		}
	}

	var fe formErrors
	fe.set(kinded(matrix.KindWrongPassword), loginFields...)
	if fe[fieldPassword] != string(matrix.KindWrongPassword) || len(fe) != 1 {
		t.Errorf("set filed %v", fe)
	}
	fe.set(&matrix.Error{Kind: matrix.KindCanceled, Message: "cancelled"}, loginFields...)
	if len(fe) != 0 {
		t.Errorf("a cancelled request should show nothing, got %v", fe)
	}
}

func TestServerVerdicts(t *testing.T) {
	srv := func(a matrix.AuthInfo) *matrix.Server {
		return &matrix.Server{Name: "example.org", BaseURL: "https://example.org", Auth: a}
	}
	for _, tc := range []struct {
		name     string
		auth     matrix.AuthInfo
		kind     verdictKind
		headline string
		register bool
	}{
		{"inline", matrix.AuthInfo{RegistrationOpen: true, CanRegisterInline: true, PasswordLogin: true}, verdictSignUpHere, "You can create an account right here.", true},
		{"terms", matrix.AuthInfo{RegistrationOpen: true, CanRegisterInline: true, RegistrationNeedsTerms: true}, verdictSignUpHere, "after accepting the server's terms", true},
		{"token", matrix.AuthInfo{RegistrationOpen: true, CanRegisterInline: true, RegistrationNeedsToken: true}, verdictSignUpHere, "invitation code", true},
		{"captcha", matrix.AuthInfo{RegistrationOpen: true, RegistrationNeedsBrowser: true}, verdictSignUpSteps, "captcha or an email check", true},
		{"oauth", matrix.AuthInfo{OAuth: true, OAuthOnly: true, SignupURL: "https://account.example.org/"}, verdictOwnPage, "own page (OAuth)", false},
		{"closed", matrix.AuthInfo{RegistrationClosed: true, PasswordLogin: true}, verdictClosed, "Sign-up is closed here.", false},
		{"unknown", matrix.AuthInfo{PasswordLogin: true}, verdictUnknown, "couldn't tell", true},
	} {
		v := verdictFor(srv(tc.auth))
		if v.Kind != tc.kind || !strings.Contains(v.Headline, tc.headline) || v.CanRegister() != tc.register {
			t.Errorf("%s: %+v, want %s containing %q (register %v)", tc.name, v, tc.kind, tc.headline, tc.register)
		}
		if tc.kind == verdictOwnPage && v.Link != tc.auth.SignupURL {
			t.Errorf("%s: link %q, want the server's sign-up page", tc.name, v.Link)
		}
		// The headline replaces the core's sign-up sentence; the other
		// facts stay.
		all := srv(tc.auth).Describe()
		if len(v.Details) != len(all)-1 || v.Details[0] != all[0] {
			t.Errorf("%s: details %q, want %q without its sign-up sentence", tc.name, v.Details, all)
		}
	}
}

func TestChatLinesMergeOutboxAndEchoes(t *testing.T) {
	room, other := id.RoomID("!r:hs"), id.RoomID("!o:hs")
	me, them := id.UserID("@me:hs"), id.UserID("@them:hs")
	at := func(s int) time.Time { return time.Unix(1700000000+int64(s), 0) }
	events := []matrix.RoomMessage{
		{RoomID: room, EventID: "$1", Sender: them, Body: "hi", Timestamp: at(1)},
		{RoomID: room, EventID: "$2", Sender: me, Body: "echoed", Own: true, TxnID: "t1", Timestamp: at(2)},
		{RoomID: room, EventID: "$4", Sender: them, Body: "reply", Timestamp: at(4)},
		{RoomID: room, EventID: "$old", Sender: me, Body: "from history", Own: true, Timestamp: at(0)},
		{RoomID: other, EventID: "$x", Sender: them, Body: "elsewhere", Timestamp: at(3)},
	}
	outbox := []matrix.PendingMessage{
		{TxnID: "t1", RoomID: room, Body: "echoed", State: matrix.StateSent, EventID: "$2", CreatedAt: at(2)},
		{TxnID: "t2", RoomID: room, Body: "sent, no echo yet", State: matrix.StateSent, EventID: "$3", CreatedAt: at(3)},
		{TxnID: "t0", RoomID: room, Body: "failed", State: matrix.StateFailed, Error: "Could not reach hs.", CreatedAt: at(1)},
		{TxnID: "t5", RoomID: room, Body: "sending", State: matrix.StateSending, CreatedAt: at(5)},
		{TxnID: "t9", RoomID: other, Body: "not this room", State: matrix.StatePending, CreatedAt: at(0)},
	}
	var got []string
	for _, l := range chatLines(room, events, outbox) {
		got = append(got, l.Body+"|"+string(l.State))
	}
	want := []string{
		"from history|sent", "hi|", "echoed|sent", "sent, no echo yet|sent", "reply|",
		"failed|failed", "sending|sending", // undelivered ones wait at the bottom, oldest first
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("chat lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	lines := chatLines(room, events, outbox)
	if failed := lines[5]; failed.TxnID != "t0" || failed.Error == "" {
		t.Errorf("a failed line needs its transaction ID and error for Retry: %+v", failed)
	}
}

func TestAddRoomMessagesSkipsRepeats(t *testing.T) {
	m := func(ev string, s int) matrix.RoomMessage {
		return matrix.RoomMessage{EventID: id.EventID(ev), Timestamp: time.Unix(int64(s), 0)}
	}
	got := addRoomMessages([]matrix.RoomMessage{m("$b", 2)}, m("$a", 1), m("$b", 2), m("$c", 3), m("", 4))
	if len(got) != 3 || got[0].EventID != "$a" || got[2].EventID != "$c" {
		t.Errorf("got %v", got)
	}
	var many []matrix.RoomMessage
	for i := range maxChatLines + 10 {
		many = addRoomMessages(many, m("$"+string(rune('a'+i%26))+time.Duration(i).String(), i))
	}
	if len(many) != maxChatLines || many[len(many)-1].Timestamp.Unix() != maxChatLines+9 {
		t.Errorf("kept %d messages ending at %v", len(many), many[len(many)-1].Timestamp.Unix())
	}
}

// The picker offers the public servers that were taking new users first,
// then the others, then a field to type any server.
func TestPickerListsOpenServersFirst(t *testing.T) {
	page := mustGet(t, chapterWith(t, pages.WidgetServerPicker)).Body
	openGroup := strings.Index(page, `label="Public servers that were taking new users"`)
	closedGroup := strings.Index(page, `label="Public servers that were not"`)
	other := strings.Index(page, `value="`+otherServer+`"`)
	if openGroup < 0 || closedGroup < openGroup || other < closedGroup {
		t.Fatalf("groups out of order: open %d, closed %d, other %d", openGroup, closedGroup, other)
	}
	for _, s := range pages.Servers() {
		at := strings.Index(page, `<option value="`+s.Name+`"`)
		if at < 0 {
			t.Errorf("%s is not offered", s.Name)
			continue
		}
		if s.Open != (at < closedGroup) {
			t.Errorf("%s (open: %v) is in the wrong group", s.Name, s.Open)
		}
	}
}

// chapterWith is the path of the chapter that embeds widget.
func chapterWith(t *testing.T, widget string) string {
	t.Helper()
	for _, c := range pages.Chapters() {
		for _, p := range c.Parts {
			if p.Widget == widget {
				return c.Path()
			}
		}
	}
	t.Fatalf("no chapter embeds %s", widget)
	return ""
}

// The prerendered widgets are their empty, signed-out forms with every
// control disabled (they only work once the app runs), and the header's
// account slot is empty: a cached page never holds anyone's data.
func TestWidgetsArePrerenderedEmpty(t *testing.T) {
	for widget, controls := range map[string][]string{
		pages.WidgetServerPicker: {"picker-server"},
		pages.WidgetRegister:     {"register-server", "register-username", "register-password"},
		pages.WidgetLogin:        {"login-user", "login-server", "login-password"},
	} {
		path := chapterWith(t, widget)
		page := mustGet(t, path).Body
		for _, id := range controls {
			tags := tagsWith(page, "", "id", id)
			if len(tags) != 1 {
				t.Errorf("%s: %d elements with id %q", path, len(tags), id)
				continue
			}
			if _, ok := tags[0].Attrs["disabled"]; !ok {
				t.Errorf("%s: #%s is not disabled before the app runs", path, id)
			}
			if v := tags[0].Attrs["value"]; v != "" {
				t.Errorf("%s: #%s is prerendered with the value %q", path, id, v)
			}
		}
		if !strings.Contains(page, `<div class="account-slot" id="account-slot"></div>`) &&
			!strings.Contains(page, `<div id="account-slot" class="account-slot"></div>`) {
			t.Errorf("%s: the account slot is not empty", path)
		}
		for _, leak := range []string{"Signed in as", "access_token", "Log out"} {
			if strings.Contains(page, leak) {
				t.Errorf("%s: prerendered page contains %q", path, leak)
			}
		}
	}
}
