package proc

import (
	"errors"
	"fmt"
	"os"
	"time"
)

// Lock takes an exclusive advisory lock on path (creating the file),
// waiting for another holder to let go. With a positive limit it gives up
// after that long; with zero it waits as long as it takes. The returned
// unlock releases the lock and closes the file.
func Lock(path string, limit time.Duration) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(limit)
	for {
		err := tryLock(f)
		if err == nil {
			return func() { unlockFile(f); f.Close() }, nil
		}
		if !errors.Is(err, errBusy) {
			f.Close()
			return nil, err
		}
		if limit > 0 && time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("waited %s for the lock on %s", limit, path)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TryLock takes the exclusive advisory lock on path (creating the file) if
// nobody holds it, without waiting; if someone does, the error is ErrHeld.
// The lock lasts while the returned file, or any copy of its descriptor
// (one handed to a child process), stays open.
func TryLock(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := tryLock(f); err != nil {
		f.Close()
		if errors.Is(err, errBusy) {
			return nil, ErrHeld
		}
		return nil, err
	}
	return f, nil
}

// ErrHeld is TryLock's answer when another holder has the lock.
var ErrHeld = errBusy

// errBusy is tryLock's answer when someone else holds the lock.
var errBusy = errors.New("proc: lock held elsewhere")
