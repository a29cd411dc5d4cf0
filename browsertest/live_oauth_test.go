package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/oauthserver"
	"hellomatrix/internal/oauthserver/oauthtest"
	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
	"hellomatrix/pages"
)

// oauthScenario is a real Synapse 1.163 that delegates sign-in to an
// authorization server through its matrix_authentication_service section,
// as matrix.org does. The authorization server is the project's stand-in
// for the Matrix Authentication Service (internal/oauthserver), which is
// not available as a package here; Synapse, Chromium and matrix-js-sdk are
// real. A public room is there to write in, and the guide is served
// without a practice server.
type oauthScenario struct {
	as    *oauthserver.Server
	hs    *synapse.Server
	site  *server
	alias string
}

func startOAuthScenario(t *testing.T) *oauthScenario {
	t.Helper()
	ctx := context.Background()
	as, err := oauthserver.Start(ctx, oauthserver.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { as.Stop() })
	// Synapse reads the issuer's metadata when asked; the stand-in needs
	// Synapse's address to provision accounts and devices.
	hs := synapsetest.Start(t, synapse.Options{MAS: &synapse.MAS{Endpoint: as.URL, Secret: as.Secret}})
	as.SetHomeserver(hs.URL)
	sc := &oauthScenario{as: as, hs: hs, site: startServer(t)}
	owner := sc.signedIn(t, synapsetest.UniqueName("roomowner"), true)
	sc.alias = createPublicRoom(t, hs, owner.AccessToken, "oauthhello")
	return sc
}

// signedIn signs a user up (or in) through the authorization server
// without a browser, the way another app would: the stand-in's pages are
// plain forms.
func (sc *oauthScenario) signedIn(t *testing.T, name string, signup bool) oauthtest.Tokens {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tok, err := oauthtest.SignIn(ctx, sc.as.URL, name, "the password of "+name, signup)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// onServerPage is the part that happens on the authorization server's own
// page, as a person does it: a username, a password (twice when signing
// up) and a click. It ends back in the guide, at back.
func (sc *oauthScenario) onServerPage(r *reader, name, password string, signup bool, back string) {
	r.t.Helper()
	waitAcross(r, "the server's sign-in page", `location.href.startsWith(`+jsString(sc.as.URL)+`) && !!document.querySelector("#username")`)
	if signup {
		waitAcross(r, "it is the sign-up page", `!!document.querySelector("#password2")`)
	}
	r.screenshot("server-page", "#username")
	r.fill("typing the username on the server's page", "#username", name)
	r.fill("typing the password there", "#password", password)
	if signup {
		r.fill("typing it again", "#password2", password)
	}
	r.click("continuing there", "#submit")
	waitAcross(r, "back in the guide's chapter", `location.href.startsWith(`+jsString(back)+`)`)
	run(r.t, r.ctx, "waiting for the app", waitForApp())
}

// noOAuthAnswerLeft checks that the code left the address bar and that the
// note of the trip (with its PKCE verifier) is gone.
func noOAuthAnswerLeft(r *reader) {
	r.t.Helper()
	r.wait("the answer is taken out of the address", `!location.search.includes("code=") && !location.search.includes("state=")`)
	var left []string
	run(r.t, r.ctx, "looking at localStorage", chromedp.Evaluate(`Object.keys(localStorage).filter(k => k.endsWith("live/oauth"))`, &left))
	if len(left) != 0 {
		r.t.Errorf("the note of the sign-in trip is still stored: %v", left)
	}
}

// storedSession is the live client's saved session, read from the page.
type storedSession struct {
	AccessToken  string `json:"access_token"`
	RefreshToken string `json:"refresh_token"`
	DeviceID     string `json:"device_id"`
	OAuth        *struct {
		ClientID      string `json:"client_id"`
		TokenEndpoint string `json:"token_endpoint"`
	} `json:"oauth"`
}

func readSession(r *reader) storedSession {
	r.t.Helper()
	var raw string
	run(r.t, r.ctx, "reading the saved session", chromedp.Evaluate(`localStorage.getItem("hellomatrix.session") || ""`, &raw))
	var s storedSession
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			r.t.Fatalf("the saved session is not JSON: %v", err)
		}
	}
	return s
}

// A newcomer on a server that signs people in only through OAuth 2.0: one
// button in Creating an account, the server's sign-up page, and back in
// the same chapter signed in; a first message, which matrix-js-sdk (signed
// in through the same authorization server) finds exactly once. A reload
// keeps the session. Then the same person signs in on a fresh profile from
// Logging in, and logs out: Synapse refuses the old access token and the
// authorization server the old refresh token.
func TestLiveOAuthSignUpLogInLogOut(t *testing.T) {
	sc := startOAuthScenario(t)
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	hsAddr := strings.TrimPrefix(sc.hs.URL, "http://")
	asHost := strings.TrimSuffix(strings.TrimPrefix(sc.as.URL, "http://"), "/")
	name := uniqueName("oauthnew")
	password := "a long and careful password"
	userID := "@" + name + ":" + sc.hs.ServerName

	t.Run("sign up and first message", func(t *testing.T) {
		r := newReader(t, 1280, 900, "oauth-signup")
		watch := watchBrowser(t, r.ctx)
		openSignUpOn(t, r, sc.site, sc.hs.URL)
		r.text("what the server offers", "#register-verdict", "the server's own sign-in page opens")
		r.wait("no password form on an OAuth server", `!document.querySelector("#register-form")`)
		r.text("one button, naming the sign-in service", "#register-oauth-go", "Create an account on "+asHost)
		r.screenshot("oauth-choice", "#register-oauth")
		watch.collect(r.ctx, "Creating an account")
		r.click("Create an account on …", "#register-oauth-go")
		sc.onServerPage(r, name, password, true, sc.site.URL+registerPath)
		r.text("signed in, in the same chapter", ".live-success", "You are signed in as "+userID+" through "+asHost+".")
		r.text("the header says who", "#account-slot", "Signed in as "+userID)
		noOAuthAnswerLeft(r)
		watch.collect(r.ctx, "Creating an account, back from the server's page")
		if n, all := watch.violations(); n != 0 {
			t.Errorf("%d Content Security Policy violations: %v", n, all)
		}
		// The code travels only where OAuth puts it: in the address the
		// server sends the browser back to. The page sends it in the body
		// of the token request, never in an address of its own.
		var withCode []string
		for _, u := range watch.requestURLs() {
			if strings.Contains(u, "code=") && !strings.HasPrefix(u, sc.as.URL) {
				withCode = append(withCode, u)
			}
		}
		if len(withCode) != 1 || !strings.HasPrefix(withCode[0], sc.site.URL+registerPath+"?") {
			t.Errorf("requests carrying the code: %v, want only the way back to the chapter", withCode)
		}
		s := readSession(r)
		if s.OAuth == nil || s.RefreshToken == "" {
			t.Errorf("the saved session is not an OAuth session with a refresh token: %+v", s)
		}
		r.screenshot("oauth-signed-up", ".live-done")
		signUp := r.interactions.Load()

		writeFirstMessageIn(r, messagePath, sc.alias)
		total := r.interactions.Load()
		reportInteractions(t, "OAuth 2.0 sign-up: one button, then the server's page (from Creating an account, server typed)", "synapse + stand-in MAS", signUp)
		reportInteractions(t, "OAuth 2.0 sign-up, to the first message (from Creating an account, server typed)", "synapse + stand-in MAS", total)
		t.Logf("interactions: %d to be signed up through OAuth (4 of them on the server's page), %d to the first message", signUp, total)

		sc.peerFinds(t, sc.alias, userID, firstMessage)

		run(t, r.ctx, "reloading", chromedp.Reload(), waitForApp())
		r.text("a reload keeps the session", "#account-slot", "Signed in as "+userID)
	})

	t.Run("sign in on a fresh profile, then log out", func(t *testing.T) {
		r := newReader(t, 1280, 900, "oauth-login")
		run(t, r.ctx, "opening Logging in", chromedp.Navigate(sc.site.URL+loginPath), waitForApp())
		r.fill("typing the server", "#login-server", hsAddr)
		r.text("the server's sign-in is offered", "#login-oauth-go", "Sign in on "+asHost)
		r.click("Sign in on …", "#login-oauth-go")
		sc.onServerPage(r, name, password, false, sc.site.URL+loginPath)
		r.text("signed in, in the same chapter", ".live-success", "You are signed in as "+userID+".")
		r.text("the header says who", "#account-slot", "Signed in as "+userID)
		noOAuthAnswerLeft(r)
		n := r.interactions.Load()
		reportInteractions(t, "OAuth 2.0 log in: one button, then the server's page (from Logging in, server typed)", "synapse + stand-in MAS", n)
		t.Logf("interactions: %d to sign in through OAuth (3 of them on the server's page)", n)
		run(t, r.ctx, "reloading", chromedp.Reload(), waitForApp())
		r.text("a reload keeps the session", "#account-slot", "Signed in as "+userID)

		old := readSession(r)
		if code := whoAmIStatus(t, sc.hs.URL, old.AccessToken); code != http.StatusOK {
			t.Fatalf("before logging out, Synapse answers whoami with %d", code)
		}
		r.click("logging out", "#logout")
		r.wait("signed out", `document.querySelector("#account-slot").children.length === 0`)
		if s := readSession(r); s.AccessToken != "" {
			t.Errorf("the session is still stored after logging out")
		}
		if code := whoAmIStatus(t, sc.hs.URL, old.AccessToken); code != http.StatusUnauthorized {
			t.Errorf("after logging out, Synapse answers the old access token with %d, want 401", code)
		}
		if code, errCode := refreshStatus(t, old.OAuth.TokenEndpoint, old.OAuth.ClientID, old.RefreshToken); code != http.StatusBadRequest || errCode != "invalid_grant" {
			t.Errorf("after logging out, the old refresh token gets %d %q, want 400 invalid_grant", code, errCode)
		}
	})
}

// Every way an OAuth sign-in can go wrong gets its sentence and a way back:
// the reader cancels on the server's page; an answer with a state this
// browser never sent; a code that was already used; the authorization
// server unreachable; a server that refuses to register a web page on
// plain-http loopback.
func TestLiveOAuthErrors(t *testing.T) {
	sc := startOAuthScenario(t)
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	asHost := strings.TrimSuffix(strings.TrimPrefix(sc.as.URL, "http://"), "/")
	r := newReader(t, 1280, 900, "oauth-errors")
	choose := func() {
		t.Helper()
		openSignUpOn(t, r, sc.site, sc.hs.URL)
		r.wait("the button is there", `!!document.querySelector("#register-oauth-go")`)
	}

	t.Run("the reader cancels", func(t *testing.T) {
		choose()
		r.click("Create an account on …", "#register-oauth-go")
		waitAcross(r, "the server's sign-up page", `location.href.startsWith(`+jsString(sc.as.URL)+`) && !!document.querySelector("#cancel")`)
		r.click("cancelling there", "#cancel")
		waitAcross(r, "back in the chapter", `location.href.startsWith(`+jsString(sc.site.URL+registerPath)+`)`)
		run(t, r.ctx, "waiting for the app", waitForApp())
		r.text("the reader is told", "#register-oauth-error", "You cancelled creating an account on "+asHost+", so you are not signed in.")
		r.text("and can try again", "#register-oauth-go", "Create an account on")
		r.wait("the server is still the one typed", `document.querySelector("#register-other").value === `+jsString(hostPort(sc.hs.URL)))
		noOAuthAnswerLeft(r)
		r.screenshot("oauth-cancelled", "#register-oauth")
	})

	t.Run("an answer nobody here asked for", func(t *testing.T) {
		run(t, r.ctx, "opening a link with a forged answer", chromedp.Navigate(sc.site.URL+registerPath+"?code=someone-elses&state=forged"), waitForApp())
		r.text("the reader is told", "#register-oauth", "did not ask for")
		r.wait("the answer is taken out of the address", `!location.search.includes("code=")`)
		var slot string
		run(t, r.ctx, "reading the header", chromedp.Evaluate(`document.querySelector("#account-slot").textContent`, &slot))
		if strings.Contains(slot, "Signed in") {
			t.Fatalf("signed in from a forged link: %q", slot)
		}
	})

	t.Run("a code that was already used", func(t *testing.T) {
		choose()
		watch := watchBrowser(t, r.ctx)
		r.click("Create an account on …", "#register-oauth-go")
		// The note of the trip, read from the page as it leaves: the same
		// trip finished twice is what a second tab or a double submit does.
		name := uniqueName("oauthtwice")
		sc.onServerPage(r, name, "a long and careful password", true, sc.site.URL+registerPath)
		r.text("signed in", "#account-slot", "Signed in as")
		var back string
		for _, u := range watch.requestURLs() {
			if strings.HasPrefix(u, sc.site.URL+registerPath+"?") && strings.Contains(u, "code=") {
				back = u
			}
		}
		if back == "" {
			t.Fatal("the way back with the code was not seen")
		}
		clientID := keptClientID(t, r, sc, sc.site.URL+registerPath)
		r.click("logging out", "#logout")
		r.wait("signed out", `document.querySelector("#account-slot").children.length === 0`)
		// A trip note for the same state, as the page wrote it before leaving.
		q, _ := url.Parse(back)
		replayTrip(t, r, sc, clientID, q.Query().Get("state"), sc.site.URL+registerPath)
		run(t, r.ctx, "opening the same way back again", chromedp.Navigate(back), waitForApp())
		r.text("the reader is told", "#register-oauth-error", "had expired or was already used")
		var slot string
		run(t, r.ctx, "reading the header", chromedp.Evaluate(`document.querySelector("#account-slot").textContent`, &slot))
		if strings.Contains(slot, "Signed in") {
			t.Fatalf("a used code signed the reader in: %q", slot)
		}
	})

	t.Run("the sign-in service is unreachable", func(t *testing.T) {
		choose()
		// A fresh registration is needed, so the page must reach it.
		run(t, r.ctx, "forgetting the app ID", chromedp.Evaluate(`localStorage.removeItem("hellomatrix.live/oauth-clients")`, nil))
		if err := sc.as.Down(); err != nil {
			t.Fatal(err)
		}
		r.click("Create an account on …", "#register-oauth-go")
		r.text("the reader is told", "#register-oauth-error", "could not reach the sign-in service")
		r.wait("still in the chapter", `location.href.startsWith(`+jsString(sc.site.URL+registerPath)+`)`)
		if err := sc.as.Up(); err != nil {
			t.Fatal(err)
		}
		r.click("trying again once it is back", "#register-oauth-go")
		waitAcross(r, "the server's sign-up page", `location.href.startsWith(`+jsString(sc.as.URL)+`)`)
	})

	t.Run("a server that refuses a web page on plain http", func(t *testing.T) {
		sc.as.SetStrictClientPolicy(true)
		defer sc.as.SetStrictClientPolicy(false)
		choose()
		run(t, r.ctx, "forgetting the app ID", chromedp.Evaluate(`localStorage.removeItem("hellomatrix.live/oauth-clients")`, nil))
		r.click("Create an account on …", "#register-oauth-go")
		r.text("the reader is told what works", "#register-oauth-error", "only accepts apps served over https")
		r.text("and what to do", "#register-oauth-error", "Open the guide from its https address")
		r.screenshot("oauth-insecure", "#register-oauth")
	})
}

// keptClientID is the app ID the page keeps for sc's server and redirect.
func keptClientID(t *testing.T, r *reader, sc *oauthScenario, redirect string) string {
	t.Helper()
	var ids string
	run(t, r.ctx, "reading the app IDs", chromedp.Evaluate(`localStorage.getItem("hellomatrix.live/oauth-clients") || "{}"`, &ids))
	var byKey map[string]string
	json.Unmarshal([]byte(ids), &byKey)
	clientID := byKey[sc.as.URL+" "+redirect]
	if clientID == "" {
		t.Fatalf("no app ID kept for %s in %s", redirect, ids)
	}
	return clientID
}

// replayTrip writes a note of a trip for state into the page's storage, as
// StartOAuth writes it, for the client the page registered.
func replayTrip(t *testing.T, r *reader, sc *oauthScenario, clientID, state, redirect string) {
	t.Helper()
	trip, _ := json.Marshal(map[string]any{
		"homeserver_url": sc.hs.URL, "issuer": sc.as.URL, "token_endpoint": sc.as.URL + "oauth2/token",
		"client_id": clientID, "redirect_uri": redirect, "device_id": "REPLAYED00", "state": state,
		"code_verifier": "not-the-verifier-but-the-code-is-spent-anyway-000000000", "server": strings.TrimPrefix(sc.hs.URL, "http://"),
		"started": time.Now().UTC().Format(time.RFC3339),
	})
	run(t, r.ctx, "noting the trip again", chromedp.Evaluate(`localStorage.setItem("hellomatrix.live/oauth", `+jsString(string(trip))+`)`, nil))
}

// With access tokens that last 60 s, 20 messages sent over 3 minutes are
// all delivered once, and the reader never sees the renewals: no sign-in
// prompt, no error, while the saved tokens change underneath.
func TestLiveOAuthShortTokens(t *testing.T) {
	sc := startOAuthScenario(t)
	sc.as.SetAccessTokenTTL(60 * time.Second)
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	name := uniqueName("oauthshort")
	userID := "@" + name + ":" + sc.hs.ServerName

	r := newReader(t, 1280, 900, "oauth-short")
	openSignUpOn(t, r, sc.site, sc.hs.URL)
	r.click("Create an account on …", "#register-oauth-go")
	sc.onServerPage(r, name, "a long and careful password", true, sc.site.URL+registerPath)
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	first := readSession(r)

	run(t, r.ctx, "opening Your first message", chromedp.Navigate(sc.site.URL+messagePath), waitForApp())
	r.fill("typing the room's address", "#fm-room", sc.alias)
	r.click("joining it", "#fm-join")
	r.text("the room is open", ".live-room-name", sc.alias)
	var bodies []string
	tokens := map[string]bool{first.AccessToken: true}
	for i := 1; i <= 20; i++ {
		body := fmt.Sprintf("short-lived tokens, message %d of 20", i)
		bodies = append(bodies, body)
		r.fill("writing a message", "#fm-message", body)
		r.click("sending it", "#fm-send")
		ownLine := `[...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(body) + `)`
		r.wait("the message is confirmed", `(() => { const l = `+ownLine+`; return !!l && l.querySelector(".message-state").dataset.state === "sent"; })()`)
		tokens[readSession(r).AccessToken] = true
		time.Sleep(9 * time.Second) // 20 × 9 s: three minutes, three lifetimes
	}
	var shown string
	run(t, r.ctx, "reading the live client", chromedp.Evaluate(`[...document.querySelectorAll("section.live-client")].map(b => b.innerText).join("\n")`, &shown))
	for _, bad := range []string{"sign in again", "expired", "Something unexpected"} {
		if strings.Contains(shown, bad) {
			t.Errorf("the reader saw %q:\n%s", bad, shown)
		}
	}
	if len(tokens) < 3 {
		t.Errorf("the page used %d access tokens over three minutes of 60-second tokens; renewals did not happen", len(tokens))
	}
	fmt.Printf("oauth_short_tokens_messages: 20\noauth_short_tokens_access_tokens_used: %d\n", len(tokens))
	sc.peerFinds(t, sc.alias, userID, strings.Join(bodies, "\n"))
}

// The exported site signs in through OAuth as well: the way back is the
// chapter's address under the export's base path.
func TestLiveOAuthFromStaticExport(t *testing.T) {
	sc := startOAuthScenario(t)
	const base = "/hello-matrix"
	host := exportedSite(t, base)
	name := uniqueName("oauthstatic")
	sc.signedIn(t, name, true) // an account made elsewhere
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	back := host.URL + base + loginPath
	r := newReader(t, 1280, 900, "oauth-static")
	run(t, r.ctx, "opening Logging in in the export", chromedp.Navigate(back), waitForApp())
	r.fill("typing the server", "#login-server", strings.TrimPrefix(sc.hs.URL, "http://"))
	r.click("Sign in on …", "#login-oauth-go")
	sc.onServerPage(r, name, "the password of "+name, false, back)
	r.text("signed in", "#account-slot", "Signed in as @"+name+":"+sc.hs.ServerName)
	noOAuthAnswerLeft(r)
}

// peerFinds has matrix-js-sdk, signed in through the same authorization
// server as a new user, join alias and find each of the bodies (one per
// line) from sender there exactly once.
func (sc *oauthScenario) peerFinds(t *testing.T, alias, sender, bodies string) {
	t.Helper()
	tok := sc.signedIn(t, synapsetest.UniqueName("jspeer"), true)
	runPeer(t, "HM_HOMESERVER="+sc.hs.URL, "HM_ACCESS_TOKEN="+tok.AccessToken,
		"HM_MODE=room", "HM_ROOM="+alias, "HM_EXPECT="+bodies, "HM_SENDER="+sender)
}

// whoAmIStatus is Synapse's status for GET /account/whoami with token.
func whoAmIStatus(t *testing.T, hsURL, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, hsURL+"/_matrix/client/v3/account/whoami", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// refreshStatus tries a refresh token at the token endpoint, as the page
// would, and returns the status and OAuth error code.
func refreshStatus(t *testing.T, tokenEndpoint, clientID, refresh string) (int, string) {
	t.Helper()
	res, err := http.PostForm(tokenEndpoint, url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}, "client_id": {clientID}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct {
		Error string `json:"error"`
	}
	json.NewDecoder(res.Body).Decode(&body)
	return res.StatusCode, body.Error
}
