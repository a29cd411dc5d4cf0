package matrix

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
)

// FileKV is a KV kept in a directory, one file per key. It is the native
// (non-browser) persistent store: handy for command-line tools and tests.
// Files are created 0600 because the session holds an access token.
type FileKV struct {
	dir string
	mu  sync.Mutex // serialises writers in this process; rename keeps readers safe
}

// NewFileKV returns a KV storing its keys as files in dir, creating dir
// (0700) if needed.
func NewFileKV(dir string) (*FileKV, error) {
	if dir == "" {
		return nil, errors.New("matrix: NewFileKV needs a directory")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("matrix: creating store directory: %w", err)
	}
	return &FileKV{dir: dir}, nil
}

// path maps a key to a file name. Keys are escaped so that "a/b" or "../x"
// can never leave the directory.
func (kv *FileKV) path(key string) (string, error) {
	if key == "" {
		return "", errEmptyKey
	}
	name := url.PathEscape(key)
	if name == "." || name == ".." {
		name = "%2E" + name[1:]
	}
	return filepath.Join(kv.dir, name), nil
}

// Get implements KV.
func (kv *FileKV) Get(key string) ([]byte, bool, error) {
	p, err := kv.path(key)
	if err != nil {
		return nil, false, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return b, true, nil
}

// Set implements KV. It writes a temporary file and renames it over the old
// one, so a crash mid-write leaves either the old or the new value, never
// half of one.
func (kv *FileKV) Set(key string, value []byte) error {
	p, err := kv.path(key)
	if err != nil {
		return err
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	f, err := os.CreateTemp(kv.dir, ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after a successful rename
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(value); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// Delete implements KV.
func (kv *FileKV) Delete(key string) error {
	p, err := kv.path(key)
	if err != nil {
		return err
	}
	kv.mu.Lock()
	defer kv.mu.Unlock()
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
