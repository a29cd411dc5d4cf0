package browsertest

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// A reader with the guide open in two tabs logs out in one: the other tab
// notices at once (the browser's storage event), shows the signed-out
// state in its header and its widget, and stops using the dead token.
func TestLiveLogoutReachesOtherTabs(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "tab1")
	name := uniqueName("erin")
	userID := p.newUser(t, name, "erin's long password")
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp())
	r.fill("typing the user ID", "#login-user", userID)
	r.fill("typing the password", "#login-password", "erin's long password")
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in")
	var stored string
	run(t, r.ctx, "reading the saved session", chromedp.Evaluate(`localStorage.getItem("hellomatrix.session") || ""`, &stored))
	var sess struct {
		AccessToken string `json:"access_token"`
	}
	if err := json.Unmarshal([]byte(stored), &sess); err != nil || sess.AccessToken == "" {
		t.Fatalf("no session in localStorage while signed in: %q", stored)
	}

	// A second tab of the same browser: same origin, same localStorage.
	tab2Ctx, closeTab2 := chromedp.NewContext(r.ctx)
	defer closeTab2()
	tab2 := &reader{t: t, ctx: tab2Ctx, shots: r.shots, prefix: "tab2"}
	uses := watchTokenUse(t, tab2Ctx, sess.AccessToken)
	run(t, tab2Ctx, "opening Your first message in a second tab", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	tab2.text("tab 2 is signed in too", "#account-slot", "Signed in as "+userID)
	tab2.text("tab 2's widget offers rooms", ".live-widget", "You are signed in as "+userID)
	// Its sync loop is running with the token before the logout, so the
	// watch below is not blind.
	deadline := time.Now().Add(30 * time.Second)
	for uses.count(time.Time{}) == 0 && time.Now().Before(deadline) {
		time.Sleep(100 * time.Millisecond)
	}
	if uses.count(time.Time{}) == 0 {
		t.Fatal("tab 2 made no request with the token while signed in; the network watch seems blind")
	}

	// Tab 2 must learn of the logout from tab 1, not from the server: its
	// sync would otherwise race the storage event and get a 401 first. So
	// tab 2 stops hearing from the homeserver (requests still start, and
	// are still seen by the watch, but fail).
	hs, err := url.Parse(p.SB.HS.URL)
	if err != nil {
		t.Fatal(err)
	}
	run(t, tab2Ctx, "cutting tab 2 off the homeserver", network.SetBlockedURLs([]string{"*:" + hs.Port() + "/*"}))

	// Back to tab 1: a tab in the background gets no animation frames,
	// which clicking waits for.
	run(t, r.ctx, "switching to tab 1", page.BringToFront())
	r.click("logging out in tab 1", "#logout")
	r.wait("tab 1 is signed out", `document.querySelector("#account-slot").children.length === 0`)
	loggedOut := time.Now()

	// Bounded: the storage event arrives within milliseconds; 5 s leaves
	// room for a slow machine, not for polling the server.
	signedOut := `(() => {
		const slot = document.querySelector("#account-slot");
		const w = document.querySelector(".live-widget");
		return !!slot && slot.children.length === 0 && !slot.textContent.includes("Signed in as") &&
			!!w && w.textContent.includes("sign in first") && w.textContent.includes("another tab");
	})()`
	// The reader goes back to tab 2 (a background tab would be throttled).
	run(t, tab2Ctx, "switching to tab 2", page.BringToFront())
	eventually(t, tab2Ctx, "tab 2 shows the signed-out state", signedOut, 5*time.Second)
	noticed := time.Now()
	t.Logf("tab 2 noticed the logout %s after tab 1 finished it", noticed.Sub(loggedOut).Round(time.Millisecond))
	tab2.screenshot("signed-out-elsewhere", ".live-widget")

	// Nothing more goes out with the dead token: give a stray sync retry
	// time to show up.
	time.Sleep(3 * time.Second)
	if n := uses.count(noticed); n != 0 {
		t.Errorf("tab 2 made %d requests with the old token after showing the signed-out state", n)
	}
}

// tokenUse records when a tab sent a request carrying a given access token.
type tokenUse struct {
	mu    sync.Mutex
	times []time.Time
}

func watchTokenUse(t *testing.T, ctx context.Context, token string) *tokenUse {
	t.Helper()
	u := &tokenUse{}
	chromedp.ListenTarget(ctx, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok {
			return
		}
		for k, v := range e.Request.Headers {
			if strings.EqualFold(k, "Authorization") && strings.Contains(toString(v), token) {
				u.mu.Lock()
				u.times = append(u.times, time.Now())
				u.mu.Unlock()
			}
		}
	})
	run(t, ctx, "watching the network", network.Enable())
	return u
}

// count is how many requests used the token at or after since.
func (u *tokenUse) count(since time.Time) int {
	u.mu.Lock()
	defer u.mu.Unlock()
	n := 0
	for _, at := range u.times {
		if !at.Before(since) {
			n++
		}
	}
	return n
}

func toString(v any) string {
	s, _ := v.(string)
	return s
}
