//go:build !(js && wasm)

package live

import "hellomatrix/app/words"

// openStorage: the native build (server, prerenderer, tests) never signs
// anyone in, so memory is all it needs.
func openStorage(*words.Words) storage { return memoryStorage("") }

// clearLocalData has nothing to clear outside the browser.
func clearLocalData() {}
