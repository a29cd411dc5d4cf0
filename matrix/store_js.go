//go:build js && wasm

package matrix

// NewBrowserSessionStore keeps the session in localStorage under
// "hellomatrix.session". It fails (KindStorage) when the browser refuses
// storage; the widget can then use NewMemorySessionStore and tell the
// reader they will have to sign in again after a reload.
func NewBrowserSessionStore() (SessionStore, error) {
	kv, err := NewBrowserKV()
	if err != nil {
		return nil, &Error{Kind: KindStorage, Reason: ReasonNoBrowserStorage, Err: err}
	}
	return NewSessionStore(kv), nil
}
