package widgets

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"hellomatrix/app/live"
	"hellomatrix/app/ui"
)

// The invitation-code field of the sign-up form (registerForm), shown when
// the server takes new accounts only with a code.

func (f *registerForm) onToken(ctx app.Context, e app.Event) {
	f.token = inputValue(ctx)
	delete(f.errs, live.FieldToken)
}

// onTokenDone asks the server, when the reader leaves the field, whether it
// would take the code, so a mistyped or used-up one is explained before the
// form is sent.
func (f *registerForm) onTokenDone(ctx app.Context, e app.Event) {
	srv := f.Imodel.Now().Server
	code := f.token
	if srv == nil || code == "" {
		return
	}
	ctx.Async(func() {
		err := live.CheckToken(srv, code)
		ui.DispatchTo(ctx, f, func() {
			if f.token != code || f.busy {
				return // typed on, or already submitting: that answer is stale
			}
			delete(f.errs, live.FieldToken)
			if err != nil {
				f.errs.Put(live.FieldToken, f.Imodel.Message(err))
			}
		})
	})
}
