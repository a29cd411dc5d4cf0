package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"hellomatrix/internal/recaptchadouble"
	"hellomatrix/internal/synapse"
	"hellomatrix/internal/synapse/synapsetest"
	"hellomatrix/pages"
)

// A newcomer on a real Synapse that wants a captcha: the guide opens the
// server's own captcha page in a new tab; there the puzzle is solved (the
// test puts the token where Google's widget would, as the widget cannot
// load offline, and the loopback stand-in verifier accepts it); back in the
// guide, "continue" finishes the same sign-up, and a first message follows,
// which matrix-js-sdk finds exactly once.
func TestLiveSignUpWithCaptchaOnSynapse(t *testing.T) {
	verifier, err := recaptchadouble.Start("captcha-secret")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { verifier.Stop() })
	hs := synapsetest.Start(t, synapse.Options{
		Recaptcha: &synapse.Recaptcha{PrivateKey: verifier.Secret, SiteverifyURL: verifier.URL},
	})
	alias := publicRoomOn(t, hs, "captchahello")
	site := startServer(t)
	registerPath, _ := chapterPath(t, pages.WidgetRegister)
	messagePath, _ := chapterPath(t, pages.WidgetFirstMessage)
	hsAddr := strings.TrimPrefix(hs.URL, "http://")
	name := uniqueName("captcha")
	userID := "@" + name + ":" + hs.ServerName
	r := newReader(t, 1280, 900, "captcha")

	run(t, r.ctx, "opening Creating an account", chromedp.Navigate(site.URL+registerPath), waitForApp())
	r.interactions.Add(1)
	run(t, r.ctx, "choosing to type a server", setSelect("register-server", "__other__"))
	r.fill("typing the server", "#register-other", hsAddr)
	r.click("checking it", "#register-other-check")
	r.text("what the server asks", "#register-verdict", "asks for a captcha")
	r.fill("choosing a username", "#register-username", name)
	r.fill("choosing a password", "#register-password", "a long practice password")
	r.click("creating the account", "#register-submit")
	r.text("the server's own page comes next", ".live-step", "check that you are a person")
	r.screenshot("captcha-step", ".live-step")

	// Continuing before solving it keeps the reader on that step (a slip,
	// not counted).
	run(t, r.ctx, "continuing too early", clickSteady("#register-continue"))
	r.text("still waiting", ".live-step", "not finished yet")

	opened := chromedp.WaitNewTarget(r.ctx, func(i *target.Info) bool {
		return strings.Contains(i.URL, "/_matrix/client/v3/auth/m.login.recaptcha/fallback/web?session=")
	})
	r.click("opening the server's page (new tab)", ".live-step a")
	tab, closeTab := chromedp.NewContext(r.ctx, chromedp.WithTargetID(<-opened))
	defer closeTab()
	// Attach to the tab without a deadline: chromedp ties a tab to the
	// context of the first Run on it.
	run(t, tab, "switching to the new tab")
	waitAcrossIn(t, tab, "Synapse's captcha page", `!!document.querySelector("#registrationForm .g-recaptcha")`)
	// Solving the puzzle: what Google's widget does once a person has
	// (its token in g-recaptcha-response, then the page's own callback).
	r.interactions.Add(1)
	run(t, tab, "solving the captcha",
		chromedp.Evaluate(`(() => {
			const f = document.getElementById("registrationForm");
			const a = document.createElement("textarea");
			a.name = "g-recaptcha-response"; a.value = `+jsString(verifier.Solve())+`;
			a.style.display = "none"; f.appendChild(a);
			setTimeout(captchaDone, 0); // after this evaluation returns: it leaves the page
		})()`, nil))
	waitAcrossIn(t, tab, "Synapse thanks the reader", `document.body && document.body.innerText.includes("Thank you")`)
	if v, refused := verifier.Counts(); v != 1 || refused != 0 {
		t.Fatalf("the verifier accepted %d and refused %d answers, want 1 and 0", v, refused)
	}
	closeTab()

	r.click("I've finished there — continue", "#register-continue")
	r.text("the account is ready", ".live-success", "is ready")
	r.text("signed in", "#account-slot", "Signed in as "+userID)
	signUp := r.interactions.Load()
	writeFirstMessageIn(r, messagePath, alias)
	total := r.interactions.Load()
	reportInteractions(t, "captcha: name, password, the server's captcha page (from Creating an account, server typed)", "synapse", signUp)
	reportInteractions(t, "captcha, to the first message (from Creating an account, server typed)", "synapse", total)
	t.Logf("interactions: %d to be signed up past the captcha (1 of them solving it), %d to the first message", signUp, total)
	peerFinds(t, hs, alias, userID)
}
