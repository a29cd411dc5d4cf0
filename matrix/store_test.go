//go:build !js

package matrix

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func TestKVImplementations(t *testing.T) {
	dir := t.TempDir()
	fkv, err := NewFileKV(filepath.Join(dir, "kv"))
	if err != nil {
		t.Fatal(err)
	}
	for name, kv := range map[string]KV{"memory": NewMemoryKV(), "file": fkv} {
		t.Run(name, func(t *testing.T) {
			if _, ok, err := kv.Get("missing"); ok || err != nil {
				t.Fatalf("Get(missing) = %v, %v", ok, err)
			}
			if err := kv.Delete("missing"); err != nil {
				t.Fatalf("Delete(missing) = %v", err)
			}
			val := []byte{0, 1, 2, 0xff, 'x'} // not text: stored byte for byte
			if err := kv.Set("outbox", val); err != nil {
				t.Fatal(err)
			}
			val[0] = 9 // the store keeps its own copy
			got, ok, err := kv.Get("outbox")
			if err != nil || !ok || !bytes.Equal(got, []byte{0, 1, 2, 0xff, 'x'}) {
				t.Fatalf("Get = %v %v %v", got, ok, err)
			}
			if err := kv.Set("outbox", []byte("v2")); err != nil {
				t.Fatal(err)
			}
			if got, _, _ := kv.Get("outbox"); string(got) != "v2" {
				t.Fatalf("after overwrite: %q", got)
			}
			if err := kv.Delete("outbox"); err != nil {
				t.Fatal(err)
			}
			if _, ok, _ := kv.Get("outbox"); ok {
				t.Fatal("still there after Delete")
			}
			if err := kv.Set("", []byte("x")); err == nil {
				t.Error("empty key accepted")
			}
			// Keys with path characters stay distinct and inside the store.
			for _, k := range []string{"../escape", "a/b", ".", "..", "outbox:@alice:example.org"} {
				if err := kv.Set(k, []byte(k)); err != nil {
					t.Fatalf("Set(%q): %v", k, err)
				}
			}
			for _, k := range []string{"../escape", "a/b", ".", "..", "outbox:@alice:example.org"} {
				if got, ok, _ := kv.Get(k); !ok || string(got) != k {
					t.Errorf("Get(%q) = %q %v", k, got, ok)
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "escape")); err == nil {
		t.Error("a key escaped the store directory")
	}
}

func TestSessionStores(t *testing.T) {
	dir := t.TempDir()
	fs, err := NewFileSessionStore(dir)
	if err != nil {
		t.Fatal(err)
	}
	sess := Session{HomeserverURL: "https://matrix.example.org", UserID: "@alice:example.org", DeviceID: "ABCDEF", AccessToken: "secret"}
	for name, st := range map[string]SessionStore{"memory": NewMemorySessionStore(), "file": fs} {
		t.Run(name, func(t *testing.T) {
			if got, err := st.Load(); got != nil || err != nil {
				t.Fatalf("empty Load = %v, %v", got, err)
			}
			if err := st.Save(sess); err != nil {
				t.Fatal(err)
			}
			got, err := st.Load()
			if err != nil || got == nil || *got != sess {
				t.Fatalf("Load = %+v, %v", got, err)
			}
			if err := st.Clear(); err != nil {
				t.Fatal(err)
			}
			if got, err := st.Load(); got != nil || err != nil {
				t.Fatalf("Load after Clear = %v, %v", got, err)
			}
			assertKind(t, st.Save(Session{UserID: "@alice:example.org"}), KindStorage)
		})
	}

	// The file store writes JSON, readable by people, 0600 (a token).
	if err := fs.Save(sess); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, SessionKey)
	info, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("session file mode %o, want 600", perm)
	}
	raw, _ := os.ReadFile(p)
	if !bytes.Contains(raw, []byte(`"homeserver_url":"https://matrix.example.org"`)) {
		t.Errorf("file content %s", raw)
	}
	// A damaged file is reported once, as a sentence, not as a crash.
	os.WriteFile(p, []byte("{not json"), 0o600)
	_, err = fs.Load()
	assertKind(t, err, KindStorage)
}
