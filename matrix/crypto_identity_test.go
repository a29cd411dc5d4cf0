//go:build goolm && !js

package matrix

import (
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/signatures"
	"maunium.net/go/mautrix/id"

	"hellomatrix/internal/nodepkg"
)

// publishedIdentity reads from the server (/keys/query, as any other app
// would) the account's master key and whether c's device is signed by the
// account's self-signing key, itself signed by that master key.
func publishedIdentity(t *testing.T, c *Client) (master id.Ed25519, deviceSigned bool) {
	t.Helper()
	me, dev := c.Session().UserID, c.Session().DeviceID
	resp, err := c.API().QueryKeys(testCtx(t, 30*time.Second), &mautrix.ReqQueryKeys{DeviceKeys: mautrix.DeviceKeysRequest{me: {}}})
	if err != nil {
		t.Fatalf("/keys/query: %v", err)
	}
	mk, self := resp.MasterKeys[me], resp.SelfSigningKeys[me]
	master = mk.FirstKey()
	ssk := self.FirstKey()
	if master == "" || ssk == "" {
		return master, false
	}
	if ok, err := signatures.VerifySignatureJSON(self, me, master.String(), master); err != nil || !ok {
		t.Errorf("%s's self-signing key is not signed by its master key (%v)", me, err)
	}
	keys, ok := resp.DeviceKeys[me][dev]
	if !ok {
		t.Fatalf("the server lists no keys for %s's device %s", me, dev)
	}
	signed, err := signatures.VerifySignatureJSON(keys, me, ssk.String(), ssk)
	return master, err == nil && signed
}

// secondDevice signs in to uid's account with the password as a new
// device and starts its encryption: the account's identity was made by
// another device, so this one must come up unverified.
func secondDevice(t *testing.T, uid string) *Client {
	t.Helper()
	ctx := testCtx(t, time.Minute)
	sess, err := Login(ctx, nil, LoginRequest{User: uid, Password: testPassword, InitialDeviceName: "second device"})
	if err != nil {
		t.Fatal(err)
	}
	c := testClient(t, *sess)
	if err := c.UseEncryption(ctx, NewMemoryKV()); err != nil {
		t.Fatal(err)
	}
	if got := c.IdentityState(); got != IdentityUnverified {
		t.Fatalf("the second device's identity is %q; want %q", got, IdentityUnverified)
	}
	return c
}

// waitProblem waits until Sync delivers evtID unreadable for the reason
// want (at first, or as an update when the reason changed), and fails if
// it is ever delivered as one whose key is said to be on its way, or read.
func waitProblem(t *testing.T, r *syncRecorder, evtID id.EventID, want DecryptProblem) {
	t.Helper()
	r.waitMessage(t, 60*time.Second, func(m RoomMessage) bool {
		if m.EventID != evtID {
			return false
		}
		if !m.Encrypted || m.Problem == ProblemKeysNotShared {
			t.Fatalf("%s was delivered as %+v; want unreadable, %s, never on its way", evtID, m, want)
		}
		return m.Problem == want
	})
}

// TestIdentityFromTheStart: a device that starts encryption on an account
// without cross-signing keys makes them, publishes them and signs itself
// (no password asked), so /keys/query shows its device signed. A second
// device of that account, signed in with the password, keeps the
// account's identity (the master key is not replaced) and is not verified:
// a friend's Go client, following MSC4153, withholds its room key with
// m.unverified, and the device says so (never that the key is on its way);
// the friend hides the unverified device's own message. Once the second
// device enters the recovery key it is verified, reads the withheld message
// from the key backup, and the friend shows its message.
func TestIdentityFromTheStart(t *testing.T) { bothServers(t, testIdentityFromTheStart) }

func testIdentityFromTheStart(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 4*time.Minute)
	friend := cryptoUser(t, srv, "idfriend", NewMemoryKV())
	me := cryptoUser(t, srv, "idme", NewMemoryKV())
	uid := string(me.Session().UserID)
	if got := me.IdentityState(); got != IdentityVerified {
		t.Fatalf("the first device's identity is %q; want %q", got, IdentityVerified)
	}
	master, signed := publishedIdentity(t, me)
	if master == "" || !signed {
		t.Fatalf("after UseEncryption the server shows master key %q, device signed %v; want a master key and the device signed", master, signed)
	}
	if !me.DeviceVerified(ctx) {
		t.Error("DeviceVerified says no for the device that made the identity")
	}

	me2 := secondDevice(t, uid)
	master2, signed2 := publishedIdentity(t, me2)
	if master2 != master || signed2 {
		t.Fatalf("after the second device started the server shows master key %q (was %q), its device signed %v; want the same key, not signed", master2, master, signed2)
	}

	room, err := friend.CreatePrivateRoom(ctx, "Verified devices only", me.Session().UserID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := me.JoinRoom(ctx, string(room)); err != nil {
		t.Fatal(err)
	}
	friendSync, meSync, me2Sync := startSync(t, friend), startSync(t, me), startSync(t, me2)
	hello, err := friend.Send(ctx, room, "for verified devices")
	if err != nil {
		t.Fatal(err)
	}
	waitDecrypted(t, meSync, hello.EventID)
	waitProblem(t, me2Sync, hello.EventID, ProblemWithheldUnverified)

	fromUnverified, err := me2.Send(ctx, room, "from a device nobody verified")
	if err != nil {
		t.Fatal(err)
	}
	// (Its key may come a sync after the message: then it is first "on its
	// way", and handed on again with its real reason.)
	friendSync.waitMessage(t, 60*time.Second, func(m RoomMessage) bool {
		if m.EventID != fromUnverified.EventID {
			return false
		}
		if !m.Encrypted || m.Body != "" {
			t.Fatalf("the friend shows the unverified device's message: %+v; want it hidden, %s", m, ProblemSenderUnverified)
		}
		return m.Problem == ProblemSenderUnverified
	})

	rk, err := me.SetUpRecovery(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := me2.RestoreWithRecoveryKey(ctx, rk); err != nil {
		t.Fatal(err)
	}
	if got := me2.IdentityState(); got != IdentityVerified || !me2.DeviceVerified(ctx) {
		t.Fatalf("after the restore the second device's identity is %q, verified on the server %v; want verified", got, me2.DeviceVerified(ctx))
	}
	if _, signed := publishedIdentity(t, me2); !signed {
		t.Error("after the restore the server does not show the second device signed")
	}
	// Any sync now retries: the withheld message opens from the backup, and
	// the friend, told the device list changed, shows the message.
	if _, err := friend.Send(ctx, room, "after the restore"); err != nil {
		t.Fatal(err)
	}
	if got := waitDecrypted(t, me2Sync, hello.EventID); got.Body != "for verified devices" {
		t.Errorf("the restored device read %q", got.Body)
	}
	if got := waitDecrypted(t, friendSync, fromUnverified.EventID); got.Body != "from a device nobody verified" {
		t.Errorf("the friend read %q", got.Body)
	}
}

// TestUnverifiedDeviceWithJSSDK: a friend on matrix-js-sdk (Rust crypto,
// cross-signing set up as Element does, OnlySignedDevicesIsolationMode)
// starts an encrypted chat with an account that has two Go devices: the
// one that made the account's identity reads the friend's message; the
// second, signed in with the password and left unverified, is refused the
// key (m.room_key.withheld, m.unverified) and says exactly that, never
// that the key is on its way; and the friend does not show that device's
// own message.
func TestUnverifiedDeviceWithJSSDK(t *testing.T) { bothServers(t, testUnverifiedDeviceWithJSSDK) }

func testUnverifiedDeviceWithJSSDK(t *testing.T, srv homeserver) {
	node := ensureInteropDeps(t)
	ctx := testCtx(t, 4*time.Minute)
	me := cryptoUser(t, srv, "unv", NewMemoryKV())
	uid, name := string(me.Session().UserID), uniqueName("unv")
	me2 := secondDevice(t, uid)
	meSync, me2Sync := startSync(t, me), startSync(t, me2)

	friend, _ := registerPeer(t, srv, "jsfriend")
	say, answer := "hello from a friend, "+name, "an answer from an unverified device, "+name
	friendApp := nodepkg.StartForTest(t, node, interopDir, "crypto_friend.mjs", 4*time.Minute,
		"HM_HOMESERVER="+srv.URL, "HM_USER="+friend, "HM_PASSWORD="+testPassword,
		"HM_INVITE="+uid, "HM_SAY="+say, "HM_EXPECT="+answer, "HM_ISOLATION=signed")
	var created struct {
		RoomID    id.RoomID `json:"room_id"`
		Isolation string    `json:"isolation"`
	}
	friendApp.Next(t, &created)
	if created.Isolation != "signed" {
		t.Fatalf("the friend's isolation mode is %q; want signed", created.Isolation)
	}
	if _, err := me.JoinRoom(ctx, string(created.RoomID)); err != nil {
		t.Fatal(err)
	}
	var sent struct {
		EventID id.EventID `json:"event_id"`
	}
	friendApp.Next(t, &sent)
	if got := waitDecrypted(t, meSync, sent.EventID); got.Body != say {
		t.Errorf("the verified device read %q; want %q", got.Body, say)
	}
	waitProblem(t, me2Sync, sent.EventID, ProblemWithheldUnverified)

	if _, err := me2.Send(ctx, created.RoomID, answer); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Read   bool   `json:"read"`
		Reason string `json:"reason"`
	}
	friendApp.Next(t, &got)
	if got.Read {
		t.Errorf("the friend in OnlySignedDevicesIsolationMode showed the unverified device's message")
	}
	t.Logf("the friend's reason for not showing it: %s", got.Reason)
}

// failingKeyQueries fails every /keys/query as a lost connection would,
// while down is set.
type failingKeyQueries struct {
	base http.RoundTripper
	down atomic.Bool
}

func (f *failingKeyQueries) RoundTrip(req *http.Request) (*http.Response, error) {
	if f.down.Load() && strings.HasSuffix(req.URL.Path, "/keys/query") {
		return nil, errors.New("connection reset (test)")
	}
	return f.base.RoundTrip(req)
}

// TestIdentityAfterABlip: when the server cannot be asked about the
// account's identity at sign-in, encryption still starts (the standing is
// unknown, no error), and the sync loop tries again later: the device
// ends up cross-signed without the reader doing anything.
func TestIdentityAfterABlip(t *testing.T) { bothServers(t, testIdentityAfterABlip) }

func testIdentityAfterABlip(t *testing.T, srv homeserver) {
	ctx := testCtx(t, 2*time.Minute)
	c := testUser(t, srv, "blip")
	f := &failingKeyQueries{base: http.DefaultTransport}
	if c.api.Client.Transport != nil {
		f.base = c.api.Client.Transport
	}
	f.down.Store(true)
	hc := *c.api.Client
	hc.Transport = f
	c.api.Client = &hc
	if err := c.UseEncryption(ctx, NewMemoryKV()); err != nil {
		t.Fatalf("UseEncryption with /keys/query failing: %v; want encryption on all the same", err)
	}
	if got := c.IdentityState(); got != IdentityUnknown {
		t.Fatalf("with /keys/query failing the identity is %q; want unknown", got)
	}
	if master, _ := publishedIdentity(t, testClient(t, c.Session())); master != "" {
		t.Fatalf("the server has a master key %s though the device could not check for one", master)
	}
	f.down.Store(false)
	cs := c.cryptoState()
	cs.mu.Lock()
	cs.identityTried = time.Time{} // as if identityRetry had passed
	cs.mu.Unlock()
	startSync(t, c)
	deadline := time.Now().Add(60 * time.Second)
	for c.IdentityState() != IdentityVerified {
		if time.Now().After(deadline) {
			t.Fatalf("the sync loop did not give the device its identity: %q", c.IdentityState())
		}
		time.Sleep(200 * time.Millisecond)
	}
	if master, signed := publishedIdentity(t, c); master == "" || !signed {
		t.Errorf("after the retry the server shows master key %q, device signed %v", master, signed)
	}
}
