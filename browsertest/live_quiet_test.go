package browsertest

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"maunium.net/go/mautrix"

	"hellomatrix/internal/faultproxy"
	"hellomatrix/pages"
)

// quietBacklog is how many messages #welcome holds before the newcomer
// arrives: a practice server that has been up a while.
const quietBacklog = 500

// quietIdle is how long the reader then does nothing at least: longer than
// one sync long poll (30 s) and the slowed answers around it; quietAfter
// how long at least after the failed poll.
const (
	quietIdle  = 40 * time.Second
	quietAfter = 15 * time.Second
)

// A reader signs in on a practice server whose #welcome holds 500
// messages, through a server that answers every request late (up to 1.5
// s), opens #welcome and then does nothing. Slow answers, long polls that
// come back empty, history loading in the background and even one poll
// that fails outright (a 502, 503 or 504 from the way) are not failures the reader
// must hear of: no error sentence and no "Reconnecting…" may appear at any
// moment (a watcher in the page records every one that shows, however
// briefly). Then the connection really goes: the box says it is
// reconnecting, and once the server is back it clears the note by itself
// and a message goes out.
func TestLiveQuietWhileNothingFails(t *testing.T) {
	p := startPractice(t)
	fillWelcome(t, p, quietBacklog)
	name := uniqueName("quinn")
	p.newUser(t, name, "quinn's long password")

	// The browser → a front without .well-known → a proxy that slows
	// everything → a proxy that fails one sync when armed → Dendrite.
	var armed atomic.Bool
	blip, err := faultproxy.Start(faultproxy.Config{
		Target: p.SB.HS.URL, Seed: 5, Rates: faultproxy.Rates{ServerError: 1},
		Match: func(req *http.Request) bool {
			return strings.Contains(req.URL.Path, "/sync") && armed.CompareAndSwap(true, false)
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { blip.Close() })
	slow, err := faultproxy.Start(faultproxy.Config{
		Target: blip.URL, Seed: 3, Rates: faultproxy.Rates{Latency: 1}, MaxLatency: 1500 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { slow.Close() })
	front := withoutWellKnown(t, slow.URL)

	r := newReader(t, 1280, 900, "quiet")
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp(), network.Enable())
	run(t, r.ctx, "watching for alarms", chromedp.Evaluate(alarmWatcher, nil))
	r.fill("typing the username", "#login-user", name)
	r.fill("typing the slow server's address", "#login-server", front)
	r.fill("typing the password", "#login-password", "quinn's long password")
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in")
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	run(t, r.ctx, "watching for alarms on this page too", chromedp.Evaluate(alarmWatcher, nil))
	r.click("joining #welcome", "#fm-join-welcome")
	r.text("the backlog is shown", ".live-lines", fmt.Sprintf("Backlog message %d of %d", quietBacklog, quietBacklog))

	// The reader reads; meanwhile one poll fails as a dropped connection
	// would, which is routine on any network.
	// The poll under way when it is armed answers first (30 s and the
	// delays), so the failure comes within a minute or so on a busy
	// machine; after it the reader reads on a while longer, with the poll
	// tried again and the time an alarm would have taken to show.
	idle := time.Now()
	armed.Store(true)
	for armed.Load() && time.Since(idle) < 2*time.Minute {
		time.Sleep(100 * time.Millisecond)
	}
	if n := blip.Counts().Faults[faultproxy.ServerError]; n != 1 || armed.Load() {
		t.Fatalf("%d sync requests were failed in %s (still armed: %t), want 1: the test did not do what it says", n, time.Since(idle).Round(time.Second), armed.Load())
	}
	time.Sleep(max(quietAfter, quietIdle-time.Since(idle)))
	var alarms []string
	run(t, r.ctx, "reading what the page said meanwhile", chromedp.Evaluate(`window.hmAlarms`, &alarms))
	if len(alarms) > 0 {
		t.Errorf("with nothing failed, the page showed %d alarm(s): %q", len(alarms), alarms)
	}
	r.screenshot("quiet", ".live-chat")

	// Now the connection really goes.
	_, port, _ := strings.Cut(front, ":")
	run(t, r.ctx, "losing the connection", network.SetBlockedURLs([]string{"*:" + port + "/*"}))
	// The long poll under way when the line went still answers; the next
	// ones fail.
	r.text("the box says it is reconnecting", "#chat-connection", "Reconnecting")
	r.screenshot("reconnecting", ".live-chat")
	run(t, r.ctx, "getting the connection back", network.SetBlockedURLs([]string{}))
	r.wait("the note goes by itself", `!document.querySelector("#chat-connection")`)
	body := "Back again " + name
	r.fill("writing", "#fm-message", body)
	r.click("sending", "#fm-send")
	r.wait("it is sent", `[...document.querySelectorAll(".live-line.own")].some(l => l.querySelector(".live-line-body").textContent === `+jsString(body)+` && l.querySelector(".message-state").dataset.state === "sent")`)
}

// alarmWatcher records, in window.hmAlarms, the text of every error
// sentence or connection note the live boxes show, the moment it appears.
const alarmWatcher = `(() => {
	window.hmAlarms = [];
	const seen = new Set();
	const look = () => {
		for (const el of document.querySelectorAll(".live-client .live-error, #chat-connection")) {
			const text = el.textContent.trim();
			if (text && !seen.has(text)) { seen.add(text); window.hmAlarms.push(text); }
		}
	};
	new MutationObserver(look).observe(document.body, {subtree: true, childList: true, characterData: true});
	look();
})()`

// fillWelcome has someone post n messages in the practice server's
// #welcome, straight to the server.
func fillWelcome(t *testing.T, p *practice, n int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	uid, token, _, err := p.SB.HS.RegisterUser(ctx, uniqueName("chatty"), "chatty's long password", false)
	if err != nil {
		t.Fatal(err)
	}
	c, err := mautrix.NewClient(p.SB.HS.URL, "", token)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.JoinRoom(ctx, p.Info.WelcomeAlias, nil); err != nil {
		t.Fatalf("%s joining %s: %v", uid, p.Info.WelcomeAlias, err)
	}
	for i := 1; i <= n; i++ {
		if _, err := c.SendText(ctx, p.SB.WelcomeRoom, fmt.Sprintf("Backlog message %d of %d", i, n)); err != nil {
			t.Fatalf("posting backlog message %d: %v", i, err)
		}
	}
}
