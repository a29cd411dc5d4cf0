//go:build js && wasm

package matrix

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"syscall/js"
	"unicode/utf8"
)

// BrowserKVPrefix namespaces every key Hello Matrix keeps in localStorage,
// so the session is stored as "hellomatrix.session".
const BrowserKVPrefix = "hellomatrix."

// binaryMarker starts values that were not valid UTF-8 (or that themselves
// start with NUL) and are therefore stored base64-encoded: localStorage holds
// strings only, and converting arbitrary bytes to a JS string would corrupt
// them. JSON never starts with NUL, so ordinary values stay readable in the
// browser's dev tools.
const binaryMarker = "\x00b64:"

// BrowserKV is a KV on window.localStorage. localStorage is shared by every
// tab of the same origin and survives reloads, which is what a reader who
// signs in inside one chapter and moves to the next expects.
type BrowserKV struct {
	prefix string
}

// NewBrowserKV returns a KV on localStorage with keys prefixed by
// BrowserKVPrefix. It fails when the browser denies storage (some private
// modes, storage disabled by policy); callers can then fall back to
// NewMemoryKV and tell the reader the sign-in will not be remembered.
func NewBrowserKV() (*BrowserKV, error) {
	kv := &BrowserKV{prefix: BrowserKVPrefix}
	if _, err := kv.storage(); err != nil {
		return nil, err
	}
	// Accessing the object can succeed while writes throw (Safari private
	// mode used to do that), so probe with a real write.
	const probe = "__probe__"
	if err := kv.Set(probe, []byte("1")); err != nil {
		return nil, err
	}
	_ = kv.Delete(probe)
	return kv, nil
}

// storage returns window.localStorage. Merely reading the property throws a
// SecurityError when storage is blocked. A plain js.Value.Get cannot catch
// that (the exception escapes wasm_exec.js and kills the program), whereas
// a Call is wrapped in try/catch and surfaces as a js.Error panic, so the
// property is read with Reflect.get through Call, inside jsCall.
func (kv *BrowserKV) storage() (js.Value, error) {
	var ls js.Value
	err := jsCall(func() {
		ls = js.Global().Get("Reflect").Call("get", js.Global(), "localStorage")
	})
	if err != nil {
		return js.Value{}, err
	}
	if ls.IsUndefined() || ls.IsNull() {
		return js.Value{}, errors.New("matrix: this browser offers no localStorage")
	}
	return ls, nil
}

// jsCall runs f and turns a thrown JavaScript exception (which syscall/js
// raises as a Go panic of type js.Error) into an error.
func jsCall(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if je, ok := r.(js.Error); ok {
				err = fmt.Errorf("matrix: localStorage: %s", je.Error())
				return
			}
			panic(r)
		}
	}()
	f()
	return nil
}

// Get implements KV.
func (kv *BrowserKV) Get(key string) ([]byte, bool, error) {
	if key == "" {
		return nil, false, errEmptyKey
	}
	ls, err := kv.storage()
	if err != nil {
		return nil, false, err
	}
	var v js.Value
	if err := jsCall(func() { v = ls.Call("getItem", kv.prefix+key) }); err != nil {
		return nil, false, err
	}
	if v.IsNull() || v.IsUndefined() {
		return nil, false, nil
	}
	s := v.String()
	if rest, ok := strings.CutPrefix(s, binaryMarker); ok {
		b, err := base64.StdEncoding.DecodeString(rest)
		if err != nil {
			return nil, false, fmt.Errorf("matrix: localStorage value for %q is damaged: %w", key, err)
		}
		return b, true, nil
	}
	return []byte(s), true, nil
}

// Set implements KV. A full storage quota surfaces as an error.
func (kv *BrowserKV) Set(key string, value []byte) error {
	if key == "" {
		return errEmptyKey
	}
	ls, err := kv.storage()
	if err != nil {
		return err
	}
	s := string(value)
	if !utf8.Valid(value) || strings.HasPrefix(s, "\x00") {
		s = binaryMarker + base64.StdEncoding.EncodeToString(value)
	}
	return jsCall(func() { ls.Call("setItem", kv.prefix+key, s) })
}

// Delete implements KV.
func (kv *BrowserKV) Delete(key string) error {
	if key == "" {
		return errEmptyKey
	}
	ls, err := kv.storage()
	if err != nil {
		return err
	}
	return jsCall(func() { ls.Call("removeItem", kv.prefix+key) })
}
