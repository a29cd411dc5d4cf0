package browsertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// TestLiveJourneyInEveryLanguage: in each language a newcomer goes from
// that language's landing page to a sent first message on the practice
// server, finding every field and button only by the words the page shows
// in that language (the catalog's, as the guide's own files have them),
// then mistypes their password in the log-in chapter and is told so in
// that language.
func TestLiveJourneyInEveryLanguage(t *testing.T) {
	p := startPractice(t)
	for _, l := range pages.Languages {
		t.Run(l.Code, func(t *testing.T) {
			w := words.For(l.Code)
			if w.Language() != l.Code {
				t.Fatalf("the guide has no catalog for %s", l.Code)
			}
			r := newReader(t, 1280, 900, "journey-"+l.Code)
			name := uniqueName("lang" + l.Code)
			userID := "@" + name + ":" + p.Info.ServerName
			const box = `section.live-client[data-widget=quick-start]`

			run(t, r.ctx, "landing on the "+l.Name+" guide", chromedp.Navigate(p.Site.URL+l.Localize("/")), waitForApp())
			r.wait("the page is in "+l.Code, `document.documentElement.lang === `+jsString(l.Code))
			r.fill("typing a username", labelled(r, box, w.Say("live.register.username_label")), name)
			r.fill("typing a password", labelled(r, box, w.Say("live.form.password_label")), "a long practice password")
			r.click("creating the account", button(r, box, w.Say("live.register.submit")))
			r.text("the header says who is signed in", "#account-slot", w.Say("live.account.signed_in_as", "user", userID))
			r.fill("writing the first message", labelled(r, box, w.Say("live.chat.message_label")), firstMessage)
			r.click("sending it", button(r, box, w.Say("live.chat.send")))
			r.wait("the message is sent", `[...document.querySelectorAll(".live-line.own")].some(l => l.querySelector(".live-line-body").textContent === `+jsString(firstMessage)+` && l.querySelector(".message-state").dataset.state === "sent")`)

			r.click("logging out", button(r, "#account-slot", w.Say("live.account.log_out")))
			r.wait("signed out", `document.querySelector("#account-slot").children.length === 0`)
			login, _ := pages.BySlugIn(l.Code, "login")
			r.click("opening the log-in chapter from the landing page's list", link(r, ".chapter-list", login.Title))
			r.wait("the chapter", h1Expr(login.Title, login.Path()))
			const form = `section.live-client[data-widget=login]`
			r.fill("typing the user ID", labelled(r, form, w.Say("live.login.user_label")), userID)
			r.fill("typing a wrong password", labelled(r, form, w.Say("live.form.password_label")), "not the password")
			r.click("logging in", button(r, form, w.Say("live.login.submit")))
			r.text("the mistake is told in "+l.Name, form, w.Say("error.wrong_password"))
			r.screenshot("wrong-password", form)
		})
	}
}

// labelled is a selector for the control whose <label> inside scope says
// text: the test marks it (data-hm-test), as a person finds a field by
// its label.
func labelled(r *reader, scope, text string) string {
	r.t.Helper()
	return mark(r, "field "+text, `(() => {
		const label = [...document.querySelectorAll(`+jsString(scope+" label")+`)].find(l => l.textContent.trim() === `+jsString(text)+`);
		return label && document.getElementById(label.htmlFor);
	})()`)
}

// button is a selector for the button inside scope that says text.
func button(r *reader, scope, text string) string {
	r.t.Helper()
	return mark(r, "button "+text, `[...document.querySelectorAll(`+jsString(scope+" button")+`)].find(b => b.textContent.trim() === `+jsString(text)+`)`)
}

// link is a selector for the link inside scope that says text (a chapter
// list's link also shows the chapter's number: its title is what counts).
func link(r *reader, scope, text string) string {
	r.t.Helper()
	return mark(r, "link "+text, `[...document.querySelectorAll(`+jsString(scope+" a")+`)].find(a => (a.querySelector(".chapter-list-title") || a).textContent.trim() === `+jsString(text)+`)`)
}

// mark waits for the element find returns and gives it a data-hm-test
// attribute to select it by.
func mark(r *reader, what, find string) string {
	r.t.Helper()
	id := strings.NewReplacer(" ", "-", "\"", "").Replace(uniqueName("m"))
	r.wait("finding the "+what, `(() => { const e = `+find+`; if (!e) return false; e.dataset.hmTest = `+jsString(id)+`; return true; })()`)
	return `[data-hm-test="` + id + `"]`
}
