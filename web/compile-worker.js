// Hello Matrix: compiles app.wasm in a worker thread, then warms it up.
//
// 1. Compiling while the bytes stream in keeps a thread busy for the whole
//    download (each chunk is decoded where it arrives). Here that thread is
//    this worker, not the page's.
// 2. V8 compiles each WebAssembly function the first time it is called, on
//    the calling thread, and shares the compiled code with every thread that
//    uses the same module. Running the program once here, which stops in
//    main when it sees no document (see warmUpOnly in app/), compiles the Go
//    runtime's start-up and every package's initialisation in this worker,
//    so the page does not pay for that on its own thread. It also decodes
//    the chapters' index the page carries (hmWarmUpIndex), as the page
//    does before its first render.
//
// The page only instantiates the module, while the warm-up runs, and starts
// it once the warm-up is over (see fixAppJS in app/).
self.onmessage = async (event) => {
  const { wasm, glue, env, index } = event.data;
  let module;
  try {
    module = await WebAssembly.compileStreaming(fetch(wasm));
  } catch (err) {
    self.postMessage({ error: String(err) });
    return;
  }
  // The page can instantiate the module while the warm-up runs.
  self.postMessage({ module });
  let exitCode = -1;
  let failed = "";
  try {
    importScripts(glue);
    self.goappGetenv = (k) => env[k];
    self.hmWarmUpIndex = index || "";
    const go = new Go();
    go.exit = (code) => { exitCode = code; };
    const instance = await WebAssembly.instantiate(module, go.importObject);
    const ran = go.run(instance).then(() => true);
    const enough = new Promise((resolve) => setTimeout(() => resolve(false), 3000));
    // A program that ended badly (a panic) failed, whatever the time.
    if ((await Promise.race([ran, enough])) && exitCode !== 0) {
      failed = "the warm-up run exited with code " + exitCode;
    }
  } catch (err) {
    // Only a lost head start: the page compiles what it needs as it goes.
    console.warn("warming up app.wasm failed:", err);
    failed = String(err);
  }
  // Not warmed up and not failed: the 3 s were over first (a busy machine).
  self.postMessage({ warmedUp: exitCode === 0, failed });
};
