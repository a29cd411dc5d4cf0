package browsertest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/synapse"
)

// A newcomer signs up on a Synapse that takes new accounts only with an
// invitation code (registration_requires_token; codes made with the admin
// API): the form asks for the code from the start, the account is made with
// a one-use code, and the first message reaches the room, where
// matrix-js-sdk finds it exactly once. A second newcomer then tries the same
// code, now used up, and a made-up one (and first none at all): each time the sentence at the code
// field says what may be wrong and what to do, and nothing typed is lost; a
// fresh code then works.
func TestLiveSignUpTokenOnSynapse(t *testing.T) {
	s := startSynapse(t, synapse.Options{RegistrationRequiresToken: true})
	room, roomID := synapseRoom(t, s, "welcome")
	site := startServer(t)
	once := registrationToken(t, s)
	if !tokenValid(t, s, once) {
		t.Fatalf("Synapse calls the new code %q invalid before anyone used it", once)
	}

	r := newReader(t, 1280, 900, "token")
	name := uniqueName("invited")
	userID := "@" + name + ":" + s.ServerName
	openSignUpOn(t, r, site, s.URL)
	r.text("what the server asks", "#register-verdict", "with an invitation code")
	r.fill("choosing a username", "#register-username", name)
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.fill("typing the invitation code", "#register-token", once)
	r.screenshot("token-filled", "#register-form")
	r.click("creating the account", "#register-submit")
	r.text("the account is ready", ".live-success", "is ready")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	reportInteractions(t, "invitation code: name, password, code (from Creating an account, server typed)", "synapse", r.interactions.Load())
	firstMessageAfterSignUp(t, r, s, room, roomID, userID)
	reportInteractions(t, "invitation code, to the first message (from Creating an account, server typed)", "synapse", r.interactions.Load())
	if tokenValid(t, s, once) {
		t.Fatalf("Synapse still takes the one-use code %q after a sign-up used it", once)
	}

	// Someone else was given the same code.
	r2 := newReader(t, 1280, 900, "token-used")
	name2 := uniqueName("latecomer")
	openSignUpOn(t, r2, site, s.URL)
	r2.fill("choosing a username", "#register-username", name2)
	r2.fill("choosing a password", "#register-password", "another long practice password")
	r2.submitRound("trying without a code", "#register-submit")
	r2.text("the code is asked for, at its field", "#register-token-error", "only takes new accounts with an invitation code")
	r2.fill("typing the used-up code", "#register-token", once)
	// The server is asked as soon as the reader leaves the field...
	r2.text("the code is refused on leaving its field", "#register-token-error", "used up")
	r2.screenshot("token-checked-early", "#register-form")
	// ...and sending the form anyway gets the sign-up's own refusal.
	r2.submitRound("trying to create the account anyway", "#register-submit")
	r2.text("the code is refused, at its field", "#register-token-error", "used up")
	r2.wait("the field is marked", `document.querySelector("#register-token").getAttribute("aria-invalid") === "true"`)
	r2.wait("nothing typed is lost", `document.querySelector("#register-username").value === `+jsString(name2)+
		` && document.querySelector("#register-password").value === "another long practice password"`+
		` && document.querySelector("#register-token").value === `+jsString(once))
	r2.screenshot("token-used-up", "#register-form")

	r2.fill("typing a made-up code", "#register-token", "not-a-real-code")
	r2.text("refused on leaving the field, with the same help", "#register-token-error", "may have a typo")
	r2.submitRound("trying again", "#register-submit")
	r2.text("refused by the sign-up too", "#register-token-error", "may have a typo")
	r2.wait("still signed out", `document.querySelector("#account-slot").children.length === 0`)

	fresh := registrationToken(t, s)
	r2.fill("typing a fresh code", "#register-token", fresh)
	r2.click("creating the account", "#register-submit")
	r2.text("the account is ready", ".live-success", "is ready")
	r2.text("signed in", "#account-slot", "Signed in as @"+name2+":"+s.ServerName)
}

// registrationToken makes a one-use sign-up code with Synapse's admin API.
func registrationToken(t *testing.T, s *synapse.Server) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	tok, err := s.CreateRegistrationToken(ctx, synapse.RegistrationToken{UsesAllowed: 1})
	if err != nil {
		t.Fatalf("making a registration token: %v", err)
	}
	return tok
}

// tokenValid asks Synapse, as any client may, whether a code would be
// taken now (GET /_matrix/client/v1/register/m.login.registration_token/validity).
func tokenValid(t *testing.T, s *synapse.Server, token string) bool {
	t.Helper()
	res, err := http.Get(s.URL + "/_matrix/client/v1/register/m.login.registration_token/validity?token=" + url.QueryEscape(token))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Valid *bool `json:"valid"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != http.StatusOK || body.Valid == nil {
		t.Fatalf("the validity check answered %s (%v)", res.Status, err)
	}
	return *body.Valid
}

// submitRound clicks a form's submit button and waits until the round with
// the server is over: the button was seen busy (aria-busy, watched from
// before the click so a quick answer is not missed) and is not any more.
func (r *reader) submitRound(what, sel string) {
	r.t.Helper()
	run(r.t, r.ctx, what+": watching the button", chromedp.Evaluate(`(() => {
		window.__hmBusySeen = false;
		const form = document.querySelector(`+jsString(sel)+`).form;
		const seen = () => { const b = document.querySelector(`+jsString(sel)+`); if (b && b.getAttribute("aria-busy") === "true") window.__hmBusySeen = true; };
		new MutationObserver(seen).observe(form, { subtree: true, attributes: true, childList: true, characterData: true });
	})()`, nil))
	r.click(what, sel)
	r.wait(what+": the server has answered", `window.__hmBusySeen && document.querySelector(`+jsString(sel)+`).getAttribute("aria-busy") !== "true"`)
}
