package wasmbuild

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The WASM is built against a copy of mautrix with a few lines changed
// (edits, below) and its SQL store left out (leftOut). The copy lives in
// root/.build (git ignores it) and the build finds it through an alternate
// go.mod (go build -modfile) that adds a replace directive, so native
// builds, go.mod and the module cache are untouched. (go build -overlay
// would be simpler, but it refuses files in the module cache.)
//
// Why the main change: every request mautrix makes goes through
// (*http.Client).Do. In a browser, net/http hands it to fetch, but the same
// method can also fall back to net/http's own transport, so the linker
// keeps that transport and everything under it: TLS, x509 certificates,
// HTTP/2, the net package. None of it can run in a browser. With mautrix
// calling sendHTTP instead, and hellomatrix/matrix setting it to a direct
// fetch (matrix/fetch_js.go), nothing in app.wasm calls (*http.Client).Do
// and that code is left out. The figures before and after are in
// BENCHMARKS.md.
const (
	mautrixModule = "maunium.net/go/mautrix"
	patchedFile   = "client.go"
	callBefore    = "\tres, err := client.Do(attemptReq)\n"
	callAfter     = "\tres, err := sendHTTP(client, attemptReq)\n"
	addedFile     = "zz_hellomatrix_send_http_js.go"
)

// An edit replaces text that must occur exactly once (or n times) in one
// file of the copy.
type edit struct {
	file, before, after string
	n                   int
}

// edits are the copy's changes: the call above, and RespError.Write
// (error.go) writing its JSON itself instead of through go.mau.fi/util's
// exhttp, which is all mautrix imports exhttp for. Write is for servers and
// the browser never calls it, but importing exhttp runs its package
// initialisation, which builds a net.Dialer and imports x/net's HTTP/2
// and SOCKS proxy: DNS resolution and dialling, code that cannot run in a
// browser (BENCHMARKS.md has the size). And version.go no longer reads the
// build information to find mautrix's version (parsing it links
// runtime/debug's parser and the module list): the copy is a tagged
// release, so its version is Version, which is what reading it gave.
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

// zerologModule is copied without slog.go, its log/slog handler, which
// nothing in the WASM uses: importing log/slog runs its package
// initialisation, which keeps slog's code (BENCHMARKS.md has the size).
const zerologModule = "github.com/rs/zerolog"

// A moduleCopy is a dependency the WASM is built against a copy of: its Go
// sources without its tests and without what leftOut names, edited, plus
// added files.
type moduleCopy struct {
	path    string
	leftOut func(rel string) bool
	edits   []edit
	added   map[string]string
}

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

// ModFile prepares the patched copies (the copies list) and returns
// the path of the alternate go.mod for js/wasm builds of this module (go
// build -modfile). It fails with a clear sentence when mautrix's source no
// longer has a line it replaces (after a mautrix upgrade) rather than
// build without it.
func ModFile(root string) (string, error) {
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, ".build", "wasm")
	goMod = append(goMod, "\n// Added by internal/wasmbuild for the WASM build only.\n"...)
	for _, c := range copies {
		mod, err := locate(root, c.path)
		if err != nil {
			return "", err
		}
		// maunium.net+go+mautrix@v0.31.0: the module path, so two modules
		// whose paths end alike (…/v9) cannot share a folder.
		copyDir := filepath.Join(dir, strings.ReplaceAll(c.path, "/", "+")+"@"+mod.Version)
		if err := patchedCopy(mod.Dir, copyDir, c); err != nil {
			return "", err
		}
		if bytes.Contains(goMod, []byte("replace "+c.path+" ")) {
			return "", fmt.Errorf("wasmbuild: go.mod already replaces %s; the WASM build cannot patch it too", c.path)
		}
		goMod = append(goMod, fmt.Sprintf("replace %s => %s\n", c.path, copyDir)...)
	}
	goSum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		return "", err
	}
	modFile := filepath.Join(dir, "go.mod")
	if err := writeIfChanged(modFile, goMod); err != nil {
		return "", err
	}
	return modFile, writeIfChanged(filepath.Join(dir, "go.sum"), goSum)
}

type module struct{ Dir, Version string }

// locate finds a dependency's folder in the module cache, downloading it
// first if needed.
func locate(root, path string) (module, error) {
	var m module
	cmd := exec.Command("go", "mod", "download", "-json", path)
	cmd.Dir = root
	out, err := cmd.Output()
	if err == nil {
		err = json.Unmarshal(out, &m)
	}
	if err != nil || m.Dir == "" {
		return m, fmt.Errorf("wasmbuild: finding %s: %v %s", path, err, out)
	}
	return m, nil
}

// leftOut says which files of mautrix the WASM's copy goes without: the
// crypto package's SQL store and its schema upgrades, which the browser
// never uses (it keeps its keys in a MemoryStore saved to localStorage,
// matrix/crypto_store.go) and which would otherwise be linked in through
// their package's init (the embedded SQL files and the upgrade table).
func leftOut(rel string) bool {
	rel = filepath.ToSlash(rel)
	return rel == "crypto/sql_store.go" || strings.HasPrefix(rel, "crypto/sql_store_upgrade/")
}

// patchedCopy copies the module's Go sources (not its tests, nor what
// c.leftOut names) from src to dst and applies c's edits and added files.
// A copy made earlier is kept when its files are what this code would
// write.
func patchedCopy(src, dst string, c moduleCopy) error {
	want := map[string][]byte{}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if strings.HasSuffix(name, "_test.go") || !(strings.HasSuffix(name, ".go") || name == "go.mod") {
			return nil
		}
		rel, _ := filepath.Rel(src, path)
		if c.leftOut != nil && c.leftOut(rel) {
			return nil
		}
		body, err := os.ReadFile(path)
		want[rel] = body
		return err
	})
	if err != nil {
		return fmt.Errorf("wasmbuild: reading %s: %v", src, err)
	}
	for _, e := range c.edits {
		patched, err := e.apply(want[e.file])
		if err != nil {
			return fmt.Errorf("%s: %w", c.path, err)
		}
		want[e.file] = patched
	}
	for name, body := range c.added {
		want[name] = []byte(body)
	}

	// Files that the copy has but want does not (left by an older patch)
	// would be compiled too: start again without them.
	stray := false
	filepath.WalkDir(dst, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dst, path)
			if _, ok := want[rel]; !ok {
				stray = true
			}
		}
		return nil
	})
	if stray {
		if err := os.RemoveAll(dst); err != nil {
			return err
		}
	}
	for rel, body := range want {
		p := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := writeIfChanged(p, body); err != nil {
			return err
		}
	}
	return nil
}

// patch replaces mautrix's one call of (*http.Client).Do.
func patch(src []byte) ([]byte, error) { return edits[0].apply(src) }

func (e edit) apply(src []byte) ([]byte, error) {
	want := max(e.n, 1)
	if n := bytes.Count(src, []byte(e.before)); n != want {
		return nil, fmt.Errorf("wasmbuild: expected the dependency's %s to contain %q %d times, found it %d times; "+
			"the dependency has changed, so update the patch in internal/wasmbuild/patch.go", e.file, strings.TrimSpace(e.before), want, n)
	}
	return bytes.ReplaceAll(src, []byte(e.before), []byte(e.after)), nil
}

// writeIfChanged keeps a file's time when its content is the same, so
// preparing the build again never makes anything look stale.
func writeIfChanged(path string, body []byte) error {
	if have, err := os.ReadFile(path); err == nil && bytes.Equal(have, body) {
		return nil
	}
	return os.WriteFile(path, body, 0o644)
}
