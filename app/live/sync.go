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
func (m *Model) runSync(ctx context.Context, client *matrix.Client) {
	err := client.Sync(ctx, matrix.SyncHandler{
		Message: func(msg matrix.RoomMessage) {
			m.update(func() {
				m.timeline[msg.RoomID] = addRoomMessages(m.timeline[msg.RoomID], msg)
				if msg.RoomID == m.room.ID {
					m.markReadLocked(msg.RoomID, msg.Timestamp.UnixMilli()) // room_list.go
				}
			})
		},
		Rooms:      func(rooms []matrix.RoomSummary) { m.update(func() { m.list.rooms = rooms }) },
		Ignored:    func(users []id.UserID) { m.update(func() { m.list.ignored = users }) },
		Invite:     func(inv matrix.Invite) { m.update(func() { m.addInviteLocked(inv) }) },
		InviteGone: func(room id.RoomID) { m.update(func() { m.dropInviteLocked(room) }) },
		Earlier:    func(room id.RoomID, from string) { m.update(func() { m.history.offer(room, from) }) },
		Status: func(st matrix.SyncStatus) {
			m.update(func() {
				m.offline = ""
				if !st.Connected {
					m.offline = m.reconnecting(st.Err)
				}
			})
		},
	})
	if err != nil && ctx.Err() == nil && m.currentClient() == client {
		if keepsDevice(err) {
			m.endSoftly(client, err)
			return
		}
		m.forget(m.Message(err))
	}
}
