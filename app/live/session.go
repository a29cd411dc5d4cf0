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

// Start brings m up, once (later calls do nothing): it opens storage, asks
// whether a practice server runs, and brings back a saved session; the
// goroutines it starts are m's. sandboxPath is where the guide's own server
// answers about the practice server ("/sandbox.json" under the site's base
// path). The views call it only once they are mounted, so the prerenderer
// never gets here.
func (m *Model) Start(sandboxPath string) {
	m.mu.Lock()
	if m.started {
		m.mu.Unlock()
		return
	}
	m.started = true
	m.storage = openStorage(m.speaking())
	if b, ok, _ := m.storage.kv.Get(serverKey); ok {
		m.serverInput = string(b)
	}
	m.loadResumeLocked() // session_end.go
	// Reading the saved session is a synchronous localStorage lookup: doing
	// it now lets the header say who is signed in at once, while the
	// server is asked in the background whether the session still works.
	saved, loadErr := m.storage.sessions.Load()
	if saved != nil {
		m.userID, m.restoring = saved.UserID, true
	}
	sessions, kv := m.storage.sessions, m.storage.kv
	m.mu.Unlock()
	m.finishSSO(kv)   // back from a single sign-on: see sso.go
	m.finishOAuth(kv) // back from an OAuth 2.0 sign-in: see oauth.go
	m.changed()
	watchOtherTabs(m.signedOutElsewhere)

	go func() {
		info := fetchSandbox(context.Background(), sandboxPath)
		m.update(func() {
			m.sandbox, m.sandboxLoaded = info, true
			if m.serverInput == "" && info != nil {
				// The practice server is the first choice: nothing to
				// decide before trying, and nothing leaves this computer.
				m.serverInput = info.ServerName
			}
		})
		m.probeIfWanted()
	}()
	if saved != nil || loadErr != nil {
		// A damaged entry goes through Restore too, which clears it and
		// explains.
		go m.restore(sessions, saved)
	}
}

// restore asks the server whether the saved session still works (see
// matrix.Restore for the cases).
func (m *Model) restore(sessions matrix.SessionStore, saved *matrix.Session) {
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	defer cancel()
	client, err := matrix.Restore(ctx, sessions)
	if client == nil {
		m.update(func() {
			m.userID, m.restoring = "", false
			if err != nil {
				m.accountNote = m.Message(err)
			}
			if saved != nil && keepsDevice(err) {
				m.setResumeLocked(saved.UserID, saved.DeviceID)
			}
		})
		return
	}
	m.adopt(client)
	if err != nil {
		// Offline or the server is down: carry on with the session, the
		// sync loop will say when it connects.
		m.update(func() { m.offline = m.Message(err) })
	}
}

// signIn keeps a session that Login or Register just produced, and starts
// using it.
func (m *Model) signIn(sess matrix.Session) error {
	client, err := matrix.NewClient(sess)
	if err != nil {
		return err
	}
	m.mu.Lock()
	saveErr := m.storage.sessions.Save(sess)
	// Renewed tokens (servers whose sign-ins expire, such as Synapse) are
	// saved there too, so a reload carries on with them.
	client.UseSessionStore(m.storage.sessions)
	m.setResumeLocked("", "")
	m.mu.Unlock()
	m.adopt(client)
	if saveErr != nil {
		m.update(func() { m.accountNote = m.Message(saveErr) })
	}
	return nil
}

// adopt makes client the signed-in one: its outbox comes back from storage
// and reports every change here, the remembered room and its history are
// loaded, messages left unsent by an earlier visit go out, and the sync
// loop starts.
func (m *Model) adopt(client *matrix.Client) {
	sessCtx, cancel := context.WithCancel(context.Background())
	m.mu.Lock()
	kv := m.storage.kv
	m.mu.Unlock()

	// Without persistent storage the outbox still works in memory.
	_ = client.UseOutboxStore(kv)
	unsubscribe := client.OnOutboxChange(func(msg matrix.PendingMessage) {
		m.update(func() {
			m.outbox[msg.TxnID] = msg
			m.justSent = m.justSent || msg.State == matrix.StateSent
		})
	})
	context.AfterFunc(sessCtx, unsubscribe)
	cryptoNote := m.startEncryption(client, kv) // crypto.go

	me := client.Session().UserID
	var room Room
	if b, ok, _ := kv.Get(roomKey); ok && json.Unmarshal(b, &room) == nil && room.User != me {
		room = Room{}
	}
	m.update(func() {
		if m.endSession != nil {
			m.endSession() // a second sign-in replaces the first
		}
		m.client, m.userID, m.restoring, m.endSession = client, me, false, cancel
		m.accountNote, m.offline = cryptoNote, ""
		m.room = room
		m.timeline = map[id.RoomID][]matrix.RoomMessage{}
		m.invites = nil
		m.list = roomListState{}
		m.history, m.justSent = historyState{}, false
		if room.ID != "" {
			m.history.room(room.ID).recent = true // loadHistory, below
		}
		m.outbox = map[string]matrix.PendingMessage{}
		for _, msg := range client.Outbox() {
			m.outbox[msg.TxnID] = msg
		}
	})
	if room.ID != "" {
		go m.loadHistory(sessCtx, client, room.ID)
	}
	go client.ResumeOutbox(sessCtx)
	m.watchVerification(client) // verify.go
	go m.runSync(sessCtx, client)
}

// LogOut ends the session on the server first, so the token stops working
// there, then forgets everything this browser kept: session, outbox, notes.
// Local data goes even when the server cannot be reached; the reader is
// told the server may still know the session. It blocks until then: call
// it off the UI goroutine.
func (m *Model) LogOut() {
	m.mu.Lock()
	client := m.client
	if client == nil || m.loggingOut {
		m.mu.Unlock()
		return
	}
	m.loggingOut = true
	m.mu.Unlock()
	m.changed()

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err := client.Logout(ctx)
	note := ""
	if err != nil {
		note = m.say("session.logout_not_told", "why", m.Message(err))
	}
	m.forget(note)
}

// forget drops the session and all local data, e.g. after Logout or when
// the server says the session is gone.
func (m *Model) forget(note string) {
	m.mu.Lock()
	_ = m.storage.sessions.Clear()
	_ = matrix.ForgetEncryption(m.storage.kv) // the device's keys go with its tokens
	_ = m.storage.kv.Delete(roomKey)
	_ = m.storage.kv.Delete(readKey)
	_ = m.storage.kv.Delete(serverKey)
	clearLocalData()
	m.dropSessionLocked(note)
	m.mu.Unlock()
	m.changed()
}

// dropSessionLocked stops the session's sync loop and outbox and empties
// what this page holds in memory, leaving storage alone. m.mu is held.
func (m *Model) dropSessionLocked(note string) {
	if m.endSession != nil {
		m.endSession()
	}
	m.client, m.userID, m.restoring, m.loggingOut, m.endSession = nil, "", false, false, nil
	m.accountNote, m.offline = note, ""
	m.room = Room{}
	m.timeline = map[id.RoomID][]matrix.RoomMessage{}
	m.outbox = map[string]matrix.PendingMessage{}
	m.invites = nil
	m.list = roomListState{}
	m.history, m.justSent = historyState{}, false
	m.newRecoveryKey = ""
}
