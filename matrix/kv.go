package matrix

import (
	"errors"
	"sync"
)

// KV is the small persistent key-value store the core keeps its state in:
// the signed-in session (see SessionStore) and anything else that must
// survive a page reload, such as an outbox of unsent messages.
//
// It is deliberately tiny so that it maps one-to-one onto the browser's
// localStorage (js/wasm, see NewBrowserKV), a directory of files (native, see
// NewFileKV) and a map (tests, see NewMemoryKV). Values are opaque bytes;
// callers usually store JSON. Keys are short names such as "session" or
// "outbox"; every implementation namespaces them itself, so callers should
// not add an application prefix.
//
// Implementations are safe for concurrent use by several goroutines. They are
// not transactions: the last Set wins.
type KV interface {
	// Get returns the value for key; ok is false (and err nil) when the key
	// is not there.
	Get(key string) (value []byte, ok bool, err error)
	// Set stores value under key, replacing what was there.
	Set(key string, value []byte) error
	// Delete removes key. Deleting a missing key is not an error.
	Delete(key string) error
}

// errEmptyKey is returned for "" keys: every backend would store them in a
// surprising place (a file named after the directory, a bare prefix in
// localStorage), so none accepts them.
var errEmptyKey = errors.New("matrix: empty KV key")

// MemoryKV is a KV that lives only as long as the process (or browser tab).
// It is used in tests and as the fallback when the browser refuses storage
// (private windows with storage disabled).
type MemoryKV struct {
	mu sync.Mutex
	m  map[string][]byte
}

// NewMemoryKV returns an empty in-memory KV.
func NewMemoryKV() *MemoryKV { return &MemoryKV{m: map[string][]byte{}} }

// Get implements KV. It returns a copy so callers cannot change stored data
// by accident.
func (kv *MemoryKV) Get(key string) ([]byte, bool, error) {
	if key == "" {
		return nil, false, errEmptyKey
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	v, ok := kv.m[key]
	if !ok {
		return nil, false, nil
	}
	return append([]byte(nil), v...), true, nil
}

// Set implements KV; it stores a copy of value.
func (kv *MemoryKV) Set(key string, value []byte) error {
	if key == "" {
		return errEmptyKey
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if kv.m == nil {
		kv.m = map[string][]byte{}
	}
	kv.m[key] = append([]byte{}, value...)
	return nil
}

// Delete implements KV.
func (kv *MemoryKV) Delete(key string) error {
	if key == "" {
		return errEmptyKey
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	delete(kv.m, key)
	return nil
}
