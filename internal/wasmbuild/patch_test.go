//go:build !wasm

package wasmbuild

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestPatchReplacesTheOneCall(t *testing.T) {
	src := []byte("func f() {\n" + callBefore + "}\n")
	got, err := patch(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "func f() {\n" + callAfter + "}\n"; string(got) != want {
		t.Errorf("patched:\n%s\nwant:\n%s", got, want)
	}
	for _, bad := range []string{"func f() {}\n", "func f() {\n" + callBefore + callBefore + "}\n"} {
		if _, err := patch([]byte(bad)); err == nil || !strings.Contains(err.Error(), "update the patch in internal/wasmbuild/patch.go") {
			t.Errorf("patch(%q) = %v, want the sentence that says what to do", bad, err)
		}
	}
}

// prepare finds the module and makes the patched copy, as a WASM build does.
func prepare(t *testing.T) (root, modFile string) {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if modFile, err = ModFile(root); err != nil {
		t.Fatal(err)
	}
	return root, modFile
}

// TestModFileAgainstRealMautrix prepares the copy from the module cache and
// checks what the WASM build will compile.
func TestModFileAgainstRealMautrix(t *testing.T) {
	root, modFile := prepare(t)
	goMod, err := os.ReadFile(modFile)
	if err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(filepath.Join(root, "go.mod"))
	if !bytes.HasPrefix(goMod, orig) || !bytes.Contains(goMod, []byte("\nreplace "+mautrixModule+" => ")) {
		t.Fatalf("alternate go.mod:\n%s", goMod)
	}
	copyDir := replacement(t, goMod, mautrixModule)
	client, err := os.ReadFile(filepath.Join(copyDir, patchedFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(client, []byte(callBefore)) || !bytes.Contains(client, []byte(callAfter)) {
		t.Error("the copy's client.go is not patched")
	}
	if errorGo, err := os.ReadFile(filepath.Join(copyDir, "error.go")); err != nil || bytes.Contains(errorGo, []byte("exhttp")) {
		t.Errorf("the copy's error.go still uses exhttp (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(copyDir, addedFile)); err != nil {
		t.Error(err)
	}
	zerolog := replacement(t, goMod, zerologModule)
	if _, err := os.Stat(filepath.Join(zerolog, "slog.go")); !os.IsNotExist(err) {
		t.Errorf("zerolog's copy has slog.go (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(zerolog, "log.go")); err != nil {
		t.Error(err)
	}
	// Preparing again must not touch the files (the WASM would look stale).
	info, _ := os.Stat(filepath.Join(copyDir, patchedFile))
	if _, err := ModFile(root); err != nil {
		t.Fatal(err)
	}
	again, _ := os.Stat(filepath.Join(copyDir, patchedFile))
	if !again.ModTime().Equal(info.ModTime()) {
		t.Error("preparing the copy again rewrote it")
	}
}

// replacement is the folder the alternate go.mod replaces module with.
func replacement(t *testing.T, goMod []byte, module string) string {
	t.Helper()
	for _, line := range strings.Split(string(goMod), "\n") {
		if dir, ok := strings.CutPrefix(line, "replace "+module+" => "); ok {
			return strings.TrimSpace(dir)
		}
	}
	t.Fatalf("the alternate go.mod does not replace %s:\n%s", module, goMod)
	return ""
}

// TestWasmLinksNoHTTPClient is what the patch is for: the linker's
// dependency dump of the real WASM build must not reach net/http's client,
// nor the TLS handshake it would bring, nor exhttp's dialer. If this fails, something in app/,
// matrix/ or a dependency calls (*http.Client).Do in the browser again:
// send it through matrix.Do instead.
func TestWasmLinksNoHTTPClient(t *testing.T) {
	if testing.Short() {
		t.Skip("links the WASM")
	}
	root, modFile := prepare(t)
	cmd := exec.Command("go", "build", "-tags", Tags, "-modfile", modFile, "-ldflags=-dumpdep", "-o", filepath.Join(t.TempDir(), "app.wasm"), "./app")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	var deps bytes.Buffer
	cmd.Stderr = &deps
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build: %v\n%.2000s", err, deps.String())
	}
	if !strings.Contains(deps.String(), "-> hellomatrix/matrix.fetch") {
		t.Fatal("the dependency dump does not show matrix.fetch: did the build change?")
	}
	// exhttp's package initialisation builds a net.Dialer: DNS and dialling;
	// mautrix's version.go would parse the build information; zerolog's
	// slog.go would import log/slog; gjson's init would keep its modifiers;
	// go-app's HTTP handler would import text/template; package html keeps
	// its entity table.
	for _, sym := range []string{"net/http.(*Client).do", "crypto/tls.(*Conn).clientHandshake", "go.mau.fi/util/exhttp.init", "net.(*Dialer).DialContext", "runtime/debug.ReadBuildInfo", "log/slog..inittask", "github.com/tidwall/gjson.modPretty", "text/template..inittask", "html..inittask"} {
		if strings.Contains(deps.String(), "-> "+sym+"\n") {
			t.Errorf("app.wasm links %s", sym)
		}
	}
}

// The copies' escapeHTML must escape exactly as html.EscapeString, which
// it replaces: its replacer's pairs, read back from the added source, give
// the same output.
func TestEscapeHTMLIsEscapeString(t *testing.T) {
	src := escapeHTMLSource("app")
	start := strings.Index(src, "strings.NewReplacer(")
	if start < 0 || !strings.HasPrefix(src, "//go:build js\n\npackage app\n") {
		t.Fatalf("unexpected source:\n%s", src)
	}
	args := src[start+len("strings.NewReplacer(") : strings.Index(src[start:], ")\n")+start]
	var pairs []string
	for _, a := range strings.Split(args, ", ") {
		s, err := strconv.Unquote(a)
		if err != nil {
			t.Fatalf("argument %s: %v", a, err)
		}
		pairs = append(pairs, s)
	}
	r := strings.NewReplacer(pairs...)
	for _, s := range []string{"", "plain", `<b a="1" b='2'>&amp;</b>`, "é <script>alert(1)</script>"} {
		if got, want := r.Replace(s), html.EscapeString(s); got != want {
			t.Errorf("escapeHTML(%q) = %q, html.EscapeString gives %q", s, got, want)
		}
	}
}
