package wasmsize

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
)

// Table is a WASM's bytes by package, largest first.
type Table struct {
	Packages  []Package
	Code      int64 // bytes of all function bodies
	Data      int64 // bytes of the data section
	NamedData int64 // the part of Data that Packages account for (Measure)
	Total     int64 // the whole file
	mod       *module
	grouper   *Grouper
}

// Package is one import path's part of the WASM.
type Package struct {
	Path      string
	Bytes     int64 // sum of its function bodies
	Functions int
	DataBytes int64 // sum of its data symbols the WASM keeps (Measure)
}

// Total is the package's code and data.
func (p Package) Total() int64 { return p.Bytes + p.DataBytes }

// Share is the package's part of the code and named data, in percent.
func (t *Table) Share(p Package) float64 {
	return 100 * float64(p.Total()) / float64(max(t.Code+t.NamedData, 1))
}

// Analyze reads a WASM built without -s and sums its functions by package.
func Analyze(wasm []byte, g *Grouper) (*Table, error) {
	m, err := parse(wasm)
	if err != nil {
		return nil, err
	}
	if len(m.names) == 0 {
		return nil, fmt.Errorf("wasmsize: the WASM has no function names (built with -ldflags=-s?)")
	}
	t := &Table{Data: m.data, Total: int64(len(wasm)), mod: m, grouper: g}
	by := map[string]*Package{}
	for i, body := range m.bodies {
		path := g.Package(m.names[uint32(m.imported+i)])
		p := by[path]
		if p == nil {
			p = &Package{Path: path}
			by[path] = p
		}
		p.Bytes += int64(len(body))
		p.Functions++
		t.Code += int64(len(body))
	}
	for _, p := range by {
		t.Packages = append(t.Packages, *p)
	}
	t.sort()
	return t, nil
}

func (t *Table) sort() {
	sort.Slice(t.Packages, func(i, j int) bool {
		a, b := t.Packages[i], t.Packages[j]
		return a.Total() > b.Total() || a.Total() == b.Total() && a.Path < b.Path
	})
}

// Function is one function's name (as the name section has it) and size.
type Function struct {
	Name  string
	Bytes int64
}

// Functions lists the functions of one package, largest first.
func (t *Table) Functions(path string) []Function {
	var out []Function
	for i, body := range t.mod.bodies {
		name := t.mod.names[uint32(t.mod.imported+i)]
		if t.grouper.Package(name) == path {
			out = append(out, Function{name, int64(len(body))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Bytes > out[j].Bytes })
	return out
}

// BrotliAlone estimates what a package costs in the brotli download: its
// function bodies, one after another, compressed on their own as make wasm
// compresses app.wasm (brotli -q 11). Compressed apart from the rest they
// come out somewhat larger than their true part of app.wasm.br, so read it
// as an upper bound and for comparing packages.
func (t *Table) BrotliAlone(path string) (int64, error) {
	var buf bytes.Buffer
	for i, body := range t.mod.bodies {
		if t.grouper.Package(t.mod.names[uint32(t.mod.imported+i)]) == path {
			buf.Write(body)
		}
	}
	dir, err := os.MkdirTemp("", "hm-wasmsize-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	f := filepath.Join(dir, "code")
	if err := os.WriteFile(f, buf.Bytes(), 0o644); err != nil {
		return 0, err
	}
	if out, err := exec.Command("brotli", "-q", "11", "-k", f).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("brotli: %v\n%s", err, out)
	}
	st, err := os.Stat(f + ".br")
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}
