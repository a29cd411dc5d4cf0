package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/oidcprovider"
	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
	"hellomatrix/pages"
)

// ssoScenario is a real Synapse that signs people up only through single
// sign-on, with a real OpenID Connect provider on loopback, a public room
// to write in, and the guide served without a practice server.
type ssoScenario struct {
	hs    *synapse.Server
	idp   *oidcprovider.Provider
	site  *server
	alias string
}

func startSSOScenario(t *testing.T) *ssoScenario {
	t.Helper()
	// Synapse reads the provider's discovery document at start-up.
	idp, err := oidcprovider.Start("", "Loopback ID")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idp.Stop() })
	hs := synapsetest.Start(t, synapse.Options{
		RegistrationDisabled: true, // like the directory's servers that sign people up only through SSO
		OIDCProviders:        []synapse.OIDCProvider{idp.ForSynapse("loop")},
	})
	sc := &ssoScenario{hs: hs, idp: idp, site: startServer(t)}
	sc.alias = publicRoomOn(t, hs, "ssohello")
	return sc
}

// throughProvider is the part of a single sign-on that happens away from
// the guide, as a person does it: the provider's sign-in page (a name and a
// click), then Synapse's own "Continue to your account" page (a click). It
// ends back in the guide, on backPath.
func (sc *ssoScenario) throughProvider(r *reader, name, backPath string) {
	r.t.Helper()
	waitAcross(r, "the provider's sign-in page", `location.href.startsWith(`+jsString(sc.idp.Issuer+"/authorize")+`) && !!document.querySelector("#provider-username")`)
	r.screenshot("provider", "#provider-username")
	r.fill("typing who signs in at the provider", "#provider-username", name)
	r.click("signing in there", "#provider-signin")
	waitAcross(r, "Synapse asks to continue", `location.href.startsWith(`+jsString(sc.hs.URL+"/_synapse/client/oidc/callback")+`) && !!document.querySelector("a.primary-button")`)
	r.screenshot("synapse-continue", "a.primary-button")
	r.click("Continue (Synapse's page)", "a.primary-button")
	waitAcross(r, "back in the guide's chapter", `location.origin === `+jsString(sc.site.URL)+` && location.pathname === `+jsString(backPath))
	run(r.t, r.ctx, "waiting for the app", waitForApp())
}

// noLoginTokenLeft checks that the one-time code left the address bar and
// that the note of the trip is gone.
func noLoginTokenLeft(r *reader) {
	r.t.Helper()
	r.wait("the code is taken out of the address", `!location.href.includes("loginToken")`)
	var left []string
	run(r.t, r.ctx, "looking at localStorage", chromedp.Evaluate(`Object.keys(localStorage).filter(k => k.includes("live/sso"))`, &left))
	if len(left) != 0 {
		r.t.Errorf("the note of the sign-on trip is still stored: %v", left)
	}
}

// A newcomer on a server that signs people up only through its identity
// provider: "Continue with Loopback ID" in Creating an account, the
// provider's page, Synapse's page, and back in the same chapter signed in;
// then a first message, which matrix-js-sdk finds exactly once. Then the
// same person logs in on a fresh browser profile, through the provider,
// from Logging in.
func TestLiveSSOSignUpAndLogIn(t *testing.T) {
	sc := startSSOScenario(t)
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	hsAddr := strings.TrimPrefix(sc.hs.URL, "http://")
	name := uniqueName("ssonew")
	userID := "@" + name + ":" + sc.hs.ServerName

	t.Run("sign up and first message", func(t *testing.T) {
		r := newReader(t, 1280, 900, "sso-signup")
		watch := watchBrowser(t, r.ctx)
		run(t, r.ctx, "opening Creating an account", chromedp.Navigate(sc.site.URL+registerPath), waitForApp())
		r.interactions.Add(1)
		run(t, r.ctx, "choosing to type a server", setSelect("register-server", "__other__"))
		r.fill("typing the server", "#register-other", hsAddr)
		r.click("checking it", "#register-other-check")
		r.text("what the server offers", "#register-verdict", "through Loopback ID")
		r.wait("no password form on an SSO-only server", `!document.querySelector("#register-form")`)
		r.text("the button names the provider", "#register-sso-0", "Continue with Loopback ID")
		r.screenshot("sso-choice", "#register-sso")
		watch.collect(r.ctx, "Creating an account")
		r.click("Continue with Loopback ID", "#register-sso-0")
		sc.throughProvider(r, name, registerPath)
		r.text("signed in, in the same chapter", ".live-success", "You are signed in as "+userID+" through Loopback ID.")
		r.text("the header says who", "#account-slot", "Signed in as "+userID)
		noLoginTokenLeft(r)
		watch.collect(r.ctx, "Creating an account, back from the provider")
		if n, all := watch.violations(); n != 0 {
			t.Errorf("%d Content Security Policy violations: %v", n, all)
		}
		// The one-time code travels only where the spec puts it: in the
		// address Synapse sends the browser back to, never in a request
		// the page makes (it goes in the body of POST /login).
		var withToken []string
		for _, u := range watch.requestURLs() {
			if strings.Contains(u, "loginToken") {
				withToken = append(withToken, u)
			}
		}
		if len(withToken) != 1 || !strings.HasPrefix(withToken[0], sc.site.URL+registerPath+"?loginToken=") {
			t.Errorf("requests carrying the login token: %v, want only the way back to the chapter", withToken)
		}
		r.screenshot("sso-signed-up", ".live-done")
		signUp := r.interactions.Load()

		writeFirstMessageIn(r, messagePath, sc.alias)
		total := r.interactions.Load()
		reportInteractions(t, "SSO sign-up: Continue with <provider>, then its pages (from Creating an account, server typed)", "synapse", signUp)
		reportInteractions(t, "SSO sign-up, to the first message (from Creating an account, server typed)", "synapse", total)
		t.Logf("interactions: %d to be signed up through SSO (3 of them on the provider's and Synapse's pages), %d to the first message", signUp, total)

		peerFinds(t, sc.hs, sc.alias, userID)
	})

	t.Run("log in on a fresh profile", func(t *testing.T) {
		r := newReader(t, 1280, 900, "sso-login")
		run(t, r.ctx, "opening Logging in", chromedp.Navigate(sc.site.URL+loginPath), waitForApp())
		r.fill("typing the server", "#login-server", hsAddr)
		r.text("the provider is offered", "#login-sso-0", "Continue with Loopback ID")
		r.screenshot("sso-login-choice", "#login-sso")
		r.click("Continue with Loopback ID", "#login-sso-0")
		sc.throughProvider(r, name, loginPath)
		r.text("signed in, in the same chapter", ".live-success", "You are signed in as "+userID+".")
		r.text("the header says who", "#account-slot", "Signed in as "+userID)
		noLoginTokenLeft(r)
		r.screenshot("sso-logged-in", ".live-success")
		n := r.interactions.Load()
		reportInteractions(t, "SSO log in: Continue with <provider>, then its pages (from Logging in, server typed)", "synapse", n)
		t.Logf("interactions: %d to log in through SSO (3 of them on the provider's and Synapse's pages)", n)
	})
	// A link carrying a login token this browser never asked for (someone
	// else's, to sign the reader into their account) is not used.
	t.Run("a login token nobody here asked for", func(t *testing.T) {
		r := newReader(t, 1280, 900, "sso-forged")
		run(t, r.ctx, "opening a link with someone's token", chromedp.Navigate(sc.site.URL+registerPath+"?loginToken=someone-elses"), waitForApp())
		r.text("the reader is told", "#register-sso", "did not ask for")
		r.wait("the code is taken out of the address", `!location.href.includes("loginToken")`)
		var slot string
		run(t, r.ctx, "reading the header", chromedp.Evaluate(`document.querySelector("#account-slot").textContent`, &slot))
		if strings.Contains(slot, "Signed in") {
			t.Fatalf("signed in from a forged link: %q", slot)
		}
	})
	if got := sc.idp.SignIns(); got != 2 {
		t.Errorf("the provider saw %d sign-ins, want 2", got)
	}
}

// waitAcross waits for a JavaScript condition while the page may be moving
// to another site: chromedp's Poll fails when the document it polls is
// replaced, so each try is a fresh evaluation in whatever page is there.
func waitAcross(r *reader, what, expr string) {
	r.t.Helper()
	waitAcrossIn(r.t, r.ctx, what, expr)
}

func waitAcrossIn(t *testing.T, tab context.Context, what, expr string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	var last string
	for time.Now().Before(deadline) {
		var ok bool
		ctx, cancel := context.WithTimeout(tab, 5*time.Second)
		err := chromedp.Run(ctx, chromedp.Evaluate(expr, &ok))
		cancel()
		if err == nil && ok {
			return
		}
		chromedp.Run(tab, chromedp.Location(&last))
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: not so after a minute; the page is at %s", what, last)
}

// publicRoomOn makes a public room #local:server on hs, owned by a user of
// its own, for a newcomer to write a first message in; it returns the
// room's address.
func publicRoomOn(t *testing.T, hs *synapse.Server, local string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, token, _, err := hs.RegisterUser(ctx, synapsetest.UniqueName("roomowner"), "owner password", false)
	if err != nil {
		t.Fatal(err)
	}
	return createPublicRoom(t, hs, token, local)
}

// createPublicRoom makes a public room #local:server with token's account
// and returns its address.
func createPublicRoom(t *testing.T, hs *synapse.Server, token, local string) string {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"room_alias_name": local, "preset": "public_chat", "visibility": "public", "name": "Hello"})
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/_matrix/client/v3/createRoom", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	alias := "#" + local + ":" + hs.ServerName
	if res.StatusCode != 200 {
		t.Fatalf("creating %s: %s", alias, res.Status)
	}
	return alias
}

// writeFirstMessageIn goes from a finished sign-up to Your first message,
// joins the room by its address and sends firstMessage, waiting until the
// server has it.
func writeFirstMessageIn(r *reader, messagePath, alias string) {
	r.t.Helper()
	r.click("going to Your first message", `.live-done a[href="`+messagePath+`"]`)
	r.wait("the chapter", `location.pathname === `+jsString(messagePath)+` && !!document.querySelector("#fm-room")`)
	r.fill("typing the room's address", "#fm-room", alias)
	r.click("joining it", "#fm-join")
	r.text("the room is open", ".live-room-name", alias)
	r.fill("writing the first message", "#fm-message", firstMessage)
	r.click("sending it", "#fm-send")
	ownLine := `[...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(firstMessage) + `)`
	r.wait("the message is confirmed", `(() => { const l = `+ownLine+`; return !!l && l.querySelector(".message-state").dataset.state === "sent"; })()`)
}

// peerFinds has matrix-js-sdk, signed in as a new user of hs, join alias
// and find firstMessage from sender there exactly once.
func peerFinds(t *testing.T, hs *synapse.Server, alias, sender string) {
	t.Helper()
	peerName := synapsetest.UniqueName("jspeer")
	if _, _, _, err := hs.RegisterUser(context.Background(), peerName, "peer password", false); err != nil {
		t.Fatal(err)
	}
	runPeer(t, "HM_HOMESERVER="+hs.URL, "HM_USER="+peerName, "HM_PASSWORD=peer password",
		"HM_MODE=room", "HM_ROOM="+alias, "HM_EXPECT="+firstMessage, "HM_SENDER="+sender)
}
