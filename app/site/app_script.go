package site

import (
	"fmt"
	"regexp"
)

// go-app's app.js hands app.wasm to the browser through a ReadableStream of
// its own that counts bytes for a progress label, so every chunk of the
// download passes through the page's main thread, and the label is hidden
// anyway (see .goapp-app-info in app.css). Even with fetch's own response,
// streaming compilation decodes each chunk on the thread that receives it.
// So the WASM is compiled, and its start-up code warmed up, in a worker
// (web/compile-worker.js says how) and the page only instantiates the
// result; where workers or module transfer are not available, it falls back
// to compiling while it downloads, as before.
// Figures before and after: BENCHMARKS.md.
var wasmInstantiate = regexp.MustCompile(`instantiateStreaming\(\s*fetchWithProgress\(("[^"]*/)app\.wasm"\s*, showProgress\)`)

// compileWorkerFile is the worker's name in web/.
const compileWorkerFile = "compile-worker.js"

// instantiateOffThread replaces go-app's call. It is given the WASM's URL
// and the worker's, and resolves like instantiateStreaming ({instance}).
// The worker also needs wasm_exec.js, found through the page's own script
// tag, and go-app's settings (goappEnv, from app.js); it gets the page's
// chapters' index too, for the warm-up. <html data-wasm-
// compile> says which way the module was compiled, for the tests and for
// anyone looking at a slow start, and performance marks (hm-wasm-compiled,
// hm-wasm-warmed-up, hm-go-start) time the steps.
const instantiateOffThread = `
async function hmInstantiate(wasmURL, workerURL, importObject) {
  const mark = (how) => { document.documentElement.dataset.wasmCompile = how; };
  await null; // the rest of app.js, hmAppWanted included, is defined by now
  try {
    const glue = document.querySelector('script[src$="wasm_exec.js"]').src;
    const compiled = await new Promise((resolve, reject) => {
      const worker = new Worker(workerURL);
      let instantiating;
      worker.onmessage = (e) => {
        if (e.data.module) {
          performance.mark("hm-wasm-compiled");
          // Instantiate here while the worker warms the module up.
          instantiating = WebAssembly.instantiate(e.data.module, importObject);
          instantiating.catch(() => {});
          return;
        }
        worker.terminate();
        instantiating ? resolve({ instantiating, warmedUp: e.data.warmedUp, failed: e.data.failed }) : reject(new Error(e.data.error));
      };
      worker.onerror = (e) => {
        worker.terminate();
        reject(new Error(e.message));
      };
      // The chapters' index (page_index.go), for the warm-up to decode.
      const index = document.getElementById("` + PageIndexID + `");
      worker.postMessage({ wasm: new URL(wasmURL, location.href).href, glue: glue, env: goappEnv, index: index ? index.textContent : "" });
    });
    performance.mark("hm-wasm-warmed-up");
    const instance = await compiled.instantiating;
    mark(compiled.warmedUp ? "worker, warmed up" : compiled.failed ? "worker, warm-up failed" : "worker, warm-up cut short");
    await hmAppWanted; // app_start.go
    // Instantiating and starting Go as two tasks, not one long one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    performance.mark("hm-go-start");
    window.hmGoStarted = true;
    return { instance };
  } catch (err) {
    console.warn("compiling app.wasm in a worker failed, compiling here:", err);
    mark("page");
    await hmAppWanted;
    window.hmGoStarted = true;
    return WebAssembly.instantiateStreaming(fetch(wasmURL), importObject);
  }
}
`

// fixAppJS applies that change to go-app's generated app.js. It fails when
// go-app's script no longer has the call, so an upgrade cannot silently
// bring the slow path back.
func fixAppJS(js []byte) ([]byte, error) {
	m := wasmInstantiate.FindAllSubmatch(js, -1)
	if len(m) != 1 {
		return nil, fmt.Errorf("app.js: expected go-app's instantiateStreaming(fetchWithProgress(.../app.wasm, ...)) call once, found it %d times", len(m))
	}
	dir := string(m[0][1]) // `"/web/` (with the site's prefix)
	call := fmt.Sprintf("hmInstantiate(%sapp.wasm\", %s%s\"", dir, dir, compileWorkerFile)
	out := wasmInstantiate.ReplaceAllLiteral(js, []byte(call))
	out = append(out, []byte(instantiateOffThread)...)
	out = append(out, []byte(startOnIntent)...)
	return append(out, []byte(languageScript)...), nil
}
