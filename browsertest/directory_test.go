package browsertest

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"hellomatrix/pages"
)

func itoa(n int) string { return strconv.Itoa(n) }

// rowsAre waits until the table shows exactly these servers, in this order.
// The names go in as a JavaScript literal that the page stringifies itself,
// since Go's JSON escapes < and > where the browser's does not.
func rowsAre(servers []pages.Server) chromedp.Action {
	names := make([]string, len(servers))
	for i, s := range servers {
		names[i] = s.Name
	}
	return waitFor(`JSON.stringify([...document.querySelectorAll(".server-table tbody th a, .server-table tbody th > span:first-child")].map(e => e.textContent.trim())) === JSON.stringify(` + mustJSON(names) + `)`)
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// phrasesAre waits until each row's "In this guide" cell says what the
// sign-up rule (pages.SignupFacts.Way) says for that server's data.
func phrasesAre(servers []pages.Server) chromedp.Action {
	phrases := make([]string, len(servers))
	for i, s := range servers {
		phrases[i] = s.SignupWay().Phrase
	}
	return waitFor(`JSON.stringify([...document.querySelectorAll(".server-table tbody tr .signup-way")].map(e => e.textContent.trim())) === ` + jsString(mustJSON(phrases)))
}

// setSelect changes a <select> the way a person does, firing "change".
// It waits for the select to be there and enabled: a chapter the app goes
// to shows its title at once and its body when it has been fetched.
func setSelect(id, value string) chromedp.Action {
	return chromedp.Tasks{
		waitFor(`(() => { const s = document.getElementById(` + jsString(id) + `); return !!s && !s.disabled; })()`),
		chromedp.Evaluate(`(() => { const s = document.getElementById(`+jsString(id)+`); s.value = `+jsString(value)+
			`; s.dispatchEvent(new Event("change", { bubbles: true })); })()`, nil),
	}
}

// The directory filters and sorts in place once the app runs.
func TestDirectoryFilters(t *testing.T) {
	srv := startServer(t)
	ctx := newBrowser(t, 1280, 900)
	all := pages.Servers()

	filter := pages.ServerFilter{SortBy: pages.SortByName}
	run(t, ctx, "opening the directory",
		chromedp.Navigate(srv.URL+"/servers"),
		waitForApp(),
		rowsAre(pages.FilterServers(all, filter)),
		phrasesAre(pages.FilterServers(all, filter)),
	)
	// One row of each kind, by name, so a wrong phrase shows where.
	for name, want := range map[string]string{
		"catgirl.cloud": "On the server's own page",
		"pub.solar":     "Sign up through single sign-on",
		"4d2.org":       "Sign up here with an email and a captcha",
	} {
		run(t, ctx, "the phrase for "+name,
			waitFor(`[...document.querySelectorAll(".server-table tbody tr")].some(tr => tr.querySelector("th").textContent.includes(`+jsString(name)+`) && tr.querySelector(".signup-way").textContent.trim() === `+jsString(want)+`)`),
		)
	}

	// The figure of `make directory-report`, as the filters show it. One
	// change at a time, each waited for, as a person makes them.
	inPage, open := pages.SignupInPage(all)
	rowCount := func(n int) chromedp.Action {
		return waitFor(`document.querySelectorAll(".server-table tbody tr").length === ` + itoa(n))
	}
	run(t, ctx, "keeping open servers",
		setSelect("filter-open", "yes"),
		rowCount(open),
	)
	run(t, ctx, "and those the guide signs up on",
		setSelect("filter-guide", "yes"),
		rowCount(inPage),
	)
	run(t, ctx, "or those it does not",
		setSelect("filter-guide", "no"),
		rowCount(open-inPage),
		waitFor(`[...document.querySelectorAll(".server-table tbody .signup-way")].every(e => e.textContent.trim() === "On the server's own page")`),
		waitFor(`new URLSearchParams(location.search).get("guide") === "no"`),
	)
	run(t, ctx, "back to all",
		setSelect("filter-guide", ""),
		rowCount(open),
	)
	run(t, ctx, "open or closed",
		setSelect("filter-open", ""),
		rowsAre(pages.FilterServers(all, filter)),
	)

	filter.Registration = pages.RegInHouseElement
	run(t, ctx, "keeping servers with their own Element",
		setSelect("filter-reg", string(filter.Registration)),
		rowsAre(pages.FilterServers(all, filter)),
		waitFor(`new URLSearchParams(location.search).get("reg") === "in-house-element"`),
	)

	filter.Captcha = pages.TriNo
	run(t, ctx, "and without a captcha",
		setSelect("filter-captcha", "no"),
		rowsAre(pages.FilterServers(all, filter)),
		phrasesAre(pages.FilterServers(all, filter)),
	)

	filter.SortBy = pages.SortByJurisdiction
	run(t, ctx, "sorting by country",
		chromedp.Click(`button[value="jurisdiction:asc"]`, chromedp.ByQuery),
		rowsAre(pages.FilterServers(all, filter)),
		phrasesAre(pages.FilterServers(all, filter)),
		waitFor(`document.querySelector('th[aria-sort="ascending"]').textContent.includes("Country")`),
	)
	filter.Desc = true
	run(t, ctx, "and the other way round",
		chromedp.Click(`button[value="jurisdiction:desc"]`, chromedp.ByQuery),
		rowsAre(pages.FilterServers(all, filter)),
		waitFor(`document.querySelector('th[aria-sort="descending"]').textContent.includes("Country")`),
	)

	filter.Query = "german"
	run(t, ctx, "typing a keyword",
		chromedp.SendKeys(`#filter-q`, "german", chromedp.ByQuery),
		rowsAre(pages.FilterServers(all, filter)),
	)
	if len(pages.FilterServers(all, filter)) == len(pages.FilterServers(all, pages.ServerFilter{})) {
		t.Error("the keyword filtered nothing out: pick another word")
	}

	run(t, ctx, "clearing the filters",
		chromedp.Click(`.filter-actions a`, chromedp.ByQuery),
		rowsAre(pages.FilterServers(all, pages.ServerFilter{SortBy: pages.SortByJurisdiction, Desc: true})),
		waitFor(`document.getElementById("filter-reg").value === "" && document.getElementById("filter-q").value === ""`),
	)

	run(t, ctx, "reloading keeps the view",
		chromedp.Reload(),
		waitForApp(),
		rowsAre(pages.FilterServers(all, pages.ServerFilter{SortBy: pages.SortByJurisdiction, Desc: true})),
	)
}
