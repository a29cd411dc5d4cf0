//go:build goolm

package matrix

import (
	"context"
	"strings"
	"sync"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// verifier runs verification with the account's other devices: to-device
// SAS with emoji (sas_flow.go runs the exchange), fed by cryptoSync with
// the to-device verification events (dispatchVerification). It lives in
// memory: a reload forgets a verification under way, and the other app
// times it out.
type verifier struct {
	c  *Client
	cs *cryptoState

	// step takes the exchange one step at a time, whoever moves it (the
	// sync loop, the reader, the clock); held while the step's requests
	// are sent. flow is the exchange under way, nil when there is none.
	step sync.Mutex
	flow *sasFlow

	// mu guards what the reader sees (cur, for txn) and the clock.
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

// startVerifier sets up verification for a client whose encryption just
// started (UseEncryption).
func (c *Client) startVerifier(cs *cryptoState) {
	cs.verify = &verifier{c: c, cs: cs}
}

// dispatchVerification hands the verification events of a sync response
// to the exchange, after the machine has read (and parsed) its to-device
// events.
func (cs *cryptoState) dispatchVerification(ctx context.Context, resp *mautrix.RespSync) {
	if cs.verify == nil {
		return
	}
	for _, evt := range resp.ToDevice.Events {
		if evt == nil || !strings.HasPrefix(evt.Type.Type, "m.key.verification.") {
			continue
		}
		evt.Type.Class = event.ToDeviceEventType
		if evt.Content.Parsed == nil && evt.Content.ParseRaw(evt.Type) != nil {
			continue
		}
		cs.verify.handle(ctx, evt)
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
	v.step.Lock()
	defer v.step.Unlock()
	if v.snapshot().Running() {
		return &Error{Kind: KindVerification, Reason: ReasonVerificationRunning}
	}
	me := c.Session().UserID
	var others []id.DeviceID
	err := c.authed(ctx, func(ctx context.Context) error {
		devices, err := v.cs.mach.FetchKeys(ctx, []id.UserID{me}, true)
		others = others[:0]
		for dev := range devices[me] {
			if dev != c.Session().DeviceID {
				others = append(others, dev)
			}
		}
		return err
	})
	if err != nil {
		return classify(err, "verify")
	}
	if len(others) == 0 {
		return &Error{Kind: KindNoOtherDevice, User: string(me)}
	}
	if err := v.request(ctx, others); err != nil {
		return classify(err, "verify")
	}
	return nil
}

// AcceptVerification accepts the request another device made; the emoji
// follow.
func (c *Client) AcceptVerification(ctx context.Context) error {
	return c.verifyStep(ctx, VerifyAsked, VerifyWaiting, (*verifier).accept)
}

// ConfirmEmoji says the emoji match. Once the other device says so too,
// it is verified: cross-signed from here, or (this device not verified
// yet) this one is, and the account's keys are asked of it.
func (c *Client) ConfirmEmoji(ctx context.Context) error {
	return c.verifyStep(ctx, VerifyCompare, VerifyConfirmed, (*verifier).confirm)
}

// EmojiDiffer says the emoji differ: the verification stops (the other
// device is told m.mismatched_sas) and nothing is signed.
func (c *Client) EmojiDiffer(ctx context.Context) error {
	return c.stopVerification(ctx, event.VerificationCancelCodeSASMismatch, EndMismatch)
}

// CancelVerification stops the verification under way, or declines the
// request; nothing is signed.
func (c *Client) CancelVerification(ctx context.Context) error {
	return c.stopVerification(ctx, event.VerificationCancelCodeUser, EndCancelledHere)
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

func (c *Client) stopVerification(ctx context.Context, code event.VerificationCancelCode, end VerifyEnd) error {
	v := c.verifier()
	if v == nil {
		return encryptionOff()
	}
	v.step.Lock()
	defer v.step.Unlock()
	f := v.flow
	if f == nil || !v.snapshot().Running() {
		return nil
	}
	v.over(f, end)
	if err := v.sendCancel(ctx, f, code); err != nil {
		return classify(err, "verify")
	}
	return nil
}

// verifyStep takes the reader's step from one step to the next.
func (c *Client) verifyStep(ctx context.Context, from, to VerifyStep, fn func(*verifier, context.Context, *sasFlow) error) error {
	v := c.verifier()
	if v == nil {
		return encryptionOff()
	}
	v.step.Lock()
	defer v.step.Unlock()
	f := v.flow
	if f == nil || v.snapshot().Step != from {
		return &Error{Kind: KindVerification}
	}
	v.move(f.id, func(cur *Verification) {
		if cur.Step == from {
			cur.Step = to
		}
	})
	if err := fn(v, ctx, f); err != nil {
		v.fail(ctx, f, err)
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
	v.step.Lock()
	defer v.step.Unlock()
	if f := v.flow; f != nil && f.id == txn && v.snapshot().Running() {
		v.fail(context.Background(), f, &sasStop{event.VerificationCancelCodeTimeout, EndTimeout})
	}
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

// me is the account's user ID.
func (v *verifier) me() id.UserID { return v.c.Session().UserID }
