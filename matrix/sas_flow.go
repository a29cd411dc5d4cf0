//go:build goolm

package matrix

import (
	"context"
	"crypto/ecdh"
	"crypto/hmac"
	"slices"
	"time"

	"go.mau.fi/util/jsonbytes"
	"go.mau.fi/util/jsontime"
	"maunium.net/go/mautrix/crypto/canonicaljson"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// The to-device SAS verification with another device of the account, as
// a state machine (spec v1.18, "Key verification framework" and "Short
// Authentication String (SAS) verification"): request, ready, start,
// accept, keys, the emoji, MACs, done, or a cancel at any point. Only
// m.sas.v1 with emoji: QR codes and in-room requests (for verifying other
// people) are not what this client does. Whichever side asked, this side
// sends the start once both are ready (the other apps wait for either).
// The maths are in sas_keys.go; verify.go reports where it stands.

// sasStage is where the exchange stands.
type sasStage int

const (
	stageRequested sasStage = iota // a request sent or received, not answered
	stageReady                     // answered: a start is due
	stageStarted                   // this side sent the start: an accept is due
	stageAccepted                  // this side accepted theirs: their key is due
	stageKeySent                   // they accepted ours, this side sent its key: theirs is due
	stageCompare                   // keys exchanged: the emoji show, MACs and dones follow
)

// sasFlow is the exchange under way. Only the verifier's step lock
// touches it.
type sasFlow struct {
	id     id.VerificationTransactionID
	device id.DeviceID   // the other device, once known
	asked  []id.DeviceID // the devices a request from here went to, until one answers
	stage  sasStage

	weStarted  bool             // the start in force is this side's
	start      []byte           // its canonical JSON
	commitment []byte           // the other side's, when this side started
	key        *ecdh.PrivateKey // this side's ephemeral key
	secret     []byte           // the shared secret, once keys are exchanged
	ours       sasParty         // this side, and the other one, for the SAS
	theirs     sasParty         // and MAC info strings

	macSent, macChecked bool // this side's MAC sent; theirs checked
	masterChecked       bool // their MAC vouched for the account's master key
	doneSent, doneGot   bool
}

// The protocol's fixed choices (sas_keys.go says why these).
var (
	sasMethods = []event.VerificationMethod{event.VerificationMethodSAS}
	sasStrings = []event.SASMethod{event.SASMethodDecimal, event.SASMethodEmoji}
)

const (
	sasAgreement = event.KeyAgreementProtocolCurve25519HKDFSHA256
	sasHash      = event.VerificationHashMethodSHA256
	sasMACMethod = event.MACMethodHKDFHMACSHA256V2
	keyIDsInput  = "KEY_IDS"
)

// sasStop is why this side stops an exchange: what the other app is told
// and how the reader's verification ends.
type sasStop struct {
	code event.VerificationCancelCode
	end  VerifyEnd
}

func (s *sasStop) Error() string { return "verification stopped: " + string(s.code) }

var (
	stopUnknownMethod = &sasStop{event.VerificationCancelCodeUnknownMethod, EndFailed}
	stopUnexpected    = &sasStop{event.VerificationCancelCodeUnexpectedMessage, EndFailed}
	stopInvalid       = &sasStop{event.VerificationCancelCodeInvalidMessage, EndFailed}
	stopCommitment    = &sasStop{event.VerificationCancelCodeCommitmentMismatch, EndMismatchThere}
	stopMAC           = &sasStop{event.VerificationCancelCodeSASMismatch, EndMismatchThere}
)

// startsSAS says whether this side sends the start once both are ready
// (the other apps wait for either, and start themselves when their reader
// picks emoji). Tests turn it off to see the other app's start answered.
var startsSAS = true

// A request older than this, or from further in the future than
// requestSkew, is ignored (spec).
const (
	requestMaxAge = 10 * time.Minute
	requestSkew   = 5 * time.Minute
)

// handle takes one to-device verification event from the sync loop.
func (v *verifier) handle(ctx context.Context, evt *event.Event) {
	v.step.Lock()
	defer v.step.Unlock()
	if req, ok := evt.Content.Parsed.(*event.VerificationRequestEventContent); ok {
		v.requested(ctx, evt.Sender, req)
		return
	}
	f := v.flow
	tx, ok := evt.Content.Parsed.(event.VerificationTransactionable)
	if f == nil || !ok || tx.GetTransactionID() != f.id || evt.Sender != v.me() {
		return // not about the exchange under way
	}
	var err error
	switch c := evt.Content.Parsed.(type) {
	case *event.VerificationReadyEventContent:
		err = v.ready(ctx, f, c)
	case *event.VerificationStartEventContent:
		err = v.started(ctx, f, c)
	case *event.VerificationAcceptEventContent:
		err = v.accepted(ctx, f, c)
	case *event.VerificationKeyEventContent:
		err = v.keyed(ctx, f, c)
	case *event.VerificationMACEventContent:
		err = v.macReceived(ctx, f, c)
	case *event.VerificationDoneEventContent:
		err = v.doneReceived(f)
	case *event.VerificationCancelEventContent:
		v.cancelled(ctx, f, c.Code)
	}
	if err != nil {
		v.fail(ctx, f, err)
	}
}

// fail stops f because of err (a *sasStop, or anything else: a request
// that failed, a key the store did not have), and tells the other device.
func (v *verifier) fail(ctx context.Context, f *sasFlow, err error) {
	stop, ok := err.(*sasStop)
	if !ok {
		stop = &sasStop{event.VerificationCancelCodeUser, EndFailed}
	}
	v.over(f, stop.end)
	_ = v.sendCancel(ctx, f, stop.code)
}

// over ends f here, before its end: nothing more of it is answered.
func (v *verifier) over(f *sasFlow, how VerifyEnd) {
	if v.flow == f {
		v.flow = nil
	}
	v.end(f.id, how)
}

// requested: another device asks. Only the account's own devices are
// answered, one at a time; the rest are declined (m.user) and the reader
// told.
func (v *verifier) requested(ctx context.Context, from id.UserID, req *event.VerificationRequestEventContent) {
	me, age := v.me(), time.Since(req.Timestamp.Time)
	if req.TransactionID == "" || req.FromDevice == "" || from == me && req.FromDevice == v.c.Session().DeviceID ||
		!slices.Contains(req.Methods, event.VerificationMethodSAS) || age > requestMaxAge || age < -requestSkew ||
		v.flow != nil && v.flow.id == req.TransactionID {
		return
	}
	decline := func() {
		_ = v.sendVerify(ctx, from, []id.DeviceID{req.FromDevice}, req.TransactionID,
			event.ToDeviceVerificationCancel, cancelContent(event.VerificationCancelCodeUser))
	}
	if from != me {
		decline()
		v.refuse(EndOtherAccount, string(from))
		return
	}
	name := v.deviceName(ctx, req.FromDevice)
	if v.snapshot().Running() {
		decline()
		v.refuse(EndBusy, name)
		return
	}
	v.flow = &sasFlow{id: req.TransactionID, device: req.FromDevice}
	v.begin(req.TransactionID, Verification{Step: VerifyAsked, Incoming: true, Device: req.FromDevice, DeviceName: name})
}

// request asks every device in devices (RequestVerification).
func (v *verifier) request(ctx context.Context, devices []id.DeviceID) error {
	f := &sasFlow{id: id.NewVerificationTransactionID(), asked: devices}
	err := v.sendVerify(ctx, v.me(), devices, f.id, event.ToDeviceVerificationRequest, &event.VerificationRequestEventContent{
		FromDevice: v.c.Session().DeviceID, Methods: sasMethods, Timestamp: jsontime.UM(time.Now()),
	})
	if err != nil {
		return err
	}
	v.flow = f
	v.begin(f.id, Verification{Step: VerifyWaiting})
	return nil
}

// accept answers the request shown (AcceptVerification), then starts.
func (v *verifier) accept(ctx context.Context, f *sasFlow) error {
	if f.stage != stageRequested || len(f.asked) > 0 {
		return stopUnexpected
	}
	err := v.send(ctx, f, event.ToDeviceVerificationReady, &event.VerificationReadyEventContent{
		FromDevice: v.c.Session().DeviceID, Methods: sasMethods,
	})
	if err != nil {
		return err
	}
	f.stage = stageReady
	return v.sendStart(ctx, f)
}

// ready: a device answered this side's request. The first one goes on;
// the others are told m.accepted.
func (v *verifier) ready(ctx context.Context, f *sasFlow, c *event.VerificationReadyEventContent) error {
	if f.stage != stageRequested || !slices.Contains(f.asked, c.FromDevice) {
		return nil // late, or not this side's request
	}
	var others []id.DeviceID
	for _, d := range f.asked {
		if d != c.FromDevice {
			others = append(others, d)
		}
	}
	f.device, f.asked, f.stage = c.FromDevice, nil, stageReady
	_ = v.sendVerify(ctx, v.me(), others, f.id, event.ToDeviceVerificationCancel, cancelContent(event.VerificationCancelCodeAccepted))
	if !slices.Contains(c.Methods, event.VerificationMethodSAS) {
		return stopUnknownMethod
	}
	name := v.deviceName(ctx, f.device)
	v.move(f.id, func(cur *Verification) { cur.Device, cur.DeviceName = f.device, name })
	return v.sendStart(ctx, f)
}

func (v *verifier) sendStart(ctx context.Context, f *sasFlow) error {
	if !startsSAS {
		return nil
	}
	start := &event.VerificationStartEventContent{
		FromDevice: v.c.Session().DeviceID, Method: event.VerificationMethodSAS,
		KeyAgreementProtocols: []event.KeyAgreementProtocol{sasAgreement}, Hashes: []event.VerificationHashMethod{sasHash},
		MessageAuthenticationCodes: []event.MACMethod{sasMACMethod}, ShortAuthenticationString: sasStrings,
	}
	start.TransactionID = f.id
	canon, err := canonicaljson.Marshal(start)
	if err != nil {
		return err
	}
	if err := v.send(ctx, f, event.ToDeviceVerificationStart, start); err != nil {
		return err
	}
	f.stage, f.weStarted, f.start = stageStarted, true, canon
	return nil
}

// started: the other side sent a start. If this side sent one too, the
// spec keeps the one from the smaller device ID (the user is the same).
func (v *verifier) started(ctx context.Context, f *sasFlow, c *event.VerificationStartEventContent) error {
	switch {
	case f.stage == stageStarted && c.Method != event.VerificationMethodSAS:
		return stopUnexpected
	case f.stage == stageStarted && f.device > v.c.Session().DeviceID:
		return nil // ours is the one
	case f.stage != stageReady && f.stage != stageStarted:
		return stopUnexpected
	}
	if c.Method != event.VerificationMethodSAS || !slices.Contains(c.KeyAgreementProtocols, sasAgreement) ||
		!slices.Contains(c.Hashes, sasHash) || !slices.Contains(c.MessageAuthenticationCodes, sasMACMethod) ||
		!slices.Contains(c.ShortAuthenticationString, event.SASMethodEmoji) {
		return stopUnknownMethod
	}
	// The commitment covers the start as the other apps see it: its
	// fields, in canonical JSON.
	canon, err := canonicaljson.Marshal(c)
	if err != nil {
		return stopInvalid
	}
	key, err := newSASKey()
	if err != nil {
		return err
	}
	both := []event.SASMethod{event.SASMethodEmoji}
	if slices.Contains(c.ShortAuthenticationString, event.SASMethodDecimal) {
		both = sasStrings
	}
	err = v.send(ctx, f, event.ToDeviceVerificationAccept, &event.VerificationAcceptEventContent{
		Commitment: sasCommitment(key.PublicKey().Bytes(), canon), Hash: sasHash, KeyAgreementProtocol: sasAgreement,
		MessageAuthenticationCode: sasMACMethod, ShortAuthenticationString: both,
	})
	if err != nil {
		return err
	}
	f.stage, f.weStarted, f.start, f.key = stageAccepted, false, canon, key
	return nil
}

// accepted: the other side accepted this side's start; this side's key
// goes first.
func (v *verifier) accepted(ctx context.Context, f *sasFlow, c *event.VerificationAcceptEventContent) error {
	if f.stage != stageStarted {
		return stopUnexpected
	}
	if c.KeyAgreementProtocol != sasAgreement || c.Hash != sasHash || c.MessageAuthenticationCode != sasMACMethod ||
		!slices.Contains(c.ShortAuthenticationString, event.SASMethodEmoji) {
		return stopUnknownMethod
	}
	key, err := newSASKey()
	if err != nil {
		return err
	}
	if err := v.send(ctx, f, event.ToDeviceVerificationKey, &event.VerificationKeyEventContent{Key: key.PublicKey().Bytes()}); err != nil {
		return err
	}
	f.stage, f.commitment, f.key = stageKeySent, c.Commitment, key
	return nil
}

// keyed: the other side's key. When this side started, it must be the
// one they committed to; when they did, this side's key follows. Then
// both show the emoji.
func (v *verifier) keyed(ctx context.Context, f *sasFlow, c *event.VerificationKeyEventContent) error {
	if f.stage == stageKeySent && !hmac.Equal(sasCommitment(c.Key, f.start), f.commitment) {
		return stopCommitment
	}
	if f.stage != stageKeySent && f.stage != stageAccepted {
		return stopUnexpected
	}
	secret, err := sasShared(f.key, c.Key)
	if err != nil {
		return stopInvalid
	}
	if f.stage == stageAccepted {
		if err := v.send(ctx, f, event.ToDeviceVerificationKey, &event.VerificationKeyEventContent{Key: f.key.PublicKey().Bytes()}); err != nil {
			return err
		}
	}
	f.secret, f.stage = secret, stageCompare
	f.ours = sasParty{v.me(), v.c.Session().DeviceID, f.key.PublicKey().Bytes()}
	f.theirs = sasParty{v.me(), f.device, c.Key}
	starter, accepter := f.theirs, f.ours
	if f.weStarted {
		starter, accepter = f.ours, f.theirs
	}
	b, err := sasBytes(secret, starter, accepter, f.id)
	if err != nil {
		return err
	}
	emoji := sasEmoji(b)
	v.move(f.id, func(cur *Verification) {
		if cur.Running() {
			cur.Step, cur.Emoji = VerifyCompare, emoji
		}
	})
	return nil
}

// confirm: the reader says the emoji match (ConfirmEmoji). This side's
// MAC goes out: of this device's key and, when the account has one
// published, its master key.
func (v *verifier) confirm(ctx context.Context, f *sasFlow) error {
	if f.stage != stageCompare || f.macSent {
		return stopUnexpected
	}
	macs := map[id.KeyID]jsonbytes.UnpaddedBytes{}
	add := func(keyID id.KeyID, key string) (err error) {
		macs[keyID], err = sasMAC(f.secret, f.ours, f.theirs, f.id, string(keyID), key)
		return err
	}
	mine := v.cs.mach.OwnIdentity()
	if err := add(id.NewKeyID(id.KeyAlgorithmEd25519, string(mine.DeviceID)), string(mine.SigningKey)); err != nil {
		return err
	}
	if master := v.masterKey(ctx); master != "" {
		if err := add(id.NewKeyID(id.KeyAlgorithmEd25519, master), master); err != nil {
			return err
		}
	}
	keys, err := sasMAC(f.secret, f.ours, f.theirs, f.id, keyIDsInput, sasKeyIDs(macs))
	if err != nil {
		return err
	}
	if err := v.send(ctx, f, event.ToDeviceVerificationMAC, &event.VerificationMACEventContent{Keys: keys, MAC: macs}); err != nil {
		return err
	}
	f.macSent = true
	if f.macChecked {
		return v.finish(ctx, f)
	}
	return nil
}

// macReceived checks the other side's MAC: the list of key IDs, then
// each key this side knows (their device's, the account's master key);
// their device's must be there. Keys it does not know are covered by the
// list and otherwise left alone, as the Rust crypto does.
func (v *verifier) macReceived(ctx context.Context, f *sasFlow, c *event.VerificationMACEventContent) error {
	if f.stage != stageCompare || f.macChecked {
		return stopUnexpected
	}
	check := func(keyID, input string, mac []byte) error {
		want, err := sasMAC(f.secret, f.theirs, f.ours, f.id, keyID, input)
		if err == nil && !hmac.Equal(want, mac) {
			err = stopMAC
		}
		return err
	}
	if err := check(keyIDsInput, sasKeyIDs(c.MAC), c.Keys); err != nil {
		return err
	}
	dev, err := v.cs.mach.GetOrFetchDevice(ctx, v.me(), f.device)
	if err != nil {
		return err
	}
	devKeyID := id.NewKeyID(id.KeyAlgorithmEd25519, string(f.device))
	if _, ok := c.MAC[devKeyID]; dev == nil || !ok {
		return stopMAC
	}
	if err := check(string(devKeyID), string(dev.SigningKey), c.MAC[devKeyID]); err != nil {
		return err
	}
	if master := v.masterKey(ctx); master != "" {
		masterKeyID := id.NewKeyID(id.KeyAlgorithmEd25519, master)
		if mac, ok := c.MAC[masterKeyID]; ok {
			if err := check(string(masterKeyID), master, mac); err != nil {
				return err
			}
			f.masterChecked = true
		}
	}
	f.macChecked = true
	if f.macSent {
		return v.finish(ctx, f)
	}
	return nil
}

// masterKey is the account's master cross-signing key as published ("" when
// it has none).
func (v *verifier) masterKey(ctx context.Context) string {
	if pub, err := v.cs.mach.GetOwnCrossSigningPublicKeys(ctx); err == nil && pub != nil {
		return string(pub.MasterKey)
	}
	return ""
}

// finish: both said the emoji match and the MACs check. The other device
// is trusted (sas_trust.go), and both say done.
func (v *verifier) finish(ctx context.Context, f *sasFlow) error {
	if err := v.trust(ctx, f); err != nil {
		return err
	}
	if err := v.send(ctx, f, event.ToDeviceVerificationDone, &event.VerificationDoneEventContent{}); err != nil {
		return err
	}
	f.doneSent = true
	if f.doneGot {
		v.complete(f)
	}
	return nil
}

func (v *verifier) doneReceived(f *sasFlow) error {
	if f.stage != stageCompare || f.doneGot {
		return stopUnexpected
	}
	f.doneGot = true
	if f.doneSent {
		v.complete(f)
	}
	return nil
}

// complete: done on both sides. A device that was not verified now asks
// the other one for the account's keys (verify_secrets.go), away from the
// sync loop that brings them.
func (v *verifier) complete(f *sasFlow) {
	v.flow = nil
	v.move(f.id, func(cur *Verification) { cur.Step, cur.Emoji = VerifyDone, nil })
	if v.cs.mach.CrossSigningKeys == nil {
		go v.c.receiveSecrets(f.id)
	}
}

// cancelled: the other side stopped. While a request from here waits,
// any device declining ends it, and the others are told too (so they stop
// showing it).
func (v *verifier) cancelled(ctx context.Context, f *sasFlow, code event.VerificationCancelCode) {
	v.over(f, endOf(code))
	if len(f.asked) > 0 {
		_ = v.sendCancel(ctx, f, event.VerificationCancelCodeUser)
	}
}

// endOf is how the reader's verification ended when the other side sent
// code.
func endOf(code event.VerificationCancelCode) VerifyEnd {
	switch code {
	case event.VerificationCancelCodeUser:
		return EndCancelledThere
	case event.VerificationCancelCodeTimeout:
		return EndTimeout
	case event.VerificationCancelCodeSASMismatch, event.VerificationCancelCodeKeyMismatch, event.VerificationCancelCodeCommitmentMismatch:
		return EndMismatchThere
	case event.VerificationCancelCodeAccepted:
		return EndAnsweredElsewhere
	}
	return EndFailed
}
