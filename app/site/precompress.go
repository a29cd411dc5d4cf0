package site

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
)

// Text files smaller than this gain too little from compression to be worth
// a second and third copy.
const precompressMinSize = 1024

// precompressedKinds are the text files worth compressing ahead of time, so
// hosts that can serve a file's .br or .gz twin (nginx's brotli_static and
// gzip_static, Caddy's precompressed) send them without compressing on
// every request. app.wasm is by far the largest file and always gets both.
var precompressedKinds = map[string]bool{
	".html": true, ".js": true, ".css": true, ".json": true,
	".webmanifest": true, ".svg": true, ".wasm": true,
}

// precompressTree writes name.br and name.gz beside each such file in dir,
// reusing twins that are already there and at least as new (web/app.wasm.br
// from make wasm takes a long time to produce at the highest level).
func precompressTree(dir string) error {
	return filepath.WalkDir(dir, func(file string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !precompressedKinds[filepath.Ext(file)] {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() <= precompressMinSize && filepath.Ext(file) != ".wasm" {
			return nil
		}
		if !hasFreshTwin(file+".gz", info) {
			if err := gzipFile(file); err != nil {
				return err
			}
		}
		if !hasFreshTwin(file+".br", info) {
			if err := brotliFile(file); err != nil {
				return err
			}
		}
		return nil
	})
}

func hasFreshTwin(twin string, original fs.FileInfo) bool {
	info, err := os.Stat(twin)
	return err == nil && isFreshTwin(info, original)
}

func gzipFile(file string) error {
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.Write(raw)
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(file+".gz", buf.Bytes(), 0o644)
}

// brotliFile uses the brotli command-line tool: Go's standard library has no
// brotli encoder, and the module set is fixed.
func brotliFile(file string) error {
	tool, err := exec.LookPath("brotli")
	if err != nil {
		return errors.New("the brotli command is needed to precompress the site: apt-get install -y brotli")
	}
	out, err := exec.Command(tool, "-f", "-q", "11", "-k", file).CombinedOutput()
	if err != nil {
		return fmt.Errorf("brotli %s: %v: %s", file, err, out)
	}
	return nil
}
