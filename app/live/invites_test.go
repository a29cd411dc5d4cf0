package live

import (
	"testing"

	"hellomatrix/matrix"
)

func TestInvitationWords(t *testing.T) {
	for _, tc := range []struct {
		inv            Invite
		sentence, chat string
	}{
		{Invite{Inviter: "@alice:example.org", InviterName: "Alice", Direct: true}, "Alice invited you to a direct chat.", "Direct chat with Alice"},
		{Invite{Inviter: "@alice:example.org", Direct: true, RoomName: "Ours"}, "@alice:example.org invited you to a direct chat.", "Direct chat with @alice:example.org"},
		{Invite{Inviter: "@bob:example.org", InviterName: "  ", RoomName: "Book <b>club</b>"}, "@bob:example.org invited you to Book <b>club</b>.", "Book <b>club</b>"},
		{Invite{Inviter: "@bob:example.org", InviterName: "Bob"}, "Bob invited you to a room.", "Room from Bob"},
	} {
		v := inviteView(english, pendingInvite{Invite: tc.inv})
		if got := New().InviteSentence(v); got != tc.sentence {
			t.Errorf("%+v: InviteSentence = %q, want %q", tc.inv, got, tc.sentence)
		}
		if got := chatLabel(english, tc.inv); got != tc.chat {
			t.Errorf("%+v: chatLabel = %q, want %q", tc.inv, got, tc.chat)
		}
	}
}

func TestInvitationErrorsSayWhatToDo(t *testing.T) {
	refused := &matrix.Error{Kind: matrix.KindForbidden, Reason: matrix.ReasonForbiddenJoin}
	if got := joinInviteError(english, refused); got == "" || got == New().Message(refused) {
		t.Errorf("a refused join of an invitation says %q; it should say the invitation is no longer open", got)
	}
	down := &matrix.Error{Kind: matrix.KindNetworkDown}
	if got := declineInviteError(english, down); got != "The invitation is still open: declining did not work. Your device seems to be offline. Check your internet connection and try again." {
		t.Errorf("declineInviteError = %q", got)
	}
	if got := joinInviteError(english, &matrix.Error{Kind: matrix.KindCanceled}); got != "" {
		t.Errorf("a cancelled join says %q, want nothing", got)
	}
}
