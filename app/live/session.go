package live

import (
	"context"
	"encoding/json"
	"time"

	"maunium.net/go/mautrix/id"

	"hellomatrix/matrix"
)

// deviceName is how the guide's sessions show in the reader's device list
// in other apps, so they can recognise (and later remove) this one.
const deviceName = "Hello Matrix guide"

// Start brings the live client up once per page load (later calls do
// nothing): it opens storage, asks whether a practice server runs, and
// brings back a saved session. sandboxPath is where the guide's own server
// answers about the practice server ("/sandbox.json" under the site's base
// path). The views call it only once they are mounted, so the prerenderer
// never gets here.
func Start(sandboxPath string) {
	s := the
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return
	}
	s.started = true
	s.storage = openStorage()
	if b, ok, _ := s.storage.kv.Get(serverKey); ok {
		s.serverInput = string(b)
	}
	s.loadResumeLocked() // session_end.go
	// Reading the saved session is a synchronous localStorage lookup: doing
	// it now lets the header say who is signed in at once, while the
	// server is asked in the background whether the session still works.
	saved, loadErr := s.storage.sessions.Load()
	if saved != nil {
		s.userID, s.restoring = saved.UserID, true
	}
	sessions, kv := s.storage.sessions, s.storage.kv
	s.mu.Unlock()
	s.finishSSO(kv)   // back from a single sign-on: see sso.go
	s.finishOAuth(kv) // back from an OAuth 2.0 sign-in: see oauth.go
	s.changed()
	watchOtherTabs(s.signedOutElsewhere)

	go func() {
		info := fetchSandbox(context.Background(), sandboxPath)
		s.update(func() {
			s.sandbox, s.sandboxLoaded = info, true
			if s.serverInput == "" && info != nil {
				// The practice server is the first choice: nothing to
				// decide before trying, and nothing leaves this computer.
				s.serverInput = info.ServerName
			}
		})
		s.probeIfWanted()
	}()
	if saved != nil || loadErr != nil {
		// A damaged entry goes through Restore too, which clears it and
		// explains.
		go s.restore(sessions, saved)
	}
}

// restore asks the server whether the saved session still works (see
// matrix.Restore for the cases).
func (s *state) restore(sessions matrix.SessionStore, saved *matrix.Session) {
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	client, err := matrix.Restore(ctx, sessions)
	if client == nil {
		s.update(func() {
			s.userID, s.restoring = "", false
			if err != nil {
				s.accountNote = Message(err)
			}
			if saved != nil && keepsDevice(err) {
				s.setResumeLocked(saved.UserID, saved.DeviceID)
			}
		})
		return
	}
	s.adopt(client)
	if err != nil {
		// Offline or the server is down: carry on with the session, the
		// sync loop will say when it connects.
		s.update(func() { s.offline = Message(err) })
	}
}

// signIn keeps a session that Login or Register just produced, and starts
// using it.
func (s *state) signIn(sess matrix.Session) error {
	client, err := matrix.NewClient(sess)
	if err != nil {
		return err
	}
	s.mu.Lock()
	saveErr := s.storage.sessions.Save(sess)
	// Renewed tokens (servers whose sign-ins expire, such as Synapse) are
	// saved there too, so a reload carries on with them.
	client.UseSessionStore(s.storage.sessions)
	s.setResumeLocked("", "")
	s.mu.Unlock()
	s.adopt(client)
	if saveErr != nil {
		s.update(func() { s.accountNote = Message(saveErr) })
	}
	return nil
}

// adopt makes client the signed-in one: its outbox comes back from storage
// and reports every change here, the remembered room and its history are
// loaded, messages left unsent by an earlier visit go out, and the sync
// loop starts.
func (s *state) adopt(client *matrix.Client) {
	sessCtx, cancel := context.WithCancel(context.Background())
	s.mu.Lock()
	kv := s.storage.kv
	s.mu.Unlock()

	// Without persistent storage the outbox still works in memory.
	_ = client.UseOutboxStore(kv)
	unsubscribe := client.OnOutboxChange(func(m matrix.PendingMessage) {
		s.update(func() {
			s.outbox[m.TxnID] = m
			s.justSent = s.justSent || m.State == matrix.StateSent
		})
	})
	context.AfterFunc(sessCtx, unsubscribe)
	cryptoNote := startEncryption(client, kv) // crypto.go

	me := client.Session().UserID
	var room Room
	if b, ok, _ := kv.Get(roomKey); ok && json.Unmarshal(b, &room) == nil && room.User != me {
		room = Room{}
	}
	s.update(func() {
		if s.endSession != nil {
			s.endSession() // a second sign-in replaces the first
		}
		s.client, s.userID, s.restoring, s.endSession = client, me, false, cancel
		s.accountNote, s.offline = cryptoNote, ""
		s.room = room
		s.timeline = map[id.RoomID][]matrix.RoomMessage{}
		s.invites = nil
		s.list = roomListState{}
		s.history, s.justSent = historyState{}, false
		if room.ID != "" {
			s.history.room(room.ID).recent = true // loadHistory, below
		}
		s.outbox = map[string]matrix.PendingMessage{}
		for _, m := range client.Outbox() {
			s.outbox[m.TxnID] = m
		}
	})
	if room.ID != "" {
		go s.loadHistory(sessCtx, client, room.ID)
	}
	go client.ResumeOutbox(sessCtx)
	s.watchVerification(client) // verify.go
	go s.runSync(sessCtx, client)
}

// LogOut ends the session on the server first, so the token stops working
// there, then forgets everything this browser kept: session, outbox, notes.
// Local data goes even when the server cannot be reached; the reader is
// told the server may still know the session. It blocks until then: call
// it off the UI goroutine.
func LogOut() {
	s := the
	s.mu.Lock()
	client := s.client
	if client == nil || s.loggingOut {
		s.mu.Unlock()
		return
	}
	s.loggingOut = true
	s.mu.Unlock()
	s.changed()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := client.Logout(ctx)
	note := ""
	if err != nil {
		note = say("session.logout_not_told", "why", Message(err))
	}
	s.forget(note)
}

// forget drops the session and all local data, e.g. after Logout or when
// the server says the session is gone.
func (s *state) forget(note string) {
	s.mu.Lock()
	_ = s.storage.sessions.Clear()
	_ = matrix.ForgetEncryption(s.storage.kv) // the device's keys go with its tokens
	_ = s.storage.kv.Delete(roomKey)
	_ = s.storage.kv.Delete(readKey)
	_ = s.storage.kv.Delete(serverKey)
	clearLocalData()
	s.dropSessionLocked(note)
	s.mu.Unlock()
	s.changed()
}

// dropSessionLocked stops the session's sync loop and outbox and empties
// what this page holds in memory, leaving storage alone. s.mu is held.
func (s *state) dropSessionLocked(note string) {
	if s.endSession != nil {
		s.endSession()
	}
	s.client, s.userID, s.restoring, s.loggingOut, s.endSession = nil, "", false, false, nil
	s.accountNote, s.offline = note, ""
	s.room = Room{}
	s.timeline = map[id.RoomID][]matrix.RoomMessage{}
	s.outbox = map[string]matrix.PendingMessage{}
	s.invites = nil
	s.list = roomListState{}
	s.history, s.justSent = historyState{}, false
	s.newRecoveryKey = ""
}
