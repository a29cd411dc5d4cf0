package browsertest

import (
	"net/url"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

// When the homeserver cannot be reached, a message says so and offers
// Retry; Retry sends it once it can, under the same transaction ID, so it
// is in the room exactly once. A message still on its way when the page is
// reloaded is kept in the outbox and sent after the reload.
func TestLiveUnsentMessagesAreRetriedAndResumed(t *testing.T) {
	p := startPractice(t)
	r := newReader(t, 1280, 900, "outbox")
	name := uniqueName("dana")
	userID := p.newUser(t, name, "dana's long password")
	loginPath, _ := chapterPath(t, pages.WidgetLogin)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	hs, err := url.Parse(p.SB.HS.URL)
	if err != nil {
		t.Fatal(err)
	}
	// Requests to the homeserver fail as if it were down (by any name: the
	// browser may reach it as localhost or 127.0.0.1); the guide itself
	// still loads.
	cutOff := network.SetBlockedURLs([]string{"*:" + hs.Port() + "/*"})
	reconnect := network.SetBlockedURLs([]string{})

	run(t, r.ctx, "opening Logging in", chromedp.Navigate(p.Site.URL+loginPath), waitForApp(), network.Enable())
	r.fill("typing the user ID", "#login-user", userID)
	r.fill("typing the password", "#login-password", "dana's long password")
	r.click("logging in", "#login-submit")
	r.text("signed in", ".live-success", "You are signed in")
	run(t, r.ctx, "opening Your first message", chromedp.Navigate(p.Site.URL+messagePath), waitForApp())
	r.click("joining #welcome", "#fm-join-welcome")
	r.text("the room is open", ".live-room-name", p.Info.WelcomeAlias)

	line := func(body string) string {
		return `[...document.querySelectorAll(".live-line.own")].find(l => l.querySelector(".live-line-body").textContent === ` + jsString(body) + `)`
	}
	stateIs := func(body, state string) string {
		return `(() => { const l = ` + line(body) + `; return !!l && l.querySelector(".message-state").dataset.state === "` + state + `"; })()`
	}

	first := "Is anyone there?"
	run(t, r.ctx, "losing the server", cutOff)
	r.fill("writing", "#fm-message", first)
	r.click("sending", "#fm-send")
	r.wait("it is being sent", stateIs(first, "sending"))
	// The core tries for a few seconds before it gives up.
	r.wait("it could not be sent", stateIs(first, "failed"))
	r.text("the reason is given", ".live-line-failed .live-error", "Could not reach")
	r.screenshot("failed", ".live-line-failed")

	run(t, r.ctx, "getting the server back", reconnect)
	r.click("retrying", ".live-line-failed button")
	r.wait("now it is sent", stateIs(first, "sent"))

	second := "Still here after a reload?"
	run(t, r.ctx, "losing the server again", cutOff)
	r.fill("writing again", "#fm-message", second)
	r.click("sending", "#fm-send")
	r.wait("it is being sent", stateIs(second, "sending"))
	run(t, r.ctx, "reloading while it is on its way", chromedp.Reload(), waitForApp())
	r.wait("the outbox kept it", `!!`+line(second))
	r.screenshot("kept-after-reload", ".live-lines")
	run(t, r.ctx, "getting the server back", reconnect)
	r.wait("it went out after all", stateIs(second, "sent"))

	peer := uniqueName("jspeer")
	p.newUser(t, peer, "peer password")
	for _, body := range []string{first, second} {
		runPeer(t,
			"HM_HOMESERVER="+p.SB.HS.URL, "HM_USER="+peer, "HM_PASSWORD=peer password",
			"HM_MODE=room", "HM_ROOM="+p.Info.WelcomeAlias,
			"HM_EXPECT="+body, "HM_SENDER="+userID)
	}
}
