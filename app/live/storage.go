package live

import "hellomatrix/matrix"

// storage is where the live client keeps what must outlive a reload: the
// session (an access token), the outbox of unsent messages and two small
// notes of its own (the picked server and the open room). In the browser
// all of it is localStorage under matrix.BrowserKVPrefix; when the browser
// refuses storage, and in the native build, it lives in memory.
type storage struct {
	sessions matrix.SessionStore
	kv       matrix.KV
	// note explains, when set, why nothing will be remembered.
	note string
}

// Keys of the live client's own notes in storage.kv. The session and the
// outbox use the core's keys.
const (
	serverKey = "live/server" // the server the reader picked, as typed
	roomKey   = "live/room"   // the room the chat shows (Room as JSON)
)

// memoryStorage forgets everything with the tab.
func memoryStorage(note string) storage {
	return storage{sessions: matrix.NewMemorySessionStore(), kv: matrix.NewMemoryKV(), note: note}
}
