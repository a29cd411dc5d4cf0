//go:build !js

package oauthserver_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"hellomatrix/internal/oauthserver/oauthtest"
)

// The pages as a reader meets them in a real Chromium, from a web client on
// http loopback (what make run serves): sign-up with the link from the
// sign-in page, back at the app with the code and state, and Cancel on an
// empty form going back as access_denied.
func TestPagesInChromium(t *testing.T) {
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Fatalf("Chromium is needed at %s for this test: run apt-get install -y chromium", chromium)
	}
	p := oauthtest.Shared(t)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("<!doctype html><title>app</title><p>back at the app</p>"))
	}))
	defer app.Close()
	redirect := app.URL + "/chapters/live"
	ctx := ctxFor(t)
	m, err := oauthtest.Discover(ctx, p.AS.URL)
	if err != nil {
		t.Fatal(err)
	}
	meta := webClient(app.URL)
	meta["redirect_uris"] = []string{redirect}
	id, err := oauthtest.Register(ctx, m.RegistrationEndpoint, meta)
	if err != nil {
		t.Fatal(err)
	}
	c := oauthtest.NewClient(m, id, redirect)

	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium), chromedp.NoSandbox, chromedp.Flag("disable-quic", true))...)
	defer cancelAlloc()
	bctx, cancelTab := chromedp.NewContext(actx)
	defer cancelTab()
	bctx, cancel := context.WithTimeout(bctx, 2*time.Minute)
	defer cancel()

	authorizeURL := func(state, verifier, prompt string) string {
		q := url.Values{"client_id": {id}, "response_type": {"code"}, "redirect_uri": {redirect},
			"scope": {"urn:matrix:client:api:* urn:matrix:client:device:" + oauthtest.Random(12)}, "state": {state},
			"code_challenge": {oauthtest.Challenge(verifier)}, "code_challenge_method": {"S256"}, "response_mode": {"query"}}
		if prompt != "" {
			q.Set("prompt", prompt)
		}
		return m.AuthorizationEndpoint + "?" + q.Encode()
	}
	// backAtApp waits until the tab has left the stand-in for the app and
	// returns the redirect's parameters.
	backAtApp := func() url.Values {
		t.Helper()
		// The stand-in's own pages have a "body > p" too: wait for the
		// address to be the app's, not for an element, or a click that
		// has not yet left the page passes for one that came back.
		var loc string
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if err := chromedp.Run(bctx, chromedp.Location(&loc)); err == nil && strings.HasPrefix(loc, redirect+"?") {
				break
			}
		}
		if err := chromedp.Run(bctx, chromedp.WaitVisible("body > p"), chromedp.Location(&loc)); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(loc)
		if !strings.HasPrefix(loc, redirect+"?") {
			t.Fatalf("ended at %s, not the app", loc)
		}
		return u.Query()
	}

	name, verifier := oauthtest.UniqueName("chromium"), oauthtest.Random(32)
	var heading string
	if err := chromedp.Run(bctx,
		chromedp.Navigate(authorizeURL("st-1", verifier, "")),
		chromedp.WaitVisible("#signup-link"),
		chromedp.Click("#signup-link"),
		chromedp.WaitVisible("#password2"),
		chromedp.Text("h1", &heading),
		chromedp.SendKeys("#username", name),
		chromedp.SendKeys("#password", "a long password"),
		chromedp.SendKeys("#password2", "a long password"),
		chromedp.Click("#submit"),
	); err != nil {
		t.Fatal(err)
	}
	if heading != "Create an account" {
		t.Fatalf("the sign-up link led to %q", heading)
	}
	back := backAtApp()
	if back.Get("state") != "st-1" || back.Get("code") == "" {
		t.Fatalf("back with %v", back)
	}
	tok, err := c.Exchange(ctx, back.Get("code"), verifier)
	if err != nil {
		t.Fatal(err)
	}
	wantWhoami(t, p, tok.AccessToken, p.UserID(name), tok.DeviceID)

	if err := chromedp.Run(bctx,
		chromedp.Navigate(authorizeURL("st-2", oauthtest.Random(32), "")),
		chromedp.WaitVisible("#cancel"),
		chromedp.Click("#cancel"),
	); err != nil {
		t.Fatal(err)
	}
	if back := backAtApp(); back.Get("error") != "access_denied" || back.Get("state") != "st-2" {
		t.Fatalf("cancel came back with %v", back)
	}
}
