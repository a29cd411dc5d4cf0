package wasmsize

import (
	"fmt"
	"regexp"
	"strings"
)

// notInName is what Go's WASM linker replaces with "_" when it writes a
// symbol's name into the name section (cmd/link/internal/wasm, nameRegexp):
// "maunium.net/go/mautrix/crypto.(*OlmMachine).Share" is stored as
// "maunium.net_go_mautrix_crypto.__OlmMachine_.Share".
var notInName = regexp.MustCompile(`[^\w.]`)

// Sanitize gives a linker symbol name as the WASM's name section has it.
func Sanitize(symbol string) string { return notInName.ReplaceAllString(symbol, "_") }

// Linker and Other are the groups of names that belong to no package:
// what the linker makes itself ("go:…", the runtime's WASM entry points
// such as wasm_pc_f_loop) and names the grouping cannot place.
const (
	Linker = "(linker)"
	Other  = "(other)"
)

// A Grouper places function names, as the name section has them, in the
// Go package they were compiled from. Sanitized names lose the "/" that
// ends a package path, so it matches them against the sanitized import
// paths of the packages that went into the build.
type Grouper struct {
	paths map[string]string // sanitized import path → import path
}

// NewGrouper takes the import paths of the build (go list -deps). The
// package called main is the first path that is not found under another
// name; pass it as mainPath so its symbols, named "main.…", carry it.
func NewGrouper(importPaths []string, mainPath string) *Grouper {
	g := &Grouper{paths: map[string]string{}}
	for _, p := range importPaths {
		g.paths[Sanitize(pathToPrefix(p))] = p
	}
	if mainPath != "" {
		g.paths["main"] = mainPath
	}
	return g
}

// Package returns the import path name belongs to, or Linker, or Other.
// name is sanitized, as read from the name section; pass Sanitize(symbol)
// for a symbol name as the linker spells it.
func (g *Grouper) Package(name string) string {
	// Something derived from a type ("type:*T", and the equality and hash
	// functions "type:.eq.T", "type:.hash.T") costs the package that
	// declares the type.
	rest, typ := strings.CutPrefix(name, "type_")
	if typ {
		for _, p := range []string{".eq.", ".hash.", "."} {
			if r, ok := strings.CutPrefix(rest, p); ok {
				rest = r
				break
			}
		}
		name = rest
	}
	// A pointer type or a receiver ("(*T).M") leaves underscores.
	name = strings.TrimLeft(name, "_")
	// The longest known path followed by a dot: "maunium.net_go_mautrix"
	// and "maunium.net_go_mautrix_crypto" are both packages.
	best := ""
	for i := strings.IndexByte(name, '.'); i >= 0; {
		if p, ok := g.paths[name[:i]]; ok {
			best = p
		}
		next := strings.IndexByte(name[i+1:], '.')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	switch {
	case best != "":
		return best
	case typ:
		return Other
	case strings.HasPrefix(name, "go_"), strings.HasPrefix(name, "wasm_"), !strings.Contains(name, "."):
		return Linker
	}
	return Other
}

// pathToPrefix escapes an import path as the compiler does in symbol names
// (cmd/internal/objabi.PathToPrefix): a dot in the last element, and
// control characters, spaces, '%' and '"', become %xx, so
// "gopkg.in/yaml.v3" names its symbols "gopkg.in/yaml%2ev3.…".
func pathToPrefix(s string) string {
	slash := strings.LastIndex(s, "/")
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || (c == '.' && i > slash) || c == '%' || c == '"' || c >= 0x7F {
			fmt.Fprintf(&b, "%%%02x", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
