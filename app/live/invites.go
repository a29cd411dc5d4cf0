package live

import (
	"context"
	"strings"

	"maunium.net/go/mautrix/id"

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

// Sentence is the invitation in words: "Alice invited you to a direct chat."
func (v InviteView) Sentence() string {
	return say("invite.sentence", "who", v.Who, "what", v.What)
}

func inviteView(p pendingInvite) InviteView {
	return InviteView{Invite: p.Invite, Who: inviterWho(p.Invite), What: inviteWhat(p.Invite),
		Joining: p.joining, Declining: p.declining, Error: p.err}
}

func inviterWho(inv Invite) string {
	if name := strings.TrimSpace(inv.InviterName); name != "" {
		return name
	}
	if inv.Inviter != "" {
		return string(inv.Inviter)
	}
	return say("invite.someone")
}

func inviteWhat(inv Invite) string {
	switch {
	case inv.Direct:
		return say("invite.a_direct_chat")
	case strings.TrimSpace(inv.RoomName) != "":
		return inv.RoomName
	}
	return say("invite.a_room")
}

// chatLabel is what the chat calls the room once joined.
func chatLabel(inv Invite) string {
	switch {
	case !inv.Direct && strings.TrimSpace(inv.RoomName) != "":
		return inv.RoomName
	case inv.Direct:
		return say("invite.direct_chat_label", "who", inviterWho(inv))
	}
	return say("invite.room_label", "who", inviterWho(inv))
}

// addInviteLocked records a new invitation, or new details of one already
// shown (keeping what the reader is doing about it). s.mu is held.
func (s *state) addInviteLocked(inv Invite) {
	for i := range s.invites {
		if s.invites[i].RoomID == inv.RoomID {
			s.invites[i].Invite = inv
			return
		}
	}
	s.invites = append(s.invites, pendingInvite{Invite: inv})
}

// dropInviteLocked forgets the invitation to room. s.mu is held.
func (s *state) dropInviteLocked(room id.RoomID) {
	kept := s.invites[:0]
	for _, p := range s.invites {
		if p.RoomID != room {
			kept = append(kept, p)
		}
	}
	s.invites = kept
}

// markInvite finds the invitation to room and lets fn change it; it
// reports whether the invitation is still there.
func (s *state) markInvite(room id.RoomID, fn func(p *pendingInvite)) bool {
	found := false
	s.update(func() {
		for i := range s.invites {
			if s.invites[i].RoomID == room {
				fn(&s.invites[i])
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
func AcceptInvite(room id.RoomID) error {
	s := the
	client := s.currentClient()
	if client == nil {
		return notSignedIn
	}
	var inv Invite
	busy := false
	if !s.markInvite(room, func(p *pendingInvite) {
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
		s.markInvite(room, func(p *pendingInvite) { p.joining, p.err = false, joinInviteError(err) })
		return err
	}
	s.update(func() { s.dropInviteLocked(room) })
	s.openRoom(client, roomID, chatLabel(inv))
	return nil
}

// DeclineInvite turns an invitation down; it disappears once the server
// agrees. It blocks until the server answers; a failure is worded on the
// invitation and returned.
func DeclineInvite(room id.RoomID) error {
	s := the
	client := s.currentClient()
	if client == nil {
		return notSignedIn
	}
	busy := false
	if !s.markInvite(room, func(p *pendingInvite) {
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
		s.markInvite(room, func(p *pendingInvite) { p.declining, p.err = false, declineInviteError(err) })
		return err
	}
	s.update(func() { s.dropInviteLocked(room) })
	return nil
}

// joinInviteError words a failed Join: a refusal means the invitation is
// no longer open (withdrawn, or the room is gone), which the server's
// general sentence about invite-only rooms would not say.
func joinInviteError(err error) string {
	switch matrix.KindOf(err) {
	case matrix.KindCanceled:
		return ""
	case matrix.KindForbidden, matrix.KindRoomNotFound, matrix.KindNotFound:
		return say("invite.gone")
	}
	return say("invite.join_failed", "why", Message(err))
}

func declineInviteError(err error) string {
	if matrix.KindOf(err) == matrix.KindCanceled {
		return ""
	}
	return say("invite.decline_failed", "why", Message(err))
}
