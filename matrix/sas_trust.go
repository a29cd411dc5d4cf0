//go:build goolm

package matrix

import (
	"context"

	"maunium.net/go/mautrix/id"
)

// trust acts on a verification both sides confirmed, once the other
// side's MAC checked (sas_flow.go's finish), and only then: nothing is
// signed or uploaded on any other path. When this device holds the
// account's keys it signs the other device with the self-signing key;
// when it does not (it is the one being verified), it signs the master
// key the other device vouched for, and asks for the account's keys
// afterwards (verify_secrets.go). Either way the machine counts the
// other device as verified: that is what lets it answer, or be answered,
// with secrets.
func (v *verifier) trust(ctx context.Context, f *sasFlow) error {
	mach := v.cs.mach
	return v.c.authed(ctx, func(ctx context.Context) error {
		dev, err := mach.GetOrFetchDevice(ctx, v.me(), f.device)
		if err != nil {
			return err
		}
		switch {
		case mach.CrossSigningKeys != nil:
			err = mach.SignOwnDevice(ctx, dev)
		case f.masterChecked:
			err = mach.SignOwnMasterKey(ctx)
		}
		if err != nil {
			return err
		}
		// A copy: the store hands out the device it keeps, which the sync
		// loop reads meanwhile.
		trusted := *dev
		trusted.Trust = id.TrustStateVerified
		return mach.CryptoStore.PutDevice(ctx, v.me(), &trusted)
	})
}
