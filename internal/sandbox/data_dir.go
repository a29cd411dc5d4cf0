package sandbox

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
)

// dataParts are what a practice server keeps in its folder.
var dataParts = []string{"dendrite", "greeter", "shared-secret"}

// DataDir is the folder under base for the practice server at addr. Each
// port has its own: the port is part of the server's name (localhost:PORT),
// and so of every user ID and room on it, so data made under one name can
// never serve another (Dendrite refuses to make the greeter again, and its
// stored session points at the old port). Data kept directly in base, as
// before there was one folder per port, first moves into the folder of the
// name its greeter was made under.
func DataDir(base, addr string) (string, error) {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("sandbox: address %q: %w", addr, err)
	}
	if err := moveSingleServerData(base); err != nil {
		return "", err
	}
	return filepath.Join(base, portDir(port)), nil
}

func portDir(port string) string { return "localhost-" + port }

// moveSingleServerData moves data from the earlier layout (everything
// directly in base) into its port's folder. Without a readable greeter
// session there is no telling which server the data belongs to, so it is
// left where it is.
func moveSingleServerData(base string) error {
	b, err := os.ReadFile(filepath.Join(base, "greeter", "session"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var sess struct {
		UserID string `json:"user_id"`
	}
	if json.Unmarshal(b, &sess) != nil {
		return nil
	}
	_, name, ok := strings.Cut(sess.UserID, ":")
	port, found := strings.CutPrefix(name, "localhost:")
	if !ok || !found || port == "" || strings.ContainsAny(port, `/\.`) {
		return nil
	}
	dst := filepath.Join(base, portDir(port))
	if _, err := os.Stat(dst); err == nil {
		return nil // that port already has its own data; leave both alone
	}
	if err := os.MkdirAll(dst, 0o700); err != nil {
		return err
	}
	for _, part := range dataParts {
		err := os.Rename(filepath.Join(base, part), filepath.Join(dst, part))
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("sandbox: moving %s into %s: %w", part, dst, err)
		}
	}
	return nil
}
