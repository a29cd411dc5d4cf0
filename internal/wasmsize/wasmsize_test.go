package wasmsize

import (
	"bytes"
	"testing"
)

var buildPaths = []string{
	"runtime", "slices", "hellomatrix/matrix", "hellomatrix/app", "maunium.net/go/mautrix",
	"maunium.net/go/mautrix/crypto", "maunium.net/go/mautrix/event", "gopkg.in/yaml.v3",
	"github.com/maxence-charriere/go-app/v9/pkg/app",
}

// The symbols are spelled as the linker spells them and sanitized as it
// writes them into the name section.
func TestGrouperPlacesSymbols(t *testing.T) {
	g := NewGrouper(buildPaths, "hellomatrix/app")
	for _, c := range []struct{ symbol, want string }{
		{"maunium.net/go/mautrix/crypto.(*OlmMachine).ShareKeys", "maunium.net/go/mautrix/crypto"},
		{"maunium.net/go/mautrix/crypto.(*OlmMachine).ShareKeys.func1", "maunium.net/go/mautrix/crypto"},
		{"maunium.net/go/mautrix.(*Client).Sync", "maunium.net/go/mautrix"},
		{"type:.eq.maunium.net/go/mautrix/event.Content", "maunium.net/go/mautrix/event"},
		{"type:.hash.maunium.net/go/mautrix/event.Type", "maunium.net/go/mautrix/event"},
		{"type:*hellomatrix/matrix.Client", "hellomatrix/matrix"},
		{"main.(*liveChat).Render", "hellomatrix/app"},
		{"main.main", "hellomatrix/app"},
		{"slices.SortFunc[go.shape.struct { ID maunium.net/go/mautrix/id.RoomID }]", "slices"},
		{"slices.pdqsortCmpFunc[go.shape.*hellomatrix/matrix.room]", "slices"},
		{"gopkg.in/yaml%2ev3.Marshal", "gopkg.in/yaml.v3"},
		{"github.com/maxence-charriere/go-app/v9/pkg/app.(*htmlDiv).Mount", "github.com/maxence-charriere/go-app/v9/pkg/app"},
		{"runtime.memeq", "runtime"},
		{"go:buildid", Linker},
		{"go:struct { io.Reader; io.WriterTo }.Read", Linker},
		{"wasm_pc_f_loop", Linker},
		{"_rt0_wasm_js", Linker},
		{"type:.eq.[2]interface {}", Other},
		{"somewhere/else.F", Other},
	} {
		if got := g.Package(Sanitize(c.symbol)); got != c.want {
			t.Errorf("Package(Sanitize(%q)) = %q, want %q", c.symbol, got, c.want)
		}
	}
}

func TestSanitizeAsTheLinker(t *testing.T) {
	if got, want := Sanitize("maunium.net/go/mautrix/crypto.(*OlmMachine).X"), "maunium.net_go_mautrix_crypto.__OlmMachine_.X"; got != want {
		t.Errorf("Sanitize = %q, want %q", got, want)
	}
}

// A module written here by hand: one imported function, three defined
// ones (the index space counts the import first), names for them, data.
func TestAnalyzeSumsFunctionsByPackage(t *testing.T) {
	var w bytes.Buffer
	w.WriteString("\x00asm\x01\x00\x00\x00")
	section := func(id byte, body []byte) {
		w.WriteByte(id)
		w.Write(uleb(len(body)))
		w.Write(body)
	}
	name := func(s string) []byte { return append(uleb(len(s)), s...) }
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

	section(sectionImport, cat(uleb(2),
		name("go"), name("debug"), []byte{0}, uleb(0), // a function
		name("env"), name("mem"), []byte{2, 1}, uleb(1), uleb(2))) // a memory with limits
	bodies := [][]byte{make([]byte, 100), make([]byte, 30), make([]byte, 7)}
	code := uleb(len(bodies))
	for _, b := range bodies {
		code = cat(code, uleb(len(b)), b)
	}
	section(sectionCode, code)
	section(sectionData, make([]byte, 50))
	names := cat(uleb(4),
		uleb(0), name("runtime.wasmExit"),
		uleb(1), name(Sanitize("maunium.net/go/mautrix/crypto.(*OlmMachine).Encrypt")),
		uleb(2), name(Sanitize("main.main")),
		uleb(3), name(Sanitize("maunium.net/go/mautrix/crypto.init")))
	section(sectionCustom, cat(name("name"), []byte{1}, uleb(len(names)), names))

	tab, err := Analyze(w.Bytes(), NewGrouper(buildPaths, "hellomatrix/app"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Package{
		{Path: "maunium.net/go/mautrix/crypto", Bytes: 107, Functions: 2},
		{Path: "hellomatrix/app", Bytes: 30, Functions: 1},
	}
	if len(tab.Packages) != len(want) || tab.Packages[0] != want[0] || tab.Packages[1] != want[1] {
		t.Errorf("packages = %+v, want %+v", tab.Packages, want)
	}
	if tab.Code != 137 || tab.Data != 50 || tab.Total != int64(w.Len()) {
		t.Errorf("code %d, data %d, total %d; want 137, 50, %d", tab.Code, tab.Data, tab.Total, w.Len())
	}
	if fs := tab.Functions("maunium.net/go/mautrix/crypto"); len(fs) != 2 || fs[0].Bytes != 100 {
		t.Errorf("functions = %+v", fs)
	}
	if _, err := Analyze(w.Bytes()[:w.Len()-5], NewGrouper(nil, "")); err == nil {
		t.Error("a cut-off module was read without an error")
	}
}

func uleb(n int) []byte {
	var b []byte
	for {
		c := byte(n & 0x7f)
		n >>= 7
		if n == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func TestDataSymbolsFromNMAndDump(t *testing.T) {
	nm := []byte("   92177          1 R go:string.\" \"\n" +
		"   da03a         14 R go:string.\" a second time\"\n" +
		"                  0 U fmt.Sprintf\n" +
		"   863f8      17064 d hellomatrix/pages..stmp_61<1>\n" +
		"   1000         300 T hellomatrix/pages.Servers\n" +
		"   2000          64 B hellomatrix/pages.cache\n" +
		"/cache/xx-d(_go_.o):\t  6e9a2d       1872 R type:runtime.m\n")
	got := parseNM(nm)
	want := []dataSymbol{{`go:string." "`, 1}, {`go:string." a second time"`, 14}, {"hellomatrix/pages..stmp_61", 17064}, {"type:runtime.m", 1872}}
	if len(got) != len(want) {
		t.Fatalf("parseNM = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("parseNM[%d] = %+v, want %+v", i, got[i], want[i])
		}
	}
	kept := reachable([]byte("# hellomatrix/app\n" +
		"hellomatrix/pages.generatedServers -> hellomatrix/pages..stmp_61\n" +
		"main.f -> type:*hellomatrix/matrix.Client <UsedInIface>\n"))
	if !kept["hellomatrix/pages..stmp_61"] || !kept["type:*hellomatrix/matrix.Client"] || kept["main.f"] {
		t.Errorf("reachable = %v", kept)
	}
}
