package matrix

// NewFileSessionStore keeps the session as a JSON file named "session" in
// dir (created 0700; the file is 0600 since it holds an access token). For
// native tools and tests; the browser uses NewBrowserSessionStore.
func NewFileSessionStore(dir string) (SessionStore, error) {
	kv, err := NewFileKV(dir)
	if err != nil {
		return nil, &Error{Kind: KindStorage, Reason: ReasonNoSessionFolder, Err: err}
	}
	return NewSessionStore(kv), nil
}
