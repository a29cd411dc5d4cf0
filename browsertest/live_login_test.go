package browsertest

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// Someone with an account logs in with a password, both ways the form
// takes: the bare username on the server chosen earlier in the guide (the
// server field follows the picker), and, after logging out, the full user
// ID alone (the server comes from it). A wrong password first gets the
// server's refusal as a plain sentence under the password field. Each time
// the header shows who is signed in and the server confirms that the
// session the page keeps is that user's. On Synapse the server was typed
// into the picker; on the practice Dendrite the picker has it already.
func TestLiveLogIn(t *testing.T) {
	for _, hs := range []struct {
		name  string
		start func(*testing.T) *journeyServer
	}{{"synapse", typedLoginServer}, {"dendrite", practiceJourneyServer}} {
		t.Run(hs.name, func(t *testing.T) { passwordLogIn(t, hs.start(t)) })
	}
}

// typedLoginServer is the shared Synapse, which the reader types into the
// picker, and the guide without a practice server.
func typedLoginServer(t *testing.T) *journeyServer {
	s := sharedSynapse(t)
	return &journeyServer{
		kind: "synapse", site: startServer(t), hsURL: s.URL, serverName: s.ServerName,
		newUser: func(t *testing.T, name, password string) string { return synapseUser(t, s, name, password) },
	}
}

func passwordLogIn(t *testing.T, js *journeyServer) {
	name := uniqueName("dana")
	const password = "dana's long password"
	userID := js.newUser(t, name, password)
	pickerPath, _ := chapterPath(t, pages.WidgetServerPicker)
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	r := newReader(t, 1280, 900, "login-"+js.kind)

	// Earlier in the guide the reader chose the server (the journey counts
	// that); here it only sets the scene.
	run(t, r.ctx, "opening Choosing a homeserver", chromedp.Navigate(js.site.URL+pickerPath), waitForApp())
	if !js.practice {
		run(t, r.ctx, "choosing to type a server", setSelect("picker-server", "__other__"))
		r.fill("typing the server's address", "#picker-other", hostPort(js.hsURL))
		r.click("checking it", "#picker-other-check")
	}
	r.text("it is checked", "#picker-verdict", "You can create an account right here.")

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(js.site.URL+loginPath), waitForApp())
	r.wait("the server field shows the chosen server", `document.querySelector("#login-server").value === `+jsString(js.serverName))
	r.fill("typing the username", "#login-user", name)
	r.fill("typing a wrong password", "#login-password", "not the password")
	r.click("logging in", "#login-submit")
	r.text("wrong password, under the password", "#login-password-error", "The username or password is not right.")
	r.wait("the field is marked", `document.querySelector("#login-password").getAttribute("aria-invalid") === "true"`)
	r.wait("the username is kept", `document.querySelector("#login-user").value === `+jsString(name))
	r.screenshot("wrong-password", "#login-form")

	r.interactions.Store(0) // the path itself: username, password, log in
	r.fill("typing the username", "#login-user", name)
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	reportInteractions(t, "log in: bare username, on the chosen server (from Logging in)", js.kind, r.interactions.Load())
	sessionIsFor(t, r, js.hsURL, userID)
	r.screenshot("logged-in-username", "section.live-client")

	r.click("logging out", "#logout")
	r.wait("signed out", `document.querySelector("#account-slot").children.length === 0`)
	run(t, r.ctx, "opening Logging in again", chromedp.Navigate(js.site.URL+loginPath), waitForApp())
	r.interactions.Store(0) // the path itself: user ID, password, log in
	r.fill("typing the full user ID", "#login-user", userID)
	r.text("the server comes from it", "#login-server-hint", "Taken from your user ID.")
	r.fill("typing the password", "#login-password", password)
	r.click("logging in", "#login-submit")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	reportInteractions(t, "log in: full user ID (from Logging in)", js.kind, r.interactions.Load())
	sessionIsFor(t, r, js.hsURL, userID)
}

// sessionIsFor checks that the session the page keeps belongs to userID on
// the server at hsURL, asking the server itself.
func sessionIsFor(t *testing.T, r *reader, hsURL, userID string) {
	t.Helper()
	var stored string
	run(t, r.ctx, "reading the saved session", chromedp.Evaluate(`localStorage.getItem("hellomatrix.session") || ""`, &stored))
	var sess struct {
		HomeserverURL string `json:"homeserver_url"`
		AccessToken   string `json:"access_token"`
	}
	if err := json.Unmarshal([]byte(stored), &sess); err != nil || sess.AccessToken == "" {
		t.Fatalf("no session in localStorage after logging in: %q", stored)
	}
	if sess.HomeserverURL != hsURL {
		t.Errorf("the session is for %s, want %s", sess.HomeserverURL, hsURL)
	}
	req, _ := http.NewRequest(http.MethodGet, hsURL+"/_matrix/client/v3/account/whoami", nil)
	req.Header.Set("Authorization", "Bearer "+sess.AccessToken)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var who struct {
		UserID string `json:"user_id"`
	}
	json.NewDecoder(res.Body).Decode(&who)
	if res.StatusCode != http.StatusOK || who.UserID != userID {
		t.Errorf("Synapse says the kept session is %q (%s), want %s", who.UserID, res.Status, userID)
	}
}
