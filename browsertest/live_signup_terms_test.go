package browsertest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/synapse"
)

// termsHTML is the policy page the test's Synapse serves at
// /_matrix/consent (a Jinja2 template; the reader only ever sees its
// public version, from the link in the sign-up form).
const termsHTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>House rules</title></head>
<body><h1>House rules {{ version }}</h1><p>Be kind to each other on this practice server.</p></body></html>
`

// A newcomer signs up on a Synapse that wants its terms accepted
// (user_consent with require_at_registration, so every sign-up flow starts
// with m.login.terms): the form lists the policy by its name, linked to
// Synapse's own page for it in a new tab; going on without the tick says
// what is missing at the box; with it the account is made, and the first
// message reaches the room, where matrix-js-sdk finds it exactly once.
func TestLiveSignUpTermsOnSynapse(t *testing.T) {
	s := startSynapse(t, synapse.Options{Terms: &synapse.Terms{PolicyName: "House rules", HTML: termsHTML}})
	room, roomID := synapseRoom(t, s, "welcome")
	site := startServer(t)
	r := newReader(t, 1280, 900, "terms")
	name := uniqueName("terms")
	userID := "@" + name + ":" + s.ServerName

	openSignUpOn(t, r, site, s.URL)
	r.text("what the server asks", "#register-verdict", "after accepting the server's terms")
	r.text("the policy is listed by its name", ".live-terms li", "House rules")
	var link struct {
		Href   string `json:"href"`
		Target string `json:"target"`
	}
	run(t, r.ctx, "reading the policy's link", chromedp.Evaluate(`(() => { const a = document.querySelector(".live-terms a"); return { href: a.href, target: a.target }; })()`, &link))
	if want := s.URL + "/_matrix/consent?v=1.0"; link.Href != want || link.Target != "_blank" {
		t.Errorf("the policy links to %q (target %q), want Synapse's page %q in a new tab", link.Href, link.Target, want)
	}
	// The link leads to the policy itself, as Synapse serves it.
	res, err := http.Get(link.Href)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(page), "Be kind to each other") {
		t.Errorf("the policy's page answered %s:\n%s", res.Status, page)
	}
	r.screenshot("terms", ".live-terms")

	r.fill("choosing a username", "#register-username", name)
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.click("going on without ticking the box", "#register-submit")
	r.interactions.Add(-1) // a deliberate slip, not part of the path
	r.text("the box is asked for", "#register-terms-error", "tick the box")
	r.wait("the box is marked", `document.querySelector("#register-terms").getAttribute("aria-invalid") === "true"`)
	r.wait("nothing typed is lost", `document.querySelector("#register-username").value === `+jsString(name)+` && document.querySelector("#register-password").value !== ""`)
	r.screenshot("terms-not-ticked", ".live-terms")
	r.click("accepting the terms", "#register-terms")
	r.click("creating the account", "#register-submit")
	r.text("the account is ready", ".live-success", "is ready")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	reportInteractions(t, "terms: name, password, tick (from Creating an account, server typed)", "synapse", r.interactions.Load())
	if v := consentVersion(t, s, userID); v != "1.0" {
		t.Errorf("Synapse recorded consent to version %q of its terms for %s, want 1.0", v, userID)
	}

	firstMessageAfterSignUp(t, r, s, room, roomID, userID)
	reportInteractions(t, "terms, to the first message (from Creating an account, server typed)", "synapse", r.interactions.Load())
}

// consentVersion is the version of the terms Synapse recorded the user as
// having accepted ("" for none), from the admin API.
func consentVersion(t *testing.T, s *synapse.Server, userID string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := s.AdminToken(ctx)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/_synapse/admin/v2/users/"+url.PathEscape(userID), nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var user struct {
		ConsentVersion *string `json:"consent_version"`
	}
	if err := json.NewDecoder(res.Body).Decode(&user); err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("the admin API about %s answered %s (%v)", userID, res.Status, err)
	}
	if user.ConsentVersion == nil {
		return ""
	}
	return *user.ConsentVersion
}
