package site

import (
	"strings"

	"hellomatrix/pages"
)

// languageScript is added to go-app's app.js after startOnIntent
// (fixAppJS). It does, without Go, what the guide does about the reader's
// language once the page is drawn, since a reader who only reads never
// starts the app:
//
//   - a click on a link to another language (the header's language switch,
//     an offer; package shell marks them data-hm-lang) keeps that language
//     in localStorage, and the browser loads the page whole instead of the
//     app handling the click: the app has one language's chapters;
//   - remembered: the English landing page sends a reader who chose another
//     language to that language's landing page; any other address is one
//     someone meant, and stays;
//   - an offer's "no" button (data-hm-stay) keeps the page's language, so
//     nothing is offered again, and takes the offer away. Which offer
//     shows is settled before the first paint by the head script (package
//     main's offerHeadJS), on <html data-hm-offer>.
//
// The key is outside the live client's prefix (liveStoragePrefix), so a
// choice of language alone does not start the app.
var languageScript = `
(() => {
  const key = "` + languageStorageKey + `";
  let chosen = null;
  try { chosen = localStorage.getItem(key); } catch (e) {}
  const choose = (code) => {
    try { localStorage.setItem(key, code); } catch (e) {}
  };

  const ours = ["` + strings.Join(pages.LanguageCodes(), `","`) + `"];
  const base = (goappEnv.GOAPP_ROOT_PREFIX || "").replace(/\/+$/, "");
  const path = location.pathname.replace(/\/index\.html$/, "/");
  if (chosen && chosen !== "` + pages.English + `" && ours.includes(chosen) && (path === base + "/" || path === base)) {
    location.replace(base + "/" + chosen);
    return;
  }

  document.addEventListener("click", (e) => {
    if (!(e.target instanceof Element)) return;
    const link = e.target.closest("a[data-hm-lang]");
    if (link) {
      choose(link.dataset.hmLang);
      e.stopPropagation(); // go-app's own handler is on window
      return;
    }
    const stay = e.target.closest("[data-hm-stay]");
    if (stay) {
      choose(stay.dataset.hmStay);
      document.documentElement.removeAttribute("data-hm-offer");
      // The button is gone: the reader goes on where the page starts.
      const main = document.getElementById("` + mainID + `");
      if (main) main.focus({ preventScroll: true });
    }
  }, true);
})();
`

const (
	// LanguageStorageKey is where the reader's choice of language is
	// kept (shell.LanguageStorageKey).
	languageStorageKey = "hm-lang"
	// MainID is the id of the page's <main> (shell.MainID).
	mainID = "main"
)
