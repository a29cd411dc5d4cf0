package browsertest

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"hellomatrix/pages"
)

// jsString quotes s for use inside a JavaScript expression.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// h1Is waits for the page's heading (and path) after an in-app navigation.
func h1Is(title, path string) chromedp.Action {
	// A chapter reached inside the app shows its heading first and its body
	// when it has been fetched ("Loading the chapter…" until then), which
	// moves everything below it: the page has arrived when both are there.
	return waitFor(`document.querySelector("h1") && document.querySelector("h1").textContent.trim() === ` + jsString(title) +
		` && location.pathname === ` + jsString(path) + ` && !document.querySelector(".chapter-loading")`)
}

// A reader goes through the guide as a person would: start on the home
// page, follow "Next" through every chapter, jump with the table of
// contents, search, and switch the theme. Every move after the first load
// must happen inside the running app, without reloading the page.
func TestReadingTheGuide(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	chapters := pages.Chapters()

	run(t, ctx, "loading the home page",
		chromedp.Navigate(srv.URL+"/"),
		waitForApp(),
		// Survives only as long as the page is never reloaded.
		chromedp.Evaluate(`window.stillTheSamePage = true`, nil),
	)

	run(t, ctx, "skipping to the content with the keyboard",
		chromedp.KeyEvent(kb.Tab),
		waitFor(`document.activeElement.classList.contains("skip-link") && document.activeElement.getBoundingClientRect().top >= 0`),
		waitFor(`getComputedStyle(document.activeElement).outlineStyle !== "none"`),
		chromedp.KeyEvent(kb.Enter),
		waitFor(`document.activeElement.id === "main"`),
	)

	run(t, ctx, "starting to read",
		clickSteady(`a.button[href="/guide/`+chapters[0].Slug+`"]`),
		h1Is(chapters[0].Title, chapters[0].Path()),
		waitFor(`document.title === `+jsString(chapters[0].Title+" · Hello Matrix")),
	)

	for _, next := range chapters[1:] {
		run(t, ctx, "following Next to "+next.Slug,
			clickSteady(`a.pager-next`),
			h1Is(next.Title, next.Path()),
			waitFor(`document.title === `+jsString(next.Title+" · Hello Matrix")),
			waitFor(`document.querySelector('meta[name="description"]').content === `+jsString(next.Description)),
			// The new chapter starts at the top, with focus moved into it.
			waitFor(`window.scrollY < 5 && document.activeElement && document.activeElement.id === "main"`),
		)
		// The body is the chapter's own, part by part.
		for _, part := range next.Parts {
			if part.Widget != "" {
				run(t, ctx, "the "+part.Widget+" box in "+next.Slug,
					waitFor(`(() => {
						const box = document.querySelector('section.live-client[data-widget="`+part.Widget+`"]');
						if (!box) return false; // the chapter's body is still on its way
						const shown = [...box.querySelectorAll(".live-client-status")].filter(p => getComputedStyle(p).visibility === "visible");
						return shown.length === 1 && shown[0].textContent.includes("real Matrix client, running in your browser");
					})()`))
			}
		}
		if len(next.Sections) > 1 {
			sample := firstWords(next.Sections[1].Text, 8)
			run(t, ctx, "reading "+next.Slug,
				waitFor(`document.querySelector("main").innerText.replace(/\s+/g, " ").includes(`+jsString(sample)+`)`))
		}
	}

	last := chapters[len(chapters)-1]
	heading := last.Headings[len(last.Headings)/2]
	run(t, ctx, "jumping with the table of contents",
		chromedp.Click(`.toc a[href="#`+heading.ID+`"]`, chromedp.ByQuery),
		waitFor(`location.hash === `+jsString("#"+heading.ID)),
		waitFor(`(() => { const top = document.getElementById(`+jsString(heading.ID)+`).getBoundingClientRect().top; return top > -5 && top < 150; })()`),
	)

	run(t, ctx, "going back to the previous chapter",
		clickSteady(`a.pager-prev`),
		h1Is(chapters[len(chapters)-2].Title, chapters[len(chapters)-2].Path()),
	)

	hits := pages.Search("encryption", 30)
	if len(hits) == 0 {
		t.Fatal(`no chapter mentions "encryption": pick another search word`)
	}
	first := hits[0]
	run(t, ctx, "searching from the header",
		chromedp.SendKeys(`#site-search`, "encryption", chromedp.ByQuery),
		chromedp.Click(`.search-box button[type="submit"]`, chromedp.ByQuery),
		waitFor(`location.pathname === "/search" && location.search === "?q=encryption"`),
		waitFor(`document.querySelectorAll(".search-results li").length === `+itoa(len(hits))),
		waitFor(`document.querySelector(".search-results a").getAttribute("href") === `+jsString(first.Path())),
		waitFor(`document.querySelector(".search-results mark") !== null`),
	)

	narrower := pages.Search("encryption backup", 30)
	if len(narrower) == 0 {
		t.Fatal(`no section mentions both "encryption" and "backup": pick other search words`)
	}
	run(t, ctx, "refining the search as I type",
		chromedp.SendKeys(`#search-query`, " backup", chromedp.ByQuery),
		waitFor(`document.querySelectorAll(".search-results li").length === `+itoa(len(narrower))),
		waitFor(`new URLSearchParams(location.search).get("q") === "encryption backup"`),
	)

	target, _ := pages.BySlug(narrower[0].Slug)
	run(t, ctx, "opening a search result",
		chromedp.Click(`.search-results a`, chromedp.ByQuery),
		h1Is(target.Title, target.Path()),
		waitFor(`location.hash === `+jsString(hashOf(narrower[0].Path()))),
	)

	var stillSame bool
	run(t, ctx, "checking that nothing reloaded the page",
		chromedp.Evaluate(`window.stillTheSamePage === true`, &stillSame))
	if !stillSame {
		t.Error("an in-app navigation reloaded the page")
	}

	run(t, ctx, "choosing the dark theme",
		chromedp.Evaluate(`(() => { const s = document.getElementById("theme-choice"); s.value = "dark"; s.dispatchEvent(new Event("change", { bubbles: true })); })()`, nil),
		waitFor(`document.documentElement.dataset.theme === "dark"`),
		waitFor(`localStorage.getItem("hello-matrix-theme") === "dark"`),
		waitFor(`getComputedStyle(document.body).backgroundColor === "rgb(21, 24, 27)"`),
	)
	run(t, ctx, "keeping the theme across a reload",
		chromedp.Reload(),
		// Set by the script in <head>, before the app has loaded.
		waitFor(`document.documentElement.dataset.theme === "dark"`),
		waitForApp(),
		waitFor(`document.getElementById("theme-choice").value === "dark"`),
	)
	run(t, ctx, "going back to the system theme",
		chromedp.Evaluate(`(() => { const s = document.getElementById("theme-choice"); s.value = "system"; s.dispatchEvent(new Event("change", { bubbles: true })); })()`, nil),
		waitFor(`!document.documentElement.hasAttribute("data-theme") && localStorage.getItem("hello-matrix-theme") === null`),
		waitFor(`getComputedStyle(document.body).backgroundColor === "rgb(255, 255, 255)"`),
	)
}

func firstWords(s string, n int) string {
	words := strings.Fields(s)
	if len(words) > n {
		words = words[:n]
	}
	return strings.Join(words, " ")
}

func hashOf(path string) string {
	if _, frag, ok := strings.Cut(path, "#"); ok {
		return "#" + frag
	}
	return ""
}
