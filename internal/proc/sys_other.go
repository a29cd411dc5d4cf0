//go:build !unix

package proc

import (
	"errors"
	"os"
	"os/exec"
	"syscall"
)

// Outside Unix (in practice: js/wasm, where nothing calls these) there are
// no process groups or file locks to use.

func ownGroup(*exec.Cmd) {}

func signalGroup(int, syscall.Signal) error { return errors.ErrUnsupported }

func alive(int) bool { return false }

func tryLock(*os.File) error { return errors.ErrUnsupported }

func unlockFile(*os.File) {}
