// Runs the head script (on stdin) on stand-in pages: which language does
// it offer?
const code = require("fs").readFileSync(0, "utf8").replace(/^<script>|<\/script>$/g, "");
function offered({ page, languages, stored }) {
  const attrs = new Map();
  const ctx = {
    localStorage: { getItem: (k) => (k === "hm-lang" ? stored ?? null : null) },
    navigator: { languages, language: languages[0] },
    document: { documentElement: { lang: page, setAttribute: (n, v) => attrs.set(n, v) } },
  };
  new Function(...Object.keys(ctx), code)(...Object.values(ctx));
  return attrs.get("data-hm-offer") ?? null;
}
const eq = (a, b, what) => {
  if (a !== b) { console.log("FAIL", what, a, b); process.exitCode = 1; } else console.log("ok", what);
};
eq(offered({ page: "en", languages: ["de-CH", "en"] }), "de", "German to a Swiss reader");
eq(offered({ page: "de", languages: ["it", "ja-JP", "de"] }), "ja", "the first of ours");
eq(offered({ page: "en", languages: ["it", "en-GB", "de"] }), null, "the first of ours is the page's");
eq(offered({ page: "en", languages: ["de"], stored: "en" }), null, "a reader who chose is not asked");
eq(offered({ page: "fr", languages: [] }), null, "no languages");
