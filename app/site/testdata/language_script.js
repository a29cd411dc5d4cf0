// Runs app_language.go's script (on stdin) against a stand-in page.
const code = require("fs").readFileSync(0, "utf8");
function run({ path, stored }) {
  const store = new Map(stored ? [["hm-lang", stored]] : []);
  const html = { attrs: new Map([["data-hm-offer", "ja"]]), removeAttribute(n) { this.attrs.delete(n); } };
  let replaced = null, handler = null, focused = false;
  class Element { constructor(sel, data) { this.sel = sel; this.dataset = data; } closest(sel) { return sel === this.sel ? this : null; } }
  const ctx = {
    goappEnv: { GOAPP_ROOT_PREFIX: "" },
    location: { pathname: path, replace: (u) => { replaced = u; } },
    localStorage: { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) },
    Element,
    document: {
      documentElement: html,
      addEventListener: (type, f) => { handler = f; },
      getElementById: () => ({ focus: () => { focused = true; } }),
    },
  };
  new Function(...Object.keys(ctx), code)(...Object.values(ctx));
  const click = (el) => { let stopped = false; handler({ target: el, stopPropagation: () => { stopped = true; } }); return stopped; };
  return { replaced, store, html, Element, click, focused: () => focused };
}
const eq = (a, b, what) => {
  if (JSON.stringify(a) !== JSON.stringify(b)) { console.log("FAIL", what, JSON.stringify(a), JSON.stringify(b)); process.exitCode = 1; } else console.log("ok", what);
};
eq(run({ path: "/", stored: "de" }).replaced, "/de", "remembered: the landing page sends a German reader on");
eq(run({ path: "/index.html", stored: "ja" }).replaced, "/ja", "the landing page by its file name too");
eq(run({ path: "/guide/register", stored: "de" }).replaced, null, "a deep link stays");
eq(run({ path: "/", stored: "en" }).replaced, null, "English chosen stays");
eq(run({ path: "/", stored: "xx\"><" }).replaced, null, "an unknown choice is ignored");
eq(run({ path: "/", stored: null }).replaced, null, "no choice, no redirect");
const r = run({ path: "/de/guide/x", stored: null });
const stopped = r.click(new r.Element("[data-hm-stay]", { hmStay: "de" }));
eq([r.store.get("hm-lang"), r.html.attrs.has("data-hm-offer"), stopped, r.focused()], ["de", false, false, true], "no thanks keeps the page's language");
const r2 = run({ path: "/de/guide/x", stored: null });
eq([r2.click(new r2.Element("a[data-hm-lang]", { hmLang: "fr" })), r2.store.get("hm-lang")], [true, "fr"], "a language link is kept, and left to the browser");
