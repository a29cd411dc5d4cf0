package live

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
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
		if got := UserIDPreview(tc.name, tc.server); got != tc.want {
			t.Errorf("UserIDPreview(%q, %q) = %q, want %q", tc.name, tc.server, got, tc.want)
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
		if got := IsFullUserID(s); got != want {
			t.Errorf("IsFullUserID(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestErrorsGoNextToTheirField(t *testing.T) {
	kinded := func(k matrix.Kind) error { return &matrix.Error{Kind: k} }
	for _, tc := range []struct {
		err    error
		fields []Field
		want   Field
	}{
		{kinded(matrix.KindWrongPassword), LoginFields, FieldPassword},
		{kinded(matrix.KindUsernameTaken), RegisterFields, FieldUsername},
		{kinded(matrix.KindUnreachable), LoginFields, FieldServer},
		{kinded(matrix.KindNotMatrix), RegisterFields, FieldServer},
		{kinded(matrix.KindBadRegistrationToken), RegisterFields, FieldToken},
		{kinded(matrix.KindRateLimited), RegisterFields, FieldForm},
		{kinded(matrix.KindEmailInUse), RegisterFields, FieldEmail},
		{kinded(matrix.KindBadEmail), RegisterFields, FieldEmail},
		{kinded(matrix.KindEmailRefused), RegisterFields, FieldEmail},
		{kinded(matrix.KindBadUserID), []Field{FieldInvite}, FieldInvite},
		{kinded(matrix.KindRoomNotFound), []Field{FieldRoom}, FieldRoom},
		{kinded(matrix.KindUnreachable), []Field{FieldRoom}, FieldForm}, // no server field in that form
		{errors.New("not ours"), LoginFields, FieldForm},
	} {
		if got := FieldFor(tc.err, tc.fields...); got != tc.want {
			t.Errorf("%v in %v: shown at %q, want %q", tc.err, tc.fields, got, tc.want)
		}
	}

	m := New()
	fe := m.FormErrors(kinded(matrix.KindWrongPassword), LoginFields...)
	if fe[FieldPassword] != "The username or password is not right. Please check both and try again." || len(fe) != 1 {
		t.Errorf("set filed %v", fe)
	}
	fe = m.FormErrors(&matrix.Error{Kind: matrix.KindCanceled}, LoginFields...)
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
		kind     VerdictKind
		headline string
		register bool
	}{
		{"inline", matrix.AuthInfo{RegistrationOpen: true, CanRegisterInline: true, PasswordLogin: true}, VerdictSignUpHere, "You can create an account right here.", true},
		{"terms", matrix.AuthInfo{RegistrationOpen: true, CanRegisterInline: true, RegistrationNeedsTerms: true}, VerdictSignUpHere, "after accepting the server's terms", true},
		{"token", matrix.AuthInfo{RegistrationOpen: true, CanRegisterInline: true, RegistrationNeedsToken: true}, VerdictSignUpHere, "invitation code", true},
		{"captcha", matrix.AuthInfo{RegistrationOpen: true, RegistrationNeedsBrowser: true}, VerdictSignUpSteps, "captcha or an email check", true},
		{"email", matrix.AuthInfo{RegistrationOpen: true, CanRegisterInline: true, RegistrationNeedsEmail: true}, VerdictSignUpHere, "with an email address", true},
		{"oauth", matrix.AuthInfo{OAuth: true, OAuthOnly: true, SignupURL: "https://account.example.org/"}, VerdictOwnPage, "own page (OAuth)", false},
		{"closed", matrix.AuthInfo{RegistrationClosed: true, PasswordLogin: true}, VerdictClosed, "Sign-up is closed here.", false},
		{"unknown", matrix.AuthInfo{PasswordLogin: true}, VerdictUnknown, "couldn't tell", true},
	} {
		v := verdictFor(english, srv(tc.auth))
		if v.Kind != tc.kind || !strings.Contains(v.Headline, tc.headline) || v.CanRegister() != tc.register {
			t.Errorf("%s: %+v, want %s containing %q (register %v)", tc.name, v, tc.kind, tc.headline, tc.register)
		}
		if tc.kind == VerdictOwnPage && v.Link != tc.auth.SignupURL {
			t.Errorf("%s: link %q, want the server's sign-up page", tc.name, v.Link)
		}
		// Under the headline: where it was found, then how to sign in.
		if v.Details[0] != "Found a Matrix server at example.org." {
			t.Errorf("%s: details %q, want where it was found first", tc.name, v.Details)
		}
		if pw := slices.Contains(v.Details, "You can sign in with a username and password."); pw != tc.auth.PasswordLogin {
			t.Errorf("%s: details %q say password log-in is %v", tc.name, v.Details, pw)
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
		{TxnID: "t0", RoomID: room, Body: "failed", State: matrix.StateFailed, Failure: &matrix.Error{Kind: matrix.KindUnreachable, Server: "hs"}, ErrorKind: matrix.KindUnreachable, CreatedAt: at(1)},
		{TxnID: "t5", RoomID: room, Body: "sending", State: matrix.StateSending, CreatedAt: at(5)},
		{TxnID: "t9", RoomID: other, Body: "not this room", State: matrix.StatePending, CreatedAt: at(0)},
	}
	var got []string
	for _, l := range chatLines(english, room, me, events, outbox) {
		got = append(got, l.Body+"|"+string(l.State))
	}
	want := []string{
		"from history|sent", "hi|", "echoed|sent", "sent, no echo yet|sent", "reply|",
		"failed|failed", "sending|sending", // undelivered ones wait at the bottom, oldest first
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("chat lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	lines := chatLines(english, room, me, events, outbox)
	if failed := lines[5]; failed.TxnID != "t0" || failed.Error != "Could not reach hs. Check the address and your internet connection, then try again." {
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
