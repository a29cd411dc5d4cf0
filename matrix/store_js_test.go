//go:build js && wasm

package matrix

import (
	"bytes"
	"syscall/js"
	"testing"
)

// These run under Node (GOOS=js GOARCH=wasm go test -exec go_js_wasm_exec),
// which has no localStorage: installStorage puts a minimal one with the Web
// Storage semantics the code relies on (getItem gives null when missing,
// values are strings) on globalThis. It stands in for the browser's API,
// not for anything Matrix.
func installStorage(t *testing.T, body string) {
	t.Helper()
	js.Global().Get("Function").New(body).Invoke()
	t.Cleanup(func() { js.Global().Delete("localStorage") })
}

const workingStorage = `
	const m = new Map();
	globalThis.localStorage = {
		getItem: (k) => m.has(k) ? m.get(k) : null,
		setItem: (k, v) => { m.set(k, String(v)); },
		removeItem: (k) => { m.delete(k); },
		_raw: m,
	};`

func TestBrowserKV(t *testing.T) {
	installStorage(t, workingStorage)
	kv, err := NewBrowserKV()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := kv.Get("outbox"); ok || err != nil {
		t.Fatalf("Get(missing) = %v %v", ok, err)
	}
	for _, v := range [][]byte{[]byte(`{"a":1}`), {0, 0xff, 1}, []byte("\x00starts with NUL"), {}} {
		if err := kv.Set("outbox", v); err != nil {
			t.Fatal(err)
		}
		got, ok, err := kv.Get("outbox")
		if err != nil || !ok || !bytes.Equal(got, v) {
			t.Fatalf("round trip %q: got %q %v %v", v, got, ok, err)
		}
	}
	// JSON is stored as readable text under the prefixed key.
	kv.Set("outbox", []byte(`{"a":1}`))
	raw := js.Global().Get("localStorage").Get("_raw").Call("get", "hellomatrix.outbox")
	if raw.String() != `{"a":1}` {
		t.Errorf("stored %q", raw.String())
	}
	if err := kv.Delete("outbox"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := kv.Get("outbox"); ok {
		t.Fatal("still there after Delete")
	}

	st, err := NewBrowserSessionStore()
	if err != nil {
		t.Fatal(err)
	}
	sess := Session{HomeserverURL: "https://matrix.example.org", UserID: "@alice:example.org", DeviceID: "DEV", AccessToken: "tok"}
	if err := st.Save(sess); err != nil {
		t.Fatal(err)
	}
	if js.Global().Get("localStorage").Get("_raw").Call("has", "hellomatrix.session").Bool() != true {
		t.Error(`no "hellomatrix.session" item`)
	}
	got, err := st.Load()
	if err != nil || got == nil || *got != sess {
		t.Fatalf("Load = %+v %v", got, err)
	}
	if err := st.Clear(); err != nil {
		t.Fatal(err)
	}
}

func TestBrowserKVRefused(t *testing.T) {
	// Storage disabled: reading window.localStorage throws SecurityError.
	installStorage(t, `
		Object.defineProperty(globalThis, "localStorage", {
			configurable: true,
			get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
		});`)
	if _, err := NewBrowserKV(); err == nil {
		t.Fatal("NewBrowserKV worked without storage")
	}
	_, err := NewBrowserSessionStore()
	if KindOf(err) != KindStorage {
		t.Fatalf("err = %v", err)
	}

	// Quota exceeded (or Safari's old private mode): writes throw.
	installStorage(t, `
		globalThis.localStorage = {
			getItem: () => null,
			setItem: () => { throw new DOMException("quota", "QuotaExceededError"); },
			removeItem: () => {},
		};`)
	if _, err := NewBrowserKV(); err == nil {
		t.Fatal("NewBrowserKV worked with a storage that refuses writes")
	}
	kv := &BrowserKV{prefix: BrowserKVPrefix}
	if err := kv.Set("x", []byte("y")); err == nil {
		t.Fatal("Set succeeded against a throwing setItem")
	}
}
