package live

import (
	"context"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// runSync is the page's one sync loop for client: new messages and invites
// land in the state as they arrive. It ends with the session (ctx), or when
// the server says the session is over, which signs the reader out here
// too with the core's explanation.
func (s *state) runSync(ctx context.Context, client *matrix.Client) {
	err := client.Sync(ctx, matrix.SyncHandler{
		Message: func(m matrix.RoomMessage) {
			s.update(func() {
				s.timeline[m.RoomID] = addRoomMessages(s.timeline[m.RoomID], m)
				if m.RoomID == s.room.ID {
					s.markReadLocked(m.RoomID, m.Timestamp.UnixMilli()) // room_list.go
				}
			})
		},
		Rooms:      func(rooms []matrix.RoomSummary) { s.update(func() { s.list.rooms = rooms }) },
		Ignored:    func(users []id.UserID) { s.update(func() { s.list.ignored = users }) },
		Invite:     func(inv matrix.Invite) { s.update(func() { s.addInviteLocked(inv) }) },
		InviteGone: func(room id.RoomID) { s.update(func() { s.dropInviteLocked(room) }) },
		Earlier:    func(room id.RoomID, from string) { s.update(func() { s.history.offer(room, from) }) },
		Status: func(st matrix.SyncStatus) {
			s.update(func() {
				s.offline = ""
				if !st.Connected {
					s.offline = reconnecting(st.Err)
				}
			})
		},
	})
	if err != nil && ctx.Err() == nil && s.currentClient() == client {
		if keepsDevice(err) {
			s.endSoftly(client, err)
			return
		}
		s.forget(Message(err))
	}
}
