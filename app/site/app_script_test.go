package site

import (
	"strings"
	"testing"

	"hellomatrix/pages"
)

// The served app.js compiles app.wasm in the worker instead of pushing it
// through go-app's progress stream on the page's thread.
func TestAppJSCompilesInTheWorker(t *testing.T) {
	js := mustGet(t, "/app.js").Body
	if !strings.Contains(js, `hmInstantiate("/web/app.wasm", "/web/`+compileWorkerFile+`",`) {
		t.Error("app.js does not call hmInstantiate with the WASM and the worker")
	}
	if strings.Count(js, "async function hmInstantiate(") != 1 {
		t.Error("app.js does not define hmInstantiate once")
	}
	// Go starts on the reader's first intent (app_start.go), not at load.
	if strings.Count(js, "await hmAppWanted;") != 2 || strings.Count(js, "const hmAppWanted = ") != 1 {
		t.Error("app.js does not wait for the reader's intent before starting Go")
	}
	if strings.Contains(js, `fetchWithProgress("/web/app.wasm"`) {
		t.Error("app.js still streams app.wasm through fetchWithProgress")
	}
	worker := mustGet(t, "/web/"+compileWorkerFile)
	if !strings.Contains(worker.Body, "WebAssembly.compileStreaming") {
		t.Errorf("the worker script is not what web/%s should be", compileWorkerFile)
	}
}

// A go-app upgrade that changes the call must fail loudly, not leave the
// slow path in place.
func TestFixAppJSRefusesUnknownScripts(t *testing.T) {
	for _, js := range []string{
		`const wasm = await instantiateStreaming(fetch("/web/app.wasm"), go.importObject);`,
		`instantiateStreaming(fetchWithProgress("/web/app.wasm", showProgress), a); instantiateStreaming(fetchWithProgress("/web/app.wasm", showProgress), b);`,
	} {
		if _, err := fixAppJS([]byte(js)); err == nil {
			t.Errorf("fixAppJS accepted %q", js)
		}
	}
}

// go-app's own stylesheet only styles its loading cover, which the guide
// hides: the pages must not wait for it before painting.
func TestPagesSkipGoAppStylesheet(t *testing.T) {
	for _, path := range []string{"/", pages.Chapters()[0].Path()} {
		page := mustGet(t, path).Body
		if strings.Contains(page, `href="/app.css"`) {
			t.Errorf("%s still links go-app's /app.css", path)
		}
		if !strings.Contains(page, `href="`+stylesheet+`"`) {
			t.Errorf("%s lost the guide's own stylesheet", path)
		}
	}
}
