package browsertest

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"hellomatrix/app/words"
	"hellomatrix/pages"
)

// offerShown is true when the offer of the language with that code is on
// screen, and none of another.
func offerShown(code string) string {
	return `(() => {
		const shown = [...document.querySelectorAll(".lang-offer")].filter(o => o.getClientRects().length > 0).map(o => o.lang);
		return shown.length === 1 && shown[0] === ` + jsString(code) + `;
	})()`
}

const noOfferShown = `[...document.querySelectorAll(".lang-offer")].every(o => o.getClientRects().length === 0)`

// TestLanguageOfferedAndRemembered: a reader whose browser prefers German
// is offered the German page, in German, on a first visit to an English
// one (not sent there); following the offer keeps German, and the English
// landing page then sends them to the German one. The header's switch
// takes them to the same page in French and keeps that choice, and then
// nothing is offered any more. Another reader says no thanks, in German,
// and is not asked again.
func TestLanguageOfferedAndRemembered(t *testing.T) {
	srv := startServer(t)
	de := words.For("de")
	register, _ := pages.BySlugIn("en", "register")
	deRegister, _ := pages.BySlugIn("de", "register")
	frRegister, _ := pages.BySlugIn("fr", "register")
	germanBrowser := emulation.SetUserAgentOverride("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36").WithAcceptLanguage("de-DE,de")

	ctx := newBrowser(t, 1280, 900)
	run(t, ctx, "a first visit to an English chapter from a German browser",
		germanBrowser,
		chromedp.Navigate(srv.URL+register.Path()),
		waitFor(`navigator.languages[0] === "de-DE"`),
		h1Is(register.Title, register.Path()),
		waitFor(offerShown("de")),
		waitFor(`[...document.querySelectorAll(".lang-offer[lang=de] p")].some(p => p.textContent === `+jsString(de.Say("site.offer.text"))+`)`),
	)
	clickToLoad(t, ctx, "following the offer", `.lang-offer[lang=de] a`)
	run(t, ctx, "on the German chapter",
		h1Is(deRegister.Title, deRegister.Path()),
		waitFor(`document.documentElement.lang === "de" && localStorage.getItem("hm-lang") === "de"`),
		waitFor(noOfferShown),
	)
	run(t, ctx, "coming back to the English landing page",
		chromedp.Navigate(srv.URL+"/"),
		waitFor(`location.pathname === "/de" && document.documentElement.lang === "de"`),
	)
	run(t, ctx, "a German chapter",
		chromedp.Navigate(srv.URL+deRegister.Path()),
		h1Is(deRegister.Title, deRegister.Path()),
	)
	clickToLoad(t, ctx, "switching to French in the header", `header a[hreflang="fr"]`)
	run(t, ctx, "on the French chapter",
		h1Is(frRegister.Title, frRegister.Path()),
		waitFor(`localStorage.getItem("hm-lang") === "fr" && document.documentElement.lang === "fr"`),
		waitFor(`!!document.querySelector('header [aria-current="true"][lang="fr"], header [aria-current="true"][hreflang="fr"]')`),
		waitFor(noOfferShown),
	)
	run(t, ctx, "the English landing page now means French",
		chromedp.Navigate(srv.URL+"/"),
		waitFor(`location.pathname === "/fr" && document.querySelector("h1") && document.querySelector("h1").textContent.length > 0`),
		waitForApp(),
		waitFor(noOfferShown),
	)

	other := newBrowser(t, 1280, 900)
	run(t, other, "another German reader says no thanks",
		germanBrowser,
		chromedp.Navigate(srv.URL+register.Path()),
		waitFor(offerShown("de")),
		clickSteady(`.lang-offer[lang=de] button`),
		waitFor(noOfferShown),
		waitFor(`localStorage.getItem("hm-lang") === "en"`),
		chromedp.Reload(),
		h1Is(register.Title, register.Path()),
		waitFor(noOfferShown),
		waitFor(`location.pathname === `+jsString(register.Path())),
	)
	run(t, other, "the no thanks button says so in German",
		chromedp.Evaluate(`localStorage.removeItem("hm-lang")`, nil),
		chromedp.Reload(),
		waitFor(`[...document.querySelectorAll(".lang-offer[lang=de] button")].some(b => b.textContent === `+jsString(de.Say("site.offer.dismiss"))+`)`),
	)
}

// clickToLoad clicks a link that loads another page whole, and waits for
// that page to load.
func clickToLoad(t *testing.T, ctx context.Context, what, sel string) {
	t.Helper()
	run(t, ctx, what+": waiting for the link", waitFor(`!!document.querySelector(`+jsString(sel)+`)`))
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(sel, chromedp.ByQuery)); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}
