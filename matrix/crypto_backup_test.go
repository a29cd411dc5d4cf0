//go:build goolm && !js

package matrix

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/ssss"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// recoveryOnServer reads, as raw bytes, everything a restore could touch
// on the server: secret storage (default key, the key's description, the
// secrets locked with it) and the key backup (its version and its keys).
func recoveryOnServer(t *testing.T, c *Client) map[string][]byte {
	t.Helper()
	ctx := testCtx(t, 30*time.Second)
	var def struct {
		Key string `json:"key"`
	}
	if err := c.API().GetAccountData(ctx, event.AccountDataSecretStorageDefaultKey.Type, &def); err != nil {
		t.Fatalf("reading the default secret storage key: %v", err)
	}
	me := c.Session().UserID
	out := map[string][]byte{}
	get := func(name string, path ...any) {
		raw, err := c.API().MakeRequest(ctx, http.MethodGet, c.API().BuildClientURL(path...), nil, nil)
		if err != nil {
			t.Fatalf("GET %s: %v", name, err)
		}
		out[name] = raw
	}
	for _, typ := range []string{
		event.AccountDataSecretStorageDefaultKey.Type, "m.secret_storage.key." + def.Key,
		event.AccountDataCrossSigningMaster.Type, event.AccountDataCrossSigningSelf.Type,
		event.AccountDataCrossSigningUser.Type, event.AccountDataMegolmBackupKey.Type,
	} {
		get(typ, "v3", "user", me, "account_data", typ)
	}
	get("room_keys/version", "v3", "room_keys", "version")
	v, err := c.API().GetKeyBackupLatestVersion(ctx)
	if err != nil {
		t.Fatalf("reading the key backup version: %v", err)
	}
	raw, err := c.API().MakeRequest(ctx, http.MethodGet, c.API().BuildURLWithQuery(mautrix.ClientURLPath{"v3", "room_keys", "keys"}, map[string]string{"version": string(v.Version)}), nil, nil)
	if err != nil {
		t.Fatalf("GET room_keys/keys: %v", err)
	}
	out["room_keys/keys"] = raw
	return out
}

// TestRecoveryAndRestore: A sets up recovery after some encrypted messages
// (their keys go to the backup, and so does the next one's); a second
// device of A's account, signed in afresh, first types a wrong recovery
// key (a sentence, and the server's secret storage and backup unchanged
// byte for byte), then the right one: the device is verified and the
// messages from before it existed decrypt. Last, matrix-js-sdk restores
// the same backup with the same key and reads them too.
func TestRecoveryAndRestore(t *testing.T) { bothServers(t, testRecoveryAndRestore) }

func testRecoveryAndRestore(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 4*time.Minute)
	uid, tok, dev, err := srv.RegisterUser(ctx, uniqueName("e2erec"), testPassword, false)
	if err != nil {
		t.Fatal(err)
	}
	a := testClient(t, Session{HomeserverURL: srv.URL, UserID: id.UserID(uid), DeviceID: id.DeviceID(dev), AccessToken: tok})
	if err := a.UseEncryption(ctx, NewMemoryKV()); err != nil {
		t.Fatal(err)
	}
	b := cryptoUser(t, srv, "e2erecb", NewMemoryKV())
	room, err := a.CreatePrivateRoom(ctx, "Backed up", b.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	aSync, bSync := startSync(t, a), startSync(t, b)
	mine, err := a.Send(ctx, room, "written before recovery")
	if err != nil {
		t.Fatal(err)
	}
	waitDecrypted(t, bSync, mine.EventID)
	theirs, err := b.Send(ctx, room, "B's answer before recovery")
	if err != nil {
		t.Fatal(err)
	}
	waitDecrypted(t, aSync, theirs.EventID)

	if st := a.Backup(ctx); st.On {
		t.Fatalf("before recovery the backup is %+v; want off", st)
	}
	rk, err := a.SetUpRecovery(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st := a.Backup(ctx); !st.On || st.Waiting != 0 {
		t.Fatalf("after SetUpRecovery the backup is %+v; want on with nothing waiting", st)
	}
	if !a.DeviceVerified(ctx) {
		t.Error("after SetUpRecovery A's device is not verified")
	}
	after, err := b.Send(ctx, room, "B's message after recovery")
	if err != nil {
		t.Fatal(err)
	}
	waitDecrypted(t, aSync, after.EventID)
	// The sync that brought the key uploaded it.
	if st := a.Backup(ctx); st.Waiting != 0 {
		t.Errorf("after a new key arrived the backup is %+v; want nothing waiting", st)
	}

	// A new device: signed in with the password, its own fresh keys.
	sess, err := Login(ctx, nil, LoginRequest{User: uid, Password: testPassword, InitialDeviceName: "second device"})
	if err != nil {
		t.Fatal(err)
	}
	a2 := testClient(t, *sess)
	kv2 := NewMemoryKV()
	if err := a2.UseEncryption(ctx, kv2); err != nil {
		t.Fatal(err)
	}
	// Before the restore the new device cannot read the old messages, and
	// says they will be tried again.
	a2Sync := startSync(t, a2)
	unread := a2Sync.waitMessage(t, 60*time.Second, func(m RoomMessage) bool { return m.EventID == mine.EventID })
	if !unread.Encrypted || !unread.Problem.Retried() {
		t.Fatalf("the new device got %+v before the restore; want unreadable, to be tried again", unread)
	}
	before := recoveryOnServer(t, a2)
	other, err := ssss.NewKey("")
	if err != nil {
		t.Fatal(err)
	}
	for _, wrong := range []string{other.RecoveryKey(), "not a recovery key"} {
		err := a2.RestoreWithRecoveryKey(ctx, wrong)
		assertKind(t, err, KindWrongRecoveryKey)
	}
	afterWrong := recoveryOnServer(t, a2)
	for name, raw := range before {
		if !bytes.Equal(raw, afterWrong[name]) {
			t.Errorf("a wrong recovery key changed %s on the server:\nbefore %s\nafter  %s", name, raw, afterWrong[name])
		}
	}
	if a2.DeviceVerified(ctx) {
		t.Error("a wrong recovery key verified the device")
	}

	if err := a2.RestoreWithRecoveryKey(ctx, rk); err != nil {
		t.Fatal(err)
	}
	if !a2.DeviceVerified(ctx) {
		t.Error("after the restore the new device is not verified")
	}
	bodies := map[id.EventID]string{
		mine.EventID:   "written before recovery",
		theirs.EventID: "B's answer before recovery",
		after.EventID:  "B's message after recovery",
	}
	assertReadsHistory(t, a2, room, bodies)
	// The running sync tries the unread message again at its next answer
	// (B's message wakes it) and hands it on as an update.
	if _, err := b.Send(ctx, room, "B says hello to the new device"); err != nil {
		t.Fatal(err)
	}
	// (An update may first give a new reason: this device is verified now.)
	upd := a2Sync.waitMessage(t, 60*time.Second, func(m RoomMessage) bool { return m.EventID == mine.EventID && m.Update && !m.Encrypted })
	if !upd.Decrypted || upd.Body != bodies[mine.EventID] {
		t.Errorf("the update after the restore is %+v; want %q decrypted", upd, bodies[mine.EventID])
	}
	// A reload keeps the verification and the backup.
	a3 := reload(t, a2Sync, a2, kv2)
	if !a3.DeviceVerified(ctx) {
		t.Error("after a reload the restored device is no longer verified")
	}
	// (A key that arrived just before the reload may still wait for the
	// next sync's upload; BackUpKeys is that upload.)
	if err := a3.BackUpKeys(ctx); err != nil {
		t.Fatal(err)
	}
	if st := a3.Backup(ctx); !st.On || st.Waiting != 0 {
		t.Errorf("after a reload the backup is %+v; want on, nothing waiting", st)
	}
	assertJSSDKRestores(t, srv, uid, room, rk, bodies)
}

// assertJSSDKRestores has matrix-js-sdk, as a third device of user's
// account, restore the backup with recoveryKey (crypto_restore.mjs) and
// read want (event ID to body) in room.
func assertJSSDKRestores(t *testing.T, srv homeserver, user string, room id.RoomID, recoveryKey string, want map[id.EventID]string) {
	t.Helper()
	node := ensureInteropDeps(t)
	var list []string
	for _, body := range want {
		list = append(list, body)
	}
	expect, _ := json.Marshal(list)
	cmd := peerCommand(testCtx(t, 3*time.Minute), node, "crypto_restore.mjs", srv, user, room,
		"HM_RECOVERY="+recoveryKey, "HM_EXPECT="+string(expect))
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("crypto_restore.mjs failed (%v):\n%s%s", err, stderr.String(), stdout.String())
	}
	var out struct {
		Version  string            `json:"version"`
		Total    int               `json:"total"`
		Imported int               `json:"imported"`
		Found    map[string]string `json:"found"`
	}
	if err := json.Unmarshal(lastLine(stdout.Bytes()), &out); err != nil {
		t.Fatalf("crypto_restore.mjs printed %q: %v", stdout.String(), err)
	}
	for evt, body := range want {
		if out.Found[body] != string(evt) {
			t.Errorf("matrix-js-sdk read %q as %s after restoring the backup; want %s", body, out.Found[body], evt)
		}
	}
	if out.Imported == 0 || out.Imported != out.Total {
		t.Errorf("matrix-js-sdk imported %d of the backup's %d keys; want all, at least one", out.Imported, out.Total)
	}
}

// TestNewRecoveryKey: "make a new recovery key" on a device that set up
// recovery. No password is asked: the account keeps its cross-signing keys
// (replacing them would need one), which go under the new key with a new
// backup. The old key stops opening anything; the new one restores on a
// new device, which reads what was written before. That new device, before
// it restores, cannot set up recovery of its own: it is told to restore.
func TestNewRecoveryKey(t *testing.T) { bothServers(t, testNewRecoveryKey) }

func testNewRecoveryKey(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 3*time.Minute)
	a := cryptoUser(t, srv, "e2enew", NewMemoryKV())
	room, err := a.CreatePrivateRoom(ctx, "New key")
	if err != nil {
		t.Fatal(err)
	}
	mine, err := a.Send(ctx, room, "written under the first key")
	if err != nil {
		t.Fatal(err)
	}
	first, err := a.SetUpRecovery(ctx)
	if err != nil {
		t.Fatal(err)
	}
	master := a.cryptoState().mach.CrossSigningKeys.MasterKey.PublicKey()
	second, err := a.SetUpRecovery(ctx)
	if err != nil {
		t.Fatalf("a new recovery key: %v", err)
	}
	if second == first {
		t.Fatal("the new recovery key is the old one")
	}
	if now := a.cryptoState().mach.CrossSigningKeys.MasterKey.PublicKey(); now != master {
		t.Errorf("the master key changed from %s to %s; it should be kept", master, now)
	}
	if st := a.Backup(ctx); !st.On || st.Waiting != 0 || !a.DeviceVerified(ctx) {
		t.Errorf("after the new key: backup %+v, verified %v; want on, nothing waiting, verified", st, a.DeviceVerified(ctx))
	}

	sess, err := Login(ctx, nil, LoginRequest{User: string(a.Session().UserID), Password: testPassword, InitialDeviceName: "new device"})
	if err != nil {
		t.Fatal(err)
	}
	a2 := testClient(t, *sess)
	if err := a2.UseEncryption(ctx, NewMemoryKV()); err != nil {
		t.Fatal(err)
	}
	_, err = a2.SetUpRecovery(ctx)
	assertKind(t, err, KindCrossSigningElsewhere)
	err = a2.RestoreWithRecoveryKey(ctx, first)
	assertKind(t, err, KindWrongRecoveryKey)
	if err := a2.RestoreWithRecoveryKey(ctx, second); err != nil {
		t.Fatal(err)
	}
	if !a2.DeviceVerified(ctx) {
		t.Error("restored with the new key, the new device is not verified")
	}
	assertReadsHistory(t, a2, room, map[id.EventID]string{mine.EventID: "written under the first key"})
}
