package live

import (
	"context"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// historySize is how many recent messages the chat shows after a reload.
const historySize = 20

// runSync is the page's one sync loop for client: new messages and invites
// land in the state as they arrive. It ends with the session (ctx), or when
// the server says the session is over, which signs the reader out here
// too with the core's explanation.
func (s *state) runSync(ctx context.Context, client *matrix.Client) {
	err := client.Sync(ctx, matrix.SyncHandler{
		Message: func(m matrix.RoomMessage) {
			s.update(func() { s.timeline[m.RoomID] = addRoomMessages(s.timeline[m.RoomID], m) })
		},
		Invite: func(inv matrix.Invite) {
			s.update(func() {
				for _, have := range s.invites {
					if have.RoomID == inv.RoomID {
						return
					}
				}
				s.invites = append(s.invites, inv)
			})
		},
		Status: func(st matrix.SyncStatus) {
			s.update(func() {
				s.offline = ""
				if !st.Connected {
					s.offline = matrix.Message(st.Err)
				}
			})
		},
	})
	if err != nil && ctx.Err() == nil && s.currentClient() == client {
		if keepsDevice(err) {
			s.endSoftly(client, err)
			return
		}
		s.forget(matrix.Message(err))
	}
}

// loadHistory fills a room with its recent messages, for a reader coming
// back after a reload or opening a room the first sync said little about.
func (s *state) loadHistory(ctx context.Context, client *matrix.Client, room id.RoomID) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	msgs, err := client.History(ctx, room, historySize)
	if err != nil {
		return // the sync loop reports trouble with the server; history is a bonus
	}
	s.update(func() { s.timeline[room] = addRoomMessages(s.timeline[room], msgs...) })
}
