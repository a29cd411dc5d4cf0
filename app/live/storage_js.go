//go:build js && wasm

package live

import (
	"strings"
	"syscall/js"

	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// openStorage uses localStorage, or memory when the browser refuses it
// (some private windows), saying so once, in w's words.
func openStorage(w *words.Words) storage {
	sessions, err := matrix.NewBrowserSessionStore()
	if err != nil {
		return memoryStorage(errorSentence(w, err))
	}
	kv, err := matrix.NewBrowserKV()
	if err != nil {
		return memoryStorage(errorSentence(w, err))
	}
	return storage{sessions: sessions, kv: kv}
}

// clearLocalData removes every localStorage item the live client or the
// core wrote (session, outbox, notes): all of them share the core's prefix,
// so items added later are covered too. The theme choice has its own key
// and stays.
func clearLocalData() {
	defer func() { recover() }() // storage blocked: nothing was stored either
	storage := js.Global().Get("localStorage")
	var doomed []string
	for i, n := 0, storage.Get("length").Int(); i < n; i++ {
		if key := storage.Call("key", i).String(); strings.HasPrefix(key, matrix.BrowserKVPrefix) {
			doomed = append(doomed, key)
		}
	}
	for _, key := range doomed {
		storage.Call("removeItem", key)
	}
}
