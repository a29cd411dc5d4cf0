package live

import (
	"context"
	"strings"

	"maunium.net/go/mautrix/id"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// Invitations: the sync loop brings them (and their end, however it came:
// joined or declined on another device, withdrawn by the inviter); every
// live box shows them with Join and Decline, whatever else it shows.

// pendingInvite is one invitation and what the reader is doing about it.
type pendingInvite struct {
	Invite
	joining, declining bool
	err                string // why the last Join or Decline failed, in words
}

// InviteView is one invitation as a box shows it. Who and What are names
// other people chose: text, never markup.
type InviteView struct {
	Invite
	Who       string // the inviter's display name, else their user ID
	What      string // the room's name, "a direct chat", or "a room"
	Joining   bool
	Declining bool
	Error     string // why Join or Decline failed, with what to do
}

// InviteSentence is invitation v in words: "Alice invited you to a direct
// chat."
func (m *Model) InviteSentence(v InviteView) string {
	return m.say("invite.sentence", "who", v.Who, "what", v.What)
}

// inviteView is p as a box shows it, named in w's words.
func inviteView(w *words.Words, p pendingInvite) InviteView {
	return InviteView{Invite: p.Invite, Who: inviterWho(w, p.Invite), What: inviteWhat(w, p.Invite),
		Joining: p.joining, Declining: p.declining, Error: p.err}
}

func inviterWho(w *words.Words, inv Invite) string {
	if name := strings.TrimSpace(inv.InviterName); name != "" {
		return name
	}
	if inv.Inviter != "" {
		return string(inv.Inviter)
	}
	return w.Say("invite.someone")
}

func inviteWhat(w *words.Words, inv Invite) string {
	switch {
	case inv.Direct:
		return w.Say("invite.a_direct_chat")
	case strings.TrimSpace(inv.RoomName) != "":
		return inv.RoomName
	}
	return w.Say("invite.a_room")
}

// chatLabel is what the chat calls the room once joined, in w's words.
func chatLabel(w *words.Words, inv Invite) string {
	switch {
	case !inv.Direct && strings.TrimSpace(inv.RoomName) != "":
		return inv.RoomName
	case inv.Direct:
		return w.Say("invite.direct_chat_label", "who", inviterWho(w, inv))
	}
	return w.Say("invite.room_label", "who", inviterWho(w, inv))
}

// addInviteLocked records a new invitation, or new details of one already
// shown (keeping what the reader is doing about it). m.mu is held.
func (m *Model) addInviteLocked(inv Invite) {
	for i := range m.invites {
		if m.invites[i].RoomID == inv.RoomID {
			m.invites[i].Invite = inv
			return
		}
	}
	m.invites = append(m.invites, pendingInvite{Invite: inv})
}

// dropInviteLocked forgets the invitation to room. m.mu is held.
func (m *Model) dropInviteLocked(room id.RoomID) {
	kept := m.invites[:0]
	for _, p := range m.invites {
		if p.RoomID != room {
			kept = append(kept, p)
		}
	}
	m.invites = kept
}

// markInvite finds the invitation to room and lets fn change it; it
// reports whether the invitation is still there.
func (m *Model) markInvite(room id.RoomID, fn func(p *pendingInvite)) bool {
	found := false
	m.update(func() {
		for i := range m.invites {
			if m.invites[i].RoomID == room {
				fn(&m.invites[i])
				found = true
				return
			}
		}
	})
	return found
}

// AcceptInvite joins the room of an invitation and opens it in the chat.
// It blocks until the server answers; a failure is worded on the
// invitation (InviteView.Error) and returned.
func (m *Model) AcceptInvite(room id.RoomID) error {
	client := m.currentClient()
	if client == nil {
		return notSignedIn
	}
	var inv Invite
	busy := false
	if !m.markInvite(room, func(p *pendingInvite) {
		inv, busy = p.Invite, p.joining || p.declining
		if !busy {
			p.joining, p.err = true, ""
		}
	}) || busy {
		return nil // gone meanwhile, or a second click
	}
	ctx, cancel := context.WithTimeout(context.Background(), roomTimeout)
	defer cancel()
	roomID, err := client.JoinRoom(ctx, string(room))
	if err != nil {
		m.markInvite(room, func(p *pendingInvite) { p.joining, p.err = false, joinInviteError(m.speaking(), err) })
		return err
	}
	m.update(func() { m.dropInviteLocked(room) })
	m.openRoom(client, roomID, chatLabel(m.speaking(), inv))
	return nil
}

// DeclineInvite turns an invitation down; it disappears once the server
// agrees. It blocks until the server answers; a failure is worded on the
// invitation and returned.
func (m *Model) DeclineInvite(room id.RoomID) error {
	client := m.currentClient()
	if client == nil {
		return notSignedIn
	}
	busy := false
	if !m.markInvite(room, func(p *pendingInvite) {
		busy = p.joining || p.declining
		if !busy {
			p.declining, p.err = true, ""
		}
	}) || busy {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), roomTimeout)
	defer cancel()
	if err := client.DeclineInvite(ctx, room); err != nil {
		m.markInvite(room, func(p *pendingInvite) { p.declining, p.err = false, declineInviteError(m.speaking(), err) })
		return err
	}
	m.update(func() { m.dropInviteLocked(room) })
	return nil
}

// joinInviteError words a failed Join: a refusal means the invitation is
// no longer open (withdrawn, or the room is gone), which the server's
// general sentence about invite-only rooms would not say. In w's words.
func joinInviteError(w *words.Words, err error) string {
	switch matrix.KindOf(err) {
	case matrix.KindCanceled:
		return ""
	case matrix.KindForbidden, matrix.KindRoomNotFound, matrix.KindNotFound:
		return w.Say("invite.gone")
	}
	return w.Say("invite.join_failed", "why", errorSentence(w, err))
}

func declineInviteError(w *words.Words, err error) string {
	if matrix.KindOf(err) == matrix.KindCanceled {
		return ""
	}
	return w.Say("invite.decline_failed", "why", errorSentence(w, err))
}
