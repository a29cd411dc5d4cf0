//go:build goolm

package matrix

import (
	"context"
	"errors"
	"sync"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/verificationhelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// verifier runs verification with the account's other devices on
// mautrix's verificationhelper (SAS only, to-device only: in-room requests
// are for verifying other people). The helper listens on a mautrix syncer;
// the core's Sync is its own, so cryptoSync hands it the to-device
// verification events (dispatchVerification). Its transactions live in
// memory (the helper's SQL store does not run in the browser): a reload
// forgets a verification under way, and the other app times it out.
type verifier struct {
	c      *Client
	cs     *cryptoState
	helper *verificationhelper.VerificationHelper
	syncer *mautrix.DefaultSyncer

	mu     sync.Mutex
	cur    Verification
	txn    id.VerificationTransactionID
	timer  *time.Timer
	notify func(Verification)
}

// verifyTimeout is how long a verification may take from the request to
// the end before this device stops it: the spec's ten minutes, which the
// other apps keep too. Tests shorten it.
var verifyTimeout = 10 * time.Minute

// verificationEvents are the to-device events the helper answers.
var verificationEvents = map[event.Type]bool{
	event.ToDeviceVerificationRequest: true, event.ToDeviceVerificationReady: true,
	event.ToDeviceVerificationStart: true, event.ToDeviceVerificationAccept: true,
	event.ToDeviceVerificationKey: true, event.ToDeviceVerificationMAC: true,
	event.ToDeviceVerificationDone: true, event.ToDeviceVerificationCancel: true,
}

// startVerifier sets up the helper for a client whose encryption just
// started (UseEncryption).
func (c *Client) startVerifier(ctx context.Context, cs *cryptoState) error {
	v := &verifier{c: c, cs: cs, syncer: mautrix.NewDefaultSyncer()}
	c.api.Syncer = v.syncer
	// The helper insists on a CryptoHelper, which only its in-room
	// requests use (never called here). One set on the client for good
	// would also make mautrix encrypt what the core sends, which seal
	// does already (crypto_send.go), so it is there only while the helper
	// is made.
	c.api.Crypto = unusedRoomCrypto{}
	v.helper = verificationhelper.NewVerificationHelper(c.api, cs.mach, nil, v, false, false, true)
	c.api.Crypto = nil
	if err := v.helper.Init(ctx); err != nil {
		return err
	}
	cs.verify = v
	return nil
}

// dispatchVerification gives the helper the verification events of a sync
// response, after the machine has read (and parsed) its to-device events.
func (cs *cryptoState) dispatchVerification(ctx context.Context, resp *mautrix.RespSync) {
	if cs.verify == nil {
		return
	}
	for _, evt := range resp.ToDevice.Events {
		if evt == nil || !verificationEvents[evt.Type] {
			continue
		}
		evt.Type.Class = event.ToDeviceEventType
		if evt.Content.Parsed == nil && evt.Content.ParseRaw(evt.Type) != nil {
			continue
		}
		evt.Mautrix.EventSource = event.SourceToDevice
		cs.verify.syncer.Dispatch(ctx, evt)
	}
}

// OnVerification sets what hears of every change of the verification
// (from the sync loop, or a timer); fn must not block.
func (c *Client) OnVerification(fn func(Verification)) {
	if v := c.verifier(); v != nil {
		v.mu.Lock()
		v.notify = fn
		v.mu.Unlock()
	}
}

// Verification is the current verification (VerifyNone when there is
// none, or encryption is off).
func (c *Client) Verification() Verification {
	v := c.verifier()
	if v == nil {
		return Verification{}
	}
	return v.snapshot()
}

func (c *Client) verifier() *verifier {
	if cs := c.cryptoState(); cs != nil {
		return cs.verify
	}
	return nil
}

// RequestVerification asks the account's other devices to verify this
// one. The first that accepts goes on; the rest are told.
func (c *Client) RequestVerification(ctx context.Context) error {
	v := c.verifier()
	if v == nil {
		return encryptionOff()
	}
	if v.snapshot().Running() {
		return &Error{Kind: KindVerification, Message: "A verification is already under way."}
	}
	me := c.Session().UserID
	var others int
	err := c.authed(ctx, func(ctx context.Context) error {
		devices, err := v.cs.mach.FetchKeys(ctx, []id.UserID{me}, true)
		for dev := range devices[me] {
			if dev != c.Session().DeviceID {
				others++
			}
		}
		return err
	})
	if err != nil {
		return classify(err, "verify")
	}
	if others == 0 {
		return &Error{Kind: KindNoOtherDevice, Message: "No other device of this account is signed in."}
	}
	var txn id.VerificationTransactionID
	err = c.authed(ctx, func(ctx context.Context) (err error) {
		txn, err = v.helper.StartVerification(ctx, me)
		return err
	})
	if err != nil {
		return classify(err, "verify")
	}
	v.begin(txn, Verification{Step: VerifyWaiting})
	return nil
}

// AcceptVerification accepts the request another device made; the emoji
// follow.
func (c *Client) AcceptVerification(ctx context.Context) error {
	return c.verifyStep(ctx, VerifyAsked, VerifyWaiting, func(ctx context.Context, v *verifier, txn id.VerificationTransactionID) error {
		return v.helper.AcceptVerification(ctx, txn)
	})
}

// ConfirmEmoji says the emoji match. Once the other device says so too,
// it is verified: cross-signed from here, or (this device not verified
// yet) this one is, and the account's keys are asked of it.
func (c *Client) ConfirmEmoji(ctx context.Context) error {
	return c.verifyStep(ctx, VerifyCompare, VerifyConfirmed, func(ctx context.Context, v *verifier, txn id.VerificationTransactionID) error {
		return v.helper.ConfirmSAS(ctx, txn)
	})
}

// EmojiDiffer says the emoji differ: the verification stops (the other
// device is told m.mismatched_sas) and nothing is signed.
func (c *Client) EmojiDiffer(ctx context.Context) error {
	return c.stopVerification(ctx, event.VerificationCancelCodeSASMismatch, "The emoji did not match.", EndMismatch)
}

// CancelVerification stops the verification under way, or declines the
// request; nothing is signed.
func (c *Client) CancelVerification(ctx context.Context) error {
	return c.stopVerification(ctx, event.VerificationCancelCodeUser, "The verification was cancelled.", EndCancelledHere)
}

// DismissVerification forgets a verification that is over, and any
// refusal, so nothing more is shown.
func (c *Client) DismissVerification() {
	v := c.verifier()
	if v == nil {
		return
	}
	v.mu.Lock()
	if !v.cur.Running() {
		v.cur = Verification{}
	}
	v.cur.Refused, v.cur.RefusedFrom = "", ""
	v.mu.Unlock()
	v.changed()
}

func (c *Client) stopVerification(ctx context.Context, code event.VerificationCancelCode, reason string, end VerifyEnd) error {
	v := c.verifier()
	if v == nil {
		return encryptionOff()
	}
	v.mu.Lock()
	txn, running := v.txn, v.cur.Running()
	v.mu.Unlock()
	if !running {
		return nil
	}
	v.end(txn, end) // first, so the helper's own callbacks find it over
	err := c.authed(ctx, func(ctx context.Context) error { return v.helper.CancelVerification(ctx, txn, code, reason) })
	if err != nil && !errors.Is(err, verificationhelper.ErrUnknownVerificationTransaction) {
		return classify(err, "verify")
	}
	return nil
}

// verifyStep takes the reader's step from one step to the next.
func (c *Client) verifyStep(ctx context.Context, from, to VerifyStep, fn func(context.Context, *verifier, id.VerificationTransactionID) error) error {
	v := c.verifier()
	if v == nil {
		return encryptionOff()
	}
	v.mu.Lock()
	txn, step := v.txn, v.cur.Step
	v.mu.Unlock()
	if step != from {
		return &Error{Kind: KindVerification, Message: "This verification has moved on."}
	}
	v.move(txn, func(cur *Verification) {
		if cur.Step == from {
			cur.Step = to
		}
	})
	if err := c.authed(ctx, func(ctx context.Context) error { return fn(ctx, v, txn) }); err != nil {
		v.end(txn, EndFailed)
		_ = v.helper.CancelVerification(ctx, txn, event.VerificationCancelCodeUser, "The verification failed here.")
		return classify(err, "verify")
	}
	return nil
}

func (v *verifier) snapshot() Verification {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.cur
}

// begin makes txn the current verification and starts its clock.
func (v *verifier) begin(txn id.VerificationTransactionID, cur Verification) {
	v.mu.Lock()
	if v.timer != nil {
		v.timer.Stop()
	}
	cur.Refused, cur.RefusedFrom = v.cur.Refused, v.cur.RefusedFrom
	v.txn, v.cur = txn, cur
	v.timer = time.AfterFunc(verifyTimeout, func() { v.timeUp(txn) })
	v.mu.Unlock()
	v.changed()
}

// timeUp stops txn if it is still running when its time is up.
func (v *verifier) timeUp(txn id.VerificationTransactionID) {
	v.mu.Lock()
	due := v.txn == txn && v.cur.Running()
	v.mu.Unlock()
	if !due {
		return
	}
	v.end(txn, EndTimeout)
	_ = v.helper.CancelVerification(context.Background(), txn, event.VerificationCancelCodeTimeout, "The verification timed out.")
}

// move changes the current verification if it is still txn, and tells.
func (v *verifier) move(txn id.VerificationTransactionID, fn func(*Verification)) {
	v.mu.Lock()
	if v.txn != txn {
		v.mu.Unlock()
		return
	}
	fn(&v.cur)
	if !v.cur.Running() && v.timer != nil {
		v.timer.Stop()
	}
	v.mu.Unlock()
	v.changed()
}

// end records how txn stopped, unless it is over already.
func (v *verifier) end(txn id.VerificationTransactionID, how VerifyEnd) {
	v.move(txn, func(cur *Verification) {
		if cur.Running() {
			cur.Step, cur.End, cur.Emoji = VerifyEnded, how, nil
		}
	})
}

// refuse records a request turned down by itself.
func (v *verifier) refuse(how VerifyEnd, from string) {
	v.mu.Lock()
	v.cur.Refused, v.cur.RefusedFrom = how, from
	v.mu.Unlock()
	v.changed()
}

func (v *verifier) changed() {
	v.mu.Lock()
	fn, cur := v.notify, v.cur
	v.mu.Unlock()
	if fn != nil {
		fn(cur)
	}
}

// deviceName is the name another device of ours gave itself, or its ID.
func (v *verifier) deviceName(ctx context.Context, dev id.DeviceID) string {
	d, err := v.cs.mach.GetOrFetchDevice(ctx, v.c.Session().UserID, dev)
	if err != nil || d == nil || d.Name == "" {
		return string(dev)
	}
	return d.Name
}

// The helper's callbacks. They run on the sync loop (or a helper timer),
// some under the helper's lock: nothing here calls back into the helper
// except from a new goroutine or after the helper let go.

func (v *verifier) VerificationRequested(ctx context.Context, txn id.VerificationTransactionID, from id.UserID, fromDevice id.DeviceID) {
	if from != v.c.Session().UserID {
		// Verifying other people is not what this box does: declined,
		// and the reader told.
		_ = v.helper.CancelVerification(ctx, txn, event.VerificationCancelCodeUser, "This app only verifies its own account's devices.")
		v.refuse(EndOtherAccount, string(from))
		return
	}
	name := v.deviceName(ctx, fromDevice)
	if v.snapshot().Running() {
		_ = v.helper.CancelVerification(ctx, txn, event.VerificationCancelCodeUser, "Another verification is under way on this device.")
		v.refuse(EndBusy, name)
		return
	}
	v.begin(txn, Verification{Step: VerifyAsked, Incoming: true, Device: fromDevice, DeviceName: name})
}

func (v *verifier) VerificationReady(ctx context.Context, txn id.VerificationTransactionID, otherDevice id.DeviceID, supportsSAS, _ bool, _ *verificationhelper.QRCode) {
	if !supportsSAS {
		go func() {
			v.end(txn, EndFailed)
			_ = v.helper.CancelVerification(context.Background(), txn, event.VerificationCancelCodeUnknownMethod, "Only emoji verification is supported here.")
		}()
		return
	}
	name := v.deviceName(ctx, otherDevice)
	v.move(txn, func(cur *Verification) { cur.Device, cur.DeviceName = otherDevice, name })
	// This side starts the emoji: the other app may wait for either.
	// Under the helper's lock here, so from a goroutine; if the other app
	// started first, the helper refuses and theirs goes on.
	go func() { _ = v.helper.StartSAS(context.Background(), txn) }()
}

// textByDefault are the SAS emoji that Unicode draws as black text signs
// unless followed by the emoji variation selector (U+FE0F), which the
// other apps add: so the reader sees the same pictures on both screens.
var textByDefault = map[rune]bool{'☁': true, '❤': true, '☂': true, '✏': true, '✂': true, '☎': true, '✈': true}

func (v *verifier) ShowSAS(ctx context.Context, txn id.VerificationTransactionID, emojis []rune, names []string, _ []int) {
	list := make([]Emoji, 0, len(emojis))
	for i, e := range emojis {
		em := Emoji{Symbol: string(e)}
		if textByDefault[e] {
			em.Symbol += "\uFE0F"
		}
		if i < len(names) {
			em.Name = names[i]
		}
		list = append(list, em)
	}
	v.move(txn, func(cur *Verification) {
		if cur.Running() {
			cur.Step, cur.Emoji = VerifyCompare, list
		}
	})
}

func (v *verifier) VerificationCancelled(ctx context.Context, txn id.VerificationTransactionID, code event.VerificationCancelCode, _ string) {
	how := EndFailed
	switch code {
	case event.VerificationCancelCodeUser:
		how = EndCancelledThere
	case event.VerificationCancelCodeTimeout:
		how = EndTimeout
	case event.VerificationCancelCodeSASMismatch, event.VerificationCancelCodeKeyMismatch, event.VerificationCancelCodeCommitmentMismatch:
		how = EndMismatchThere
	case event.VerificationCancelCodeAccepted:
		how = EndAnsweredElsewhere
	}
	v.end(txn, how)
}

func (v *verifier) VerificationDone(ctx context.Context, txn id.VerificationTransactionID, _ event.VerificationMethod) {
	v.move(txn, func(cur *Verification) { cur.Step, cur.Emoji = VerifyDone, nil })
	if v.cs.mach.CrossSigningKeys == nil {
		// This device was the one not verified: the other one signed it;
		// now the account's keys and the backup's key are asked of it
		// (verify_secrets.go), away from the sync loop that brings them.
		go v.c.receiveSecrets(txn)
	}
}

// unusedRoomCrypto satisfies the helper's check for a CryptoHelper
// (startVerifier); nothing calls it.
type unusedRoomCrypto struct{}

var errRoomCrypto = errors.New("in-room verification is not used")

func (unusedRoomCrypto) Encrypt(context.Context, id.RoomID, event.Type, any) (*event.EncryptedEventContent, error) {
	return nil, errRoomCrypto
}
func (unusedRoomCrypto) Decrypt(context.Context, *event.Event) (*event.Event, error) {
	return nil, errRoomCrypto
}
func (unusedRoomCrypto) WaitForSession(context.Context, id.RoomID, id.SenderKey, id.SessionID, time.Duration) bool {
	return false
}
func (unusedRoomCrypto) RequestSession(context.Context, id.RoomID, id.SenderKey, id.SessionID, id.UserID, id.DeviceID) {
}
func (unusedRoomCrypto) Init(context.Context) error { return nil }
