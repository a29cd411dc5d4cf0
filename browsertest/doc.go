// Package browsertest drives Hello Matrix in a real headless Chromium: the
// real server binary on a loopback port, the real app.wasm, the real service
// worker. All of it is in the tests; this file only names the package.
package browsertest
