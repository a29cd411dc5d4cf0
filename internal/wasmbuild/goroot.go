package wasmbuild

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// The standard library's own code can keep what a browser never runs, the
// same way a dependency's can (copies.go): net/http imports crypto/tls,
// which since Go 1.26 imports crypto/hpke (for encrypted client hello), and
// hpke's package variables hold the NIST curves P-256, P-384 and P-521, so
// their initialisation kept every curve's arithmetic (crypto/internal/
// fips140/nistec and its fiat fields) although nothing in app.wasm uses
// TLS or hpke: the browser does TLS for fetch. go build -overlay (which,
// unlike for the module cache, accepts files of GOROOT) builds the WASM
// against copies of two hpke files where those curves are set on first
// use instead (hmNISTCurves), which keeps hpke's behaviour for a caller
// and lets the linker drop the curves when there is none. The same way,
// P-256's table of precomputed points and ECDSA's self-tests are kept only
// when something signs or multiplies on P-256. BENCHMARKS.md has the sizes.
type gorootPatch struct {
	pkg   string // import path, a folder under GOROOT/src
	edits []edit
	added map[string]string
}

var gorootPatches = []gorootPatch{{
	pkg: "crypto/hpke",
	edits: []edit{
		{file: "kem.go", before: "var dhKEMP256 = &dhKEM{HKDFSHA256(), 0x0010, ecdh.P256(), 32, 32, 65}\n",
			after: "var dhKEMP256 = &dhKEM{HKDFSHA256(), 0x0010, nil, 32, 32, 65} // curve: hmNISTCurves\n"},
		{file: "kem.go", before: "var dhKEMP384 = &dhKEM{HKDFSHA384(), 0x0011, ecdh.P384(), 48, 48, 97}\n",
			after: "var dhKEMP384 = &dhKEM{HKDFSHA384(), 0x0011, nil, 48, 48, 97} // curve: hmNISTCurves\n"},
		{file: "kem.go", before: "var dhKEMP521 = &dhKEM{HKDFSHA512(), 0x0012, ecdh.P521(), 64, 66, 133}\n",
			after: "var dhKEMP521 = &dhKEM{HKDFSHA512(), 0x0012, nil, 64, 66, 133} // curve: hmNISTCurves\n"},
		{file: "kem.go", before: "func DHKEM(curve ecdh.Curve) KEM {\n",
			after: "func DHKEM(curve ecdh.Curve) KEM {\n\thmNISTCurves()\n"},
		{file: "pq.go", before: "\tcurve: ecdh.P256(),\n", after: "\tcurve: nil, // hmNISTCurves\n"},
		{file: "pq.go", before: "\tcurve: ecdh.P384(),\n", after: "\tcurve: nil, // hmNISTCurves\n"},
		{file: "pq.go", before: "func MLKEM768P256() KEM {\n", after: "func MLKEM768P256() KEM {\n\thmNISTCurves()\n"},
		{file: "pq.go", before: "func MLKEM1024P384() KEM {\n", after: "func MLKEM1024P384() KEM {\n\thmNISTCurves()\n"},
		// NewHybridPublicKey and newHybridPrivateKey hand out the hybrid
		// KEMs too.
		{file: "pq.go", before: "\tswitch t.Curve() {\n", after: "\thmNISTCurves()\n\tswitch t.Curve() {\n", n: 2},
	},
	added: map[string]string{"zz_hellomatrix_curves.go": `package hpke

import (
	"crypto/ecdh"
	"sync"
)

// hmNISTCurves sets the NIST curves of the KEMs that use them, on first
// use rather than at package initialisation, so a program that never uses
// them does not keep their code. (A function, not a sync.OnceFunc value:
// a package variable's initial value is always kept.) Added by
// hellomatrix/internal/wasmbuild for the WASM build only.
func hmNISTCurves() { hmNISTOnce.Do(hmSetNISTCurves) }

var hmNISTOnce sync.Once

func hmSetNISTCurves() {
	dhKEMP256.curve = ecdh.P256()
	dhKEMP384.curve = ecdh.P384()
	dhKEMP521.curve = ecdh.P521()
	mlkem768P256.curve = ecdh.P256()
	mlkem1024P384.curve = ecdh.P384()
}
`},
}, {
	// nistec's P-256 keeps its 88 KB table of the generator's multiples
	// (random-looking bytes brotli cannot shrink) by an init that points a
	// variable at it; set on first use instead, in ScalarBaseMult, its
	// only reader. Only the generic P-256 (p256.go) is patched: amd64 and
	// arm64 builds use p256_asm.go, which this leaves alone.
	pkg: "crypto/internal/fips140/nistec",
	edits: []edit{
		{file: "p256.go", before: "func init() {\n\tp256GeneratorTablesPtr := unsafe.Pointer(&p256PrecomputedEmbed)\n",
			after: "var hmTablesOnce sync.Once // set by hmSetTables; added by hellomatrix/internal/wasmbuild\n\nfunc hmSetTables() {\n\tp256GeneratorTablesPtr := unsafe.Pointer(&p256PrecomputedEmbed)\n"},
		{file: "p256.go", before: "func (p *P256Point) ScalarBaseMult(scalar []byte) (*P256Point, error) {\n",
			after: "func (p *P256Point) ScalarBaseMult(scalar []byte) (*P256Point, error) {\n\thmTablesOnce.Do(hmSetTables)\n"},
	},
}, {
	// ecdsa's two self-tests are package variables holding sync.OnceFunc
	// closures, and a package variable's initial value is always kept, so
	// they kept P-256 signing and verifying (and so that table) in a
	// program that never signs. As functions over a sync.Once they are
	// kept only when Sign or Verify is.
	pkg: "crypto/internal/fips140/ecdsa",
	edits: []edit{
		{file: "cast.go", before: "var fipsSelfTest = sync.OnceFunc(func() {\n",
			after: "func fipsSelfTest() { hmSelfTestOnce.Do(hmSelfTest) }\n\nvar hmSelfTestOnce sync.Once // added by hellomatrix/internal/wasmbuild\n\nfunc hmSelfTest() {\n"},
		{file: "cast.go", before: "var fipsSelfTestDeterministic = sync.OnceFunc(func() {\n",
			after: "func fipsSelfTestDeterministic() { hmSelfTestDetOnce.Do(hmSelfTestDeterministic) }\n\nvar hmSelfTestDetOnce sync.Once // added by hellomatrix/internal/wasmbuild\n\nfunc hmSelfTestDeterministic() {\n"},
		{file: "cast.go", before: "\t})\n})\n", after: "\t})\n}\n", n: 2},
	},
}}

// Overlay writes the patched standard-library files under root/.build/wasm
// and returns the path of the overlay file for go build -overlay. Unlike a
// dependency's patch, a standard-library file that no longer has a line
// the patch replaces (another Go release) is not an error: the overlay is
// left out, the WASM is only larger, and a warning says so.
func Overlay(root string) (string, error) {
	out, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		return "", fmt.Errorf("wasmbuild: go env GOROOT: %v", err)
	}
	goroot := strings.TrimSpace(string(out))
	dir := filepath.Join(root, ".build", "wasm", "goroot")
	replace := map[string]string{}
	for _, p := range gorootPatches {
		files, err := p.write(filepath.Join(goroot, "src", filepath.FromSlash(p.pkg)), filepath.Join(dir, filepath.FromSlash(p.pkg)))
		if err != nil {
			fmt.Fprintf(os.Stderr, "wasmbuild: warning: building without the %s patch: %v\n", p.pkg, err)
			continue
		}
		for k, v := range files {
			replace[k] = v
		}
	}
	body, err := json.MarshalIndent(map[string]any{"Replace": replace}, "", "\t")
	if err != nil {
		return "", err
	}
	path := filepath.Join(root, ".build", "wasm", "overlay.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return path, writeIfChanged(path, body)
}

// write puts the patched and added files of p in dst and returns the
// overlay's entries: the GOROOT path each one stands for, and its copy.
func (p gorootPatch) write(src, dst string) (map[string]string, error) {
	patched := map[string][]byte{}
	for _, e := range p.edits {
		body, ok := patched[e.file]
		if !ok {
			var err error
			if body, err = os.ReadFile(filepath.Join(src, e.file)); err != nil {
				return nil, err
			}
		}
		body, err := e.apply(body)
		if err != nil {
			return nil, err
		}
		patched[e.file] = body
	}
	for name, body := range p.added {
		patched[name] = []byte(body)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return nil, err
	}
	files := map[string]string{}
	for name, body := range patched {
		if err := writeIfChanged(filepath.Join(dst, name), body); err != nil {
			return nil, err
		}
		files[filepath.Join(src, name)] = filepath.Join(dst, name)
	}
	return files, nil
}
