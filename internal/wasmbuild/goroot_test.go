package wasmbuild

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// hpkeRoundTrip seals and opens a message with every KEM the overlay
// changes, reached every way a caller can reach it, so the curves set on
// first use are there whichever way comes first.
const hpkeRoundTrip = `package main

import (
	"bytes"
	"crypto/ecdh"
	"crypto/hpke"
	"crypto/mlkem"
	"crypto/rand"
	"fmt"
	"os"
)

func roundTrip(name string, kem hpke.KEM) {
	priv, err := kem.GenerateKey()
	check(name, err)
	msg := []byte("hello " + name)
	ct, err := hpke.Seal(priv.PublicKey(), hpke.HKDFSHA256(), hpke.AES128GCM(), nil, msg)
	check(name, err)
	pt, err := hpke.Open(priv, hpke.HKDFSHA256(), hpke.AES128GCM(), nil, ct)
	check(name, err)
	if !bytes.Equal(pt, msg) {
		check(name, fmt.Errorf("opened %q", pt))
	}
}

func check(name string, err error) {
	if err != nil {
		fmt.Println(name, err)
		os.Exit(1)
	}
}

func main() {
	// A fresh process per way in would be stricter; the first call in this
	// one goes through NewDHKEMPublicKey, which does not name a KEM.
	k, err := ecdh.P384().GenerateKey(rand.Reader)
	check("NewDHKEMPublicKey", err)
	pub, err := hpke.NewDHKEMPublicKey(k.PublicKey())
	check("NewDHKEMPublicKey", err)
	if _, err := hpke.Seal(pub, hpke.HKDFSHA256(), hpke.AES128GCM(), nil, []byte("x")); err != nil {
		check("NewDHKEMPublicKey", err)
	}
	for _, c := range []ecdh.Curve{ecdh.P256(), ecdh.P384(), ecdh.P521()} {
		roundTrip(fmt.Sprint(c), hpke.DHKEM(c))
	}
	for _, id := range []uint16{0x0010, 0x0011, 0x0012, 0x0050, 0x0051} {
		kem, err := hpke.NewKEM(id)
		check(fmt.Sprint(id), err)
		roundTrip(fmt.Sprint(id), kem)
	}
	roundTrip("MLKEM768P256", hpke.MLKEM768P256())
	roundTrip("MLKEM1024P384", hpke.MLKEM1024P384())
	dk, err := mlkem.GenerateKey768()
	check("NewHybridPublicKey", err)
	t, err := ecdh.P256().GenerateKey(rand.Reader)
	check("NewHybridPublicKey", err)
	if _, err := hpke.NewHybridPublicKey(dk.EncapsulationKey(), t.PublicKey()); err != nil {
		check("NewHybridPublicKey", err)
	}
	fmt.Println("ok")
}
`

// The standard-library patch applies to this Go release (the build only
// warns when it does not) and hpke still works with it: the NIST curves it
// now sets on first use are there for every way in.
func TestOverlayKeepsHPKEWorking(t *testing.T) {
	root := t.TempDir()
	overlay, err := Overlay(root)
	if err != nil {
		t.Fatal(err)
	}
	var o struct{ Replace map[string]string }
	body, err := os.ReadFile(overlay)
	if err == nil {
		err = json.Unmarshal(body, &o)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Replace) != 5 {
		t.Fatalf("the overlay has %d files, want hpke's kem.go, pq.go and the added one, nistec's p256.go and ecdsa's cast.go: %v", len(o.Replace), o.Replace)
	}
	prog := t.TempDir()
	if err := os.WriteFile(filepath.Join(prog, "go.mod"), []byte("module hpketest\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prog, "main.go"), []byte(hpkeRoundTrip), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "run", "-overlay", overlay, ".")
	cmd.Dir = prog
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil || strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("hpke with the overlay: %v\n%s", err, out)
	}
}

// p256RoundTrip signs, verifies and agrees keys on P-256, the users of the
// generator table the overlay now points at on first use, and checks
// them against fixed answers so a wrong table would show.
const p256RoundTrip = `package main

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
)

func check(what string, err error) {
	if err != nil {
		fmt.Println(what, err)
		os.Exit(1)
	}
}

func main() {
	// The public key of the private scalar 1 is the generator itself.
	one := make([]byte, 32)
	one[31] = 1
	k, err := ecdh.P256().NewPrivateKey(one)
	check("NewPrivateKey", err)
	g := elliptic.P256().Params()
	want := "04" + fmt.Sprintf("%064x%064x", g.Gx, g.Gy)
	if got := hex.EncodeToString(k.PublicKey().Bytes()); got != want {
		check("1·G", fmt.Errorf("got %s, want %s", got, want))
	}
	a, err := ecdh.P256().GenerateKey(rand.Reader)
	check("GenerateKey", err)
	b, err := ecdh.P256().GenerateKey(rand.Reader)
	check("GenerateKey", err)
	ab, err := a.ECDH(b.PublicKey())
	check("ECDH", err)
	ba, err := b.ECDH(a.PublicKey())
	check("ECDH", err)
	if hex.EncodeToString(ab) != hex.EncodeToString(ba) {
		check("ECDH", fmt.Errorf("the two sides disagree"))
	}
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	check("ecdsa.GenerateKey", err)
	h := sha256.Sum256([]byte("hello"))
	sig, err := ecdsa.SignASN1(rand.Reader, priv, h[:])
	check("SignASN1", err)
	if !ecdsa.VerifyASN1(&priv.PublicKey, h[:], sig) {
		check("VerifyASN1", fmt.Errorf("a good signature was refused"))
	}
	h[0] ^= 1
	if ecdsa.VerifyASN1(&priv.PublicKey, h[:], sig) {
		check("VerifyASN1", fmt.Errorf("a signature of another hash was accepted"))
	}
	fmt.Println("ok")
}
`

// P-256 still works with the nistec and ecdsa patches. Built with purego,
// as the WASM is without assembly, the patched generic p256.go is used on
// this machine too. FIPS mode refuses purego, so the self-tests, now
// functions over a sync.Once, run (GODEBUG=fips140=on) in a plain build.
func TestOverlayKeepsP256Working(t *testing.T) {
	overlay, err := Overlay(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	prog := t.TempDir()
	if err := os.WriteFile(filepath.Join(prog, "go.mod"), []byte("module p256test\n\ngo 1.26\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(prog, "main.go"), []byte(p256RoundTrip), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, way := range []struct{ tags, godebug string }{{"purego", ""}, {"", "fips140=on"}} {
		cmd := exec.Command("go", "run", "-tags="+way.tags, "-overlay", overlay, ".")
		cmd.Dir = prog
		cmd.Env = append(os.Environ(), "GOFLAGS=", "GODEBUG="+way.godebug)
		out, err := cmd.CombinedOutput()
		if err != nil || strings.TrimSpace(string(out)) != "ok" {
			t.Fatalf("P-256 with the overlay (tags %q, GODEBUG=%s): %v\n%s", way.tags, way.godebug, err, out)
		}
	}
}
