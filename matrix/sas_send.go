//go:build goolm

package matrix

import (
	"context"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// Sending the verification's to-device events (spec "Key verification
// framework"), unencrypted as the other apps send them: each to the other
// device, or a request and the cancels that follow it to several.

// sendVerify sends content, stamped with txn, to user's devices.
func (v *verifier) sendVerify(ctx context.Context, user id.UserID, devices []id.DeviceID, txn id.VerificationTransactionID, typ event.Type, content event.VerificationTransactionable) error {
	if len(devices) == 0 {
		return nil
	}
	content.SetTransactionID(txn)
	wrapped := &event.Content{Parsed: content}
	to := make(map[id.DeviceID]*event.Content, len(devices))
	for _, d := range devices {
		to[d] = wrapped
	}
	req := &mautrix.ReqSendToDevice{Messages: map[id.UserID]map[id.DeviceID]*event.Content{user: to}}
	return v.c.authed(ctx, func(ctx context.Context) error {
		_, err := v.c.api.SendToDevice(ctx, typ, req)
		return err
	})
}

// send sends content to the other device of f.
func (v *verifier) send(ctx context.Context, f *sasFlow, typ event.Type, content event.VerificationTransactionable) error {
	return v.sendVerify(ctx, v.me(), []id.DeviceID{f.device}, f.id, typ, content)
}

// sendCancel tells the other device of f, or every device an unanswered
// request went to, that it stopped (code).
func (v *verifier) sendCancel(ctx context.Context, f *sasFlow, code event.VerificationCancelCode) error {
	to := f.asked
	if f.device != "" {
		to = []id.DeviceID{f.device}
	}
	return v.sendVerify(ctx, v.me(), to, f.id, event.ToDeviceVerificationCancel, cancelContent(code))
}

// cancelContent is an m.key.verification.cancel; its reason is for the
// other app's logs (its reader is told by the code).
func cancelContent(code event.VerificationCancelCode) *event.VerificationCancelEventContent {
	return &event.VerificationCancelEventContent{Code: code, Reason: "Hello Matrix stopped the verification: " + string(code)}
}
