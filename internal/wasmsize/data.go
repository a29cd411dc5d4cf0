package wasmsize

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// The data section keeps no names, but the linker's symbols do: each
// package's archive (go list -export) lists its data symbols with their
// sizes (go tool nm -size), and the linker's dependency dump (-dumpdep)
// says which of them the WASM kept. Their sum is each package's data.
// What the linker writes itself (the function table pclntab, the module
// data, the type and itab lists) is in no archive: Table.Data minus the
// packages' data.

// reachable reads a -dumpdep dump: every symbol something points to.
func reachable(dump []byte) map[string]bool {
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(dump))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		if _, to, ok := strings.Cut(sc.Text(), " -> "); ok {
			out[strings.TrimSuffix(to, " <UsedInIface>")] = true
		}
	}
	return out
}

// nmLine is one line of go tool nm -size: address (blank for an undefined
// symbol), size, type, name (which may hold spaces: go:string."a b").
// Names never hold "):\t".
var nmLine = regexp.MustCompile(`^\s*(?:[0-9a-f]+\s+)?(\d+)\s+(\S)\s+(.*)$`)

// fileLocal ends the name of a symbol local to one object file ("<1>"),
// which the dependency dump names without it.
var fileLocal = regexp.MustCompile(`<\d+>$`)

// dataSymbol is a data symbol of an archive: D and R (data, read-only
// data) and their file-local forms d and r. B (zeroed) takes no bytes in
// the WASM's data section.
type dataSymbol struct {
	name string
	size int64
}

func parseNM(out []byte) []dataSymbol {
	var syms []dataSymbol
	for _, line := range strings.Split(string(out), "\n") {
		// An archive of several object files (Go and assembly) names
		// the file first: "ARCHIVE(_go_.o):\t".
		if i := strings.Index(line, "):\t"); i >= 0 {
			line = line[i+3:]
		}
		m := nmLine.FindStringSubmatch(line)
		if m == nil || !strings.Contains("DdRr", m[2]) {
			continue
		}
		size, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || size == 0 {
			continue
		}
		syms = append(syms, dataSymbol{fileLocal.ReplaceAllString(m[3], ""), size})
	}
	return syms
}

// archive is one package of the build and its compiled archive.
type archive struct{ path, file string }

// addData sums the kept data symbols of every archive by package. A
// symbol in several archives (strings and type descriptors are written by
// every package that uses them) counts once. A type's descriptor goes to
// the package that declares the type; other shared symbols to the first
// package that has them, in go list's order (dependencies first).
func (t *Table) addData(archives []archive, kept map[string]bool) error {
	seen := map[string]bool{}
	by := map[string]int64{}
	for _, a := range archives {
		if a.file == "" {
			continue
		}
		out, err := exec.Command("go", "tool", "nm", "-size", a.file).Output()
		if err != nil {
			return fmt.Errorf("wasmsize: go tool nm %s: %v", a.path, err)
		}
		for _, s := range parseNM(out) {
			if seen[s.name] || !kept[s.name] {
				continue
			}
			seen[s.name] = true
			path := a.path
			if strings.HasPrefix(s.name, "type:") {
				if p := t.grouper.Package(Sanitize(s.name)); p != Other && p != Linker {
					path = p
				}
			}
			by[path] += s.size
		}
	}
	index := map[string]int{}
	for i, p := range t.Packages {
		index[p.Path] = i
	}
	for path, n := range by {
		i, ok := index[path]
		if !ok {
			i = len(t.Packages)
			t.Packages = append(t.Packages, Package{Path: path})
		}
		t.Packages[i].DataBytes += n
		t.NamedData += n
	}
	t.sort()
	return nil
}
