//go:build goolm && !js

package matrix

import (
	"strings"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// cryptoUser is testUser with encryption on, its keys kept in kv.
func cryptoUser(t *testing.T, srv homeserver, prefix string, kv KV) *Client {
	t.Helper()
	c := testUser(t, srv, prefix)
	if err := c.UseEncryption(testCtx(t, time.Minute), kv); err != nil {
		t.Fatalf("UseEncryption for %s: %v", prefix, err)
	}
	return c
}

// waitDecrypted waits until Sync delivers eventID readable, whether at once
// or as an Update once its key arrived.
func waitDecrypted(t *testing.T, r *syncRecorder, eventID id.EventID) RoomMessage {
	t.Helper()
	return r.waitMessage(t, 60*time.Second, func(m RoomMessage) bool {
		if m.EventID == eventID && m.Encrypted && !m.Problem.Retried() {
			t.Fatalf("message %s cannot be decrypted and will not be retried: %s", eventID, m.Problem)
		}
		return m.EventID == eventID && m.Decrypted
	})
}

// assertCiphertextOnServer reads eventID as the server stores it: an
// m.room.encrypted event whose content does not contain the plain text.
func assertCiphertextOnServer(t *testing.T, c *Client, room id.RoomID, eventID id.EventID, plain string) {
	t.Helper()
	evt, err := c.API().GetEvent(testCtx(t, 30*time.Second), room, eventID)
	if err != nil {
		t.Fatalf("GET event %s: %v", eventID, err)
	}
	raw := string(evt.Content.VeryRaw)
	if evt.Type != event.EventEncrypted || strings.Contains(raw, plain) {
		t.Fatalf("the server stores %s as %s %s; want m.room.encrypted without the text %q", eventID, evt.Type.Type, raw, plain)
	}
}

// reload stops c's sync loop and starts a client afresh from c's session
// and the KV alone, as a page reload does. It must not make new device
// keys: no POST (key upload) while loading.
func reload(t *testing.T, running *syncRecorder, c *Client, kv KV) *Client {
	t.Helper()
	running.cancel()
	if err := <-running.done; err != nil {
		t.Fatal(err)
	}
	running.done <- nil // for startSync's cleanup
	c2 := testClient(t, c.Session())
	ct := count(c2)
	if err := c2.UseEncryption(testCtx(t, time.Minute), kv); err != nil {
		t.Fatal(err)
	}
	if n := ct.method("POST"); n != 0 {
		t.Errorf("the reloaded client made %d POST requests while loading its keys; want none (no new keys)", n)
	}
	return c2
}

// assertReadsHistory checks that c's History of room has each of want
// (event ID to body) decrypted.
func assertReadsHistory(t *testing.T, c *Client, room id.RoomID, want map[id.EventID]string) {
	t.Helper()
	hist, err := c.History(testCtx(t, 30*time.Second), room, 20)
	if err != nil {
		t.Fatal(err)
	}
	read := map[id.EventID]string{}
	for _, m := range hist {
		if m.Decrypted {
			read[m.EventID] = m.Body
		}
	}
	for evt, body := range want {
		if read[evt] != body {
			t.Errorf("%s's history reads %v; want %s=%q", c.Session().UserID, read, evt, body)
		}
	}
}

// TestEncryptedChat is end-to-end encryption between two Go clients: a
// private room created encrypted, a message each way read on the other
// side (and stored as ciphertext by the server), then a reload of A's
// client from its stored keys: it still reads the messages from before
// and its new message is read by B. Last, C joins late and is told, for
// the messages from before it joined, that they were sent before it did.
func TestEncryptedChat(t *testing.T) { roomServers(t, testEncryptedChat) }

func testEncryptedChat(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 4*time.Minute)
	kvA := NewMemoryKV()
	a := cryptoUser(t, srv, "e2ea", kvA)
	b := cryptoUser(t, srv, "e2eb", NewMemoryKV())

	room, err := a.CreatePrivateRoom(ctx, "Secret room", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	var enc event.EncryptionEventContent
	if err := a.API().StateEvent(ctx, room, event.StateEncryption, "", &enc); err != nil || enc.Algorithm != id.AlgorithmMegolmV1 {
		t.Fatalf("the new room's m.room.encryption is %+v (%v); want megolm", enc, err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	aSync, bSync := startSync(t, a), startSync(t, b)

	first := "before the reload, " + uniqueName("x")
	sent, err := a.Send(ctx, room, first)
	if err != nil {
		t.Fatal(err)
	}
	if got := waitDecrypted(t, bSync, sent.EventID); got.Body != first || got.Sender != a.Session().UserID {
		t.Fatalf("B read %+v; want %q from A", got, first)
	}
	// Asked once B has it: Dendrite's event reads lag its /send a moment.
	assertCiphertextOnServer(t, b, room, sent.EventID, first)
	reply := "a reply from B, " + uniqueName("y")
	replied, err := b.Send(ctx, room, reply)
	if err != nil {
		t.Fatal(err)
	}
	if got := waitDecrypted(t, aSync, replied.EventID); got.Body != reply {
		t.Fatalf("A read %+v; want %q", got, reply)
	}

	a2 := reload(t, aSync, a, kvA)
	assertReadsHistory(t, a2, room, map[id.EventID]string{sent.EventID: first, replied.EventID: reply})
	startSync(t, a2)
	second := "after the reload, " + uniqueName("z")
	sent2, err := a2.Send(ctx, room, second)
	if err != nil {
		t.Fatal(err)
	}
	if got := waitDecrypted(t, bSync, sent2.EventID); got.Body != second {
		t.Fatalf("B read %+v after A's reload; want %q", got, second)
	}

	// C joins late: the messages from before were never shared with it.
	c := cryptoUser(t, srv, "e2ec", NewMemoryKV())
	if _, err := a2.API().InviteUser(ctx, room, &mautrix.ReqInviteUser{UserID: c.Session().UserID}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	cSync := startSync(t, c)
	old := cSync.waitMessage(t, 60*time.Second, func(m RoomMessage) bool { return m.EventID == sent.EventID })
	if !old.Encrypted || old.Problem != ProblemSentBeforeJoin {
		t.Fatalf("C got the message from before it joined as %+v; want unreadable, %s", old, ProblemSentBeforeJoin)
	}
	third := "for everyone now, " + uniqueName("w")
	sent3, err := a2.Send(ctx, room, third)
	if err != nil {
		t.Fatal(err)
	}
	if got := waitDecrypted(t, cSync, sent3.EventID); got.Body != third {
		t.Fatalf("C read %+v; want %q", got, third)
	}
}

// TestForgetEncryptionOnLogout: signing out removes the device's keys from
// the KV, and nothing writes them back.
func TestForgetEncryptionOnLogout(t *testing.T) { bothServers(t, testForgetEncryptionOnLogout) }

func testForgetEncryptionOnLogout(t *testing.T, srv homeserver) {
	ctx := testCtx(t, time.Minute)
	kv := NewMemoryKV()
	a := cryptoUser(t, srv, "e2eout", kv)
	if _, ok, _ := kv.Get(cryptoKVKey); !ok {
		t.Fatal("UseEncryption kept no keys in the KV")
	}
	if err := a.Logout(ctx); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := kv.Get(cryptoKVKey); ok {
		t.Fatalf("after Logout the KV still holds %d bytes of keys", len(v))
	}
	if a.EncryptionOn() {
		t.Fatal("after Logout the client still has encryption on")
	}
}

// TestEncryptedSendInDoubt: the outbox's once-only guarantee holds for
// encrypted messages. One whose request was cut short after the server
// stored it is found in the room (its ciphertext echo carries our
// transaction ID) and marked sent without another PUT; B reads it once.
func TestEncryptedSendInDoubt(t *testing.T) { bothServers(t, testEncryptedSendInDoubt) }

func testEncryptedSendInDoubt(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 2*time.Minute)
	a := cryptoUser(t, srv, "e2edoubt", NewMemoryKV())
	b := cryptoUser(t, srv, "e2edoubtb", NewMemoryKV())
	room, err := a.CreatePrivateRoom(ctx, "doubt", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	bSync := startSync(t, b)
	body := "sent once although in doubt"
	m, err := a.Queue(room, body)
	if err != nil {
		t.Fatal(err)
	}
	// What deliver would have sent, stored by the server; then the answer
	// is "lost": the message is in doubt.
	typ, payload, err := a.seal(ctx, room, &event.MessageEventContent{MsgType: event.MsgText, Body: body})
	if err != nil || typ != event.EventEncrypted {
		t.Fatalf("seal gave %s, %v; want an encrypted event", typ.Type, err)
	}
	resp, err := a.api.SendMessageEvent(ctx, room, typ, payload, mautrix.ReqSendEvent{TransactionID: m.TxnID})
	if err != nil {
		t.Fatal(err)
	}
	a.outbox().update(m.TxnID, func(m *PendingMessage) { m.InDoubt = true })

	ct := count(a)
	got, err := a.Retry(ctx, m.TxnID)
	if err != nil || got.State != StateSent || got.EventID != resp.EventID {
		t.Fatalf("Retry of the landed encrypted message = %+v, %v; want sent as %s", got, err, resp.EventID)
	}
	if n := ct.method("PUT"); n != 0 {
		t.Errorf("%d PUTs for an encrypted message already in the room; want 0", n)
	}
	if read := waitDecrypted(t, bSync, resp.EventID); read.Body != body {
		t.Fatalf("B read %+v; want %q", read, body)
	}
	// A second message after the lookup still reaches B, readable.
	after, err := a.Send(ctx, room, "after the lookup")
	if err != nil {
		t.Fatal(err)
	}
	waitDecrypted(t, bSync, after.EventID)
	hist, err := b.History(ctx, room, 20)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, h := range hist {
		if h.Decrypted && h.Body == body {
			n++
		}
	}
	if n != 1 {
		t.Errorf("B's history holds %q %d times; want once", body, n)
	}
}
