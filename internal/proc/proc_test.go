package proc

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A second Lock on the same file waits for the first to be released, and
// gives up with a sentence naming the file when its limit runs out.
func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.lock")
	unlock, err := Lock(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Lock(path, 300*time.Millisecond); err == nil || !strings.Contains(err.Error(), path) {
		t.Fatalf("second Lock while held = %v; want a time-out naming %s", err, path)
	}
	unlock()
	again, err := Lock(path, 300*time.Millisecond)
	if err != nil {
		t.Fatalf("Lock after unlock: %v", err)
	}
	again()
}

// StopGroup ends a child and the grandchild it started, which a plain
// kill of the child would leave running.
func TestStopGroupEndsGrandchildren(t *testing.T) {
	cmd := exec.Command("sh", "-c", "sleep 60 & echo $!; wait")
	OwnGroup(cmd)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var b [32]byte
	n, _ := out.Read(b[:])
	var grandchild int
	for _, c := range strings.TrimSpace(string(b[:n])) {
		grandchild = grandchild*10 + int(c-'0')
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	StopGroup(cmd.Process.Pid, done, 5*time.Second)
	for i := 0; i < 50 && Alive(grandchild); i++ {
		time.Sleep(20 * time.Millisecond)
	}
	if grandchild == 0 || Alive(grandchild) {
		t.Errorf("grandchild %d still alive after StopGroup", grandchild)
	}
}
