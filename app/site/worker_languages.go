package site

import (
	"encoding/json"
	"strings"

	"hellomatrix/app/basepath"
	"hellomatrix/pages"
)

// The service worker stores English's pages when it installs, as go-app
// does with every CacheableResources entry, and each other language's
// pages the first time the reader opens one of them (or when it installs
// while one of them is open, as on a first visit): a German reader gets
// the whole German guide for offline reading, and nobody downloads four
// languages they never read. When a new version installs, it stores again
// every language the old version's cache held, so an update does not
// quietly take a language offline.

// languageCaching is the worker's code for that; languagePages is filled
// in with each language's URLs, its landing page first.
const languageCaching = `
// Each language's pages but English's, stored when one of them is first
// opened (app/site/worker_languages.go).
const languagePages = %LANGUAGES%;

function languageOfPath(path) {
  for (const lang in languagePages) {
    if (languagePages[lang].includes(path)) {
      return lang;
    }
  }
  return "";
}

function languageOfNavigation(request) {
  if (request.mode !== "navigate") {
    return "";
  }
  return languageOfPath(new URL(request.url).pathname);
}

// cacheLanguageOf stores the language of the page asked for. addAll stores
// all or nothing, so the last URL being there means the language is.
function cacheLanguageOf(event) {
  const lang = languageOfNavigation(event.request);
  if (!lang) {
    return;
  }
  const urls = languagePages[lang];
  event.waitUntil(
    caches.open(cacheName).then((cache) =>
      cache.match(urls[urls.length - 1]).then((hit) => hit || cache.addAll(urls))
    )
  );
}

// keepVisitedLanguages stores, as a version installs, the language of
// every page open now (the first visit's page is not the worker's to
// see) and each language an older version's cache has the landing page
// of, so an update keeps what the reader had.
async function keepVisitedLanguages(cache) {
  const langs = new Set();
  for (const client of await self.clients.matchAll({ includeUncontrolled: true, type: "window" })) {
    langs.add(languageOfPath(new URL(client.url).pathname));
  }
  for (const key of await caches.keys()) {
    if (key === cacheName) {
      continue;
    }
    const old = await caches.open(key);
    for (const lang in languagePages) {
      if (await old.match(languagePages[lang][0])) {
        langs.add(lang);
      }
    }
  }
  langs.delete("");
  for (const lang of langs) {
    await cache.addAll(languagePages[lang]);
  }
}
`

// withLanguageCaching adds languageCaching to go-app's worker js.
func withLanguageCaching(js string, languages map[string][]string) string {
	list, err := json.Marshal(languages)
	if err != nil {
		panic(err) // a map of strings
	}
	js = strings.Replace(js, "return cache.addAll(resourcesToCache);",
		"return cache.addAll(resourcesToCache).then(() => keepVisitedLanguages(cache));", 1)
	js = strings.Replace(js, `self.addEventListener("fetch", (event) => {`,
		`self.addEventListener("fetch", (event) => {`+"\n  cacheLanguageOf(event);", 1)
	return js + strings.Replace(languageCaching, "%LANGUAGES%", string(list), 1)
}

// englishOnly keeps the routes of English's pages.
func englishOnly(routes []string) []string {
	var out []string
	for _, r := range routes {
		if languageOfPage(r) == pages.English {
			out = append(out, r)
		}
	}
	return out
}

// otherLanguages lists each other language's page and data URLs (base
// path included), its landing page first.
func otherLanguages(routes []string, data pageData) map[string][]string {
	out := map[string][]string{}
	for _, r := range routes {
		if lang := languageOfPage(r); lang != pages.English {
			out[lang] = append(out[lang], basepath.Join(r))
		}
	}
	for _, name := range data.names() {
		if lang := pages.DataFileLanguage(name); lang != pages.English {
			out[lang] = append(out[lang], basepath.Join(data.dir+name))
		}
	}
	return out
}
