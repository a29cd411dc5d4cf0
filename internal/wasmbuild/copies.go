package wasmbuild

import (
	"path/filepath"
	"strings"
)

// Why the main change, mautrix's: every request mautrix makes goes through
// (*http.Client).Do. In a browser, net/http hands it to fetch, but the same
// method can also fall back to net/http's own transport, so the linker
// keeps that transport and everything under it: TLS, x509 certificates,
// HTTP/2, the net package. None of it can run in a browser. With mautrix
// calling sendHTTP instead, and hellomatrix/matrix setting it to a direct
// fetch (matrix/fetch_js.go), nothing in app.wasm calls (*http.Client).Do
// and that code is left out. The figures before and after each change are
// in BENCHMARKS.md.
const (
	mautrixModule = "maunium.net/go/mautrix"
	patchedFile   = "client.go"
	callBefore    = "\tres, err := client.Do(attemptReq)\n"
	callAfter     = "\tres, err := sendHTTP(client, attemptReq)\n"
	addedFile     = "zz_hellomatrix_send_http_js.go"
)

// edits are the copy's changes: the call above, and RespError.Write
// (error.go) writing its JSON itself instead of through go.mau.fi/util's
// exhttp, which is all mautrix imports exhttp for. Write is for servers and
// the browser never calls it, but importing exhttp runs its package
// initialisation, which builds a net.Dialer and imports x/net's HTTP/2
// and SOCKS proxy: DNS resolution and dialling, code that cannot run in a
// browser (BENCHMARKS.md has the size). And version.go no longer reads the
// build information to find mautrix's version (parsing it links
// runtime/debug's parser and the module list): the copy is a tagged
// release, so its version is Version, which is what reading it gave. The
// event package's edits stop it importing html (escapeHTMLSource says why).
var edits = []edit{
	{file: patchedFile, before: callBefore, after: callAfter},
	{file: "error.go", before: "\t\"go.mau.fi/util/exhttp\"\n"},
	{file: "error.go", before: "\texhttp.WriteJSONResponse(w, statusCode, &e)\n",
		after: "\tw.Header().Set(\"Content-Type\", \"application/json\")\n\tw.WriteHeader(statusCode)\n\t_ = json.NewEncoder(w).Encode(&e)\n"},
	{file: "version.go", before: "var GoModVersion = \"\"\n", after: "var GoModVersion = Version\n"},
	{file: "version.go", before: "\t\tinfo, _ := debug.ReadBuildInfo()\n", after: "\t\tvar info *debug.BuildInfo\n"},
	{file: filepath.FromSlash("event/beeper.go"), before: "\t\"html\"\n"},
	{file: filepath.FromSlash("event/beeper.go"), before: "html.EscapeString(", after: "escapeHTML("},
	{file: filepath.FromSlash("event/message.go"), before: "\t\"html\"\n"},
	{file: filepath.FromSlash("event/message.go"), before: "html.EscapeString(", after: "escapeHTML("},
	{file: filepath.FromSlash("event/message.go"), before: "func ReverseTextToHTML(input string) string {\n\treturn html.UnescapeString(strings.ReplaceAll(input, \"<br/>\", \"\\n\"))\n}\n"},
}

// addedSource declares the hook. It only exists in the WASM build, so a
// js/wasm build of hellomatrix/matrix without the patched copy fails to
// compile instead of silently carrying the weight.
const addedSource = `//go:build js

package mautrix

import (
	"errors"
	"net/http"
)

// SendHTTP sends mautrix's requests in Hello Matrix's WASM build, in place
// of (*http.Client).Do. Added at build time by hellomatrix/internal/wasmbuild.
var SendHTTP func(*http.Client, *http.Request) (*http.Response, error)

func sendHTTP(c *http.Client, req *http.Request) (*http.Response, error) {
	if SendHTTP == nil {
		return nil, errors.New("mautrix: SendHTTP is not set")
	}
	return SendHTTP(c, req)
}
`

// leftOut says which files of mautrix the WASM's copy goes without: the
// crypto package's SQL store and its schema upgrades, which the browser
// never uses (it keeps its keys in a MemoryStore saved to localStorage,
// matrix/crypto_store.go) and which would otherwise be linked in through
// their package's init (the embedded SQL files and the upgrade table).
func leftOut(rel string) bool {
	rel = filepath.ToSlash(rel)
	return rel == "crypto/sql_store.go" || strings.HasPrefix(rel, "crypto/sql_store_upgrade/")
}

// zerologModule is copied without slog.go, its log/slog handler, which
// nothing in the WASM uses: importing log/slog runs its package
// initialisation, which keeps slog's code (BENCHMARKS.md has the size).
const zerologModule = "github.com/rs/zerolog"

// gjsonModule is copied without its modifiers ("@pretty", "@reverse", …
// in a path), which its init put in a map, so the linker kept them all
// with tidwall/pretty. mautrix escapes every "@" in the paths it builds
// (go.mau.fi/util/exgjson) and writes no path with a modifier, so it never
// used them; without them a path part starting with "@" is read as a key,
// as an escaped one is. The map starts empty, so AddModifier still works.
const gjsonModule = "github.com/tidwall/gjson"

// goappModule is copied without pkg/app/http.go, go-app's HTTP handler
// (the server side, which serves and prerenders pages natively; the WASM
// never runs it). It imports text/template, whose package initialisation
// keeps the template engine, and the linker kept the handler's methods.
// The two helpers of that file the browser side calls, and the Handler
// type wasm.go names, are added back (goappAdded).
const goappModule = "github.com/maxence-charriere/go-app/v9"

const goappAdded = `//go:build js

package app

import "strings"

// Handler is go-app's HTTP handler; Hello Matrix's WASM build leaves it
// out (hellomatrix/internal/wasmbuild) and keeps only this name, which
// GenerateStaticWebsite's signature uses.
type Handler struct{}

func isRemoteLocation(path string) bool {
	return strings.HasPrefix(path, "https://") ||
		strings.HasPrefix(path, "http://")
}

func isStaticResourcePath(path string) bool {
	return strings.HasPrefix(path, "/web/") ||
		strings.HasPrefix(path, "web/")
}
`

// Without the html package. Its initialisation keeps the table of every
// HTML entity (for UnescapeString, which the WASM never calls: 65 KB of
// data), and go-app, mautrix's event package and the app only escape. The
// copies escape with the same replacer html.EscapeString uses (escapeHTML,
// in an added file of each package), and mautrix's ReverseTextToHTML, the
// only caller of UnescapeString, is left out of the event package (nothing
// in the WASM calls it: it would not compile otherwise).
func escapeHTMLSource(pkg string) string {
	return "//go:build js\n\npackage " + pkg + `

import "strings"

// escapeHTML is html.EscapeString without importing html (its entity
// table); added by hellomatrix/internal/wasmbuild for the WASM build.
func escapeHTML(s string) string { return htmlEscaper.Replace(s) }

var htmlEscaper = strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", "\"", "&#34;")
`
}

var copies = []moduleCopy{
	{path: mautrixModule, leftOut: leftOut, edits: edits, added: map[string]string{
		addedFile: addedSource,
		filepath.FromSlash("event/zz_hellomatrix_escape_js.go"): escapeHTMLSource("event"),
	}},
	{path: zerologModule, leftOut: func(rel string) bool { return rel == "slog.go" }},
	{path: goappModule, leftOut: func(rel string) bool { return filepath.ToSlash(rel) == "pkg/app/http.go" },
		edits: []edit{
			{file: filepath.FromSlash("pkg/app/text.go"), before: "\t\"html\"\n"},
			{file: filepath.FromSlash("pkg/app/text.go"), before: "html.EscapeString(", after: "escapeHTML(", n: 2},
		},
		added: map[string]string{
			filepath.FromSlash("pkg/app/zz_hellomatrix_http_js.go"):   goappAdded,
			filepath.FromSlash("pkg/app/zz_hellomatrix_escape_js.go"): escapeHTMLSource("app"),
		}},
	{path: gjsonModule, edits: []edit{
		{file: "gjson.go", before: "var modifiers map[string]func(json, arg string) string\n",
			after: "var modifiers = map[string]func(json, arg string) string{}\n"},
		{file: "gjson.go", before: "func init() {\n\tmodifiers = map[string]func(json, arg string) string{\n",
			after: "func unusedModifiers() {\n\tmodifiers = map[string]func(json, arg string) string{\n"},
	}},
}
