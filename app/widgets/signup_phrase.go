package widgets

import (
	"hellomatrix/app/ui"
	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// SignupPhrase is the few words a table cell says about what the guide's
// live client can do on a server.
func SignupPhrase(w *words.Words, way pages.SignupWay) string {
	switch way.Kind {
	case pages.SignupClosed:
		return w.Say("site.signup.closed")
	case pages.SignupOwnPage:
		return w.Say("site.signup.own_page")
	case pages.SignupOAuth:
		return w.Say("site.signup.oauth")
	case pages.SignupSSO:
		if names := way.ProviderNames(); len(names) != 0 {
			return w.Say("site.signup.sso", "providers", ui.JoinOr(w, names))
		}
		return w.Say("site.signup.sso_unnamed")
	}
	var steps []string
	if way.Email {
		steps = append(steps, w.Say("site.signup.step_email"))
	}
	if way.Token {
		steps = append(steps, w.Say("site.signup.step_token"))
	}
	if way.Captcha {
		steps = append(steps, w.Say("site.signup.step_captcha"))
	}
	if len(steps) == 0 {
		return w.Say("site.signup.here")
	}
	return w.Say("site.signup.here_with", "steps", ui.JoinAnd(w, steps))
}
