// Package wasmsize says where app.wasm's bytes go: it reads a WASM built
// without -s (so the linker writes the "name" section), takes each
// function's body size from the code section and its linker symbol name
// from the name section, and sums them by Go package. The data section
// (strings, type descriptors, the function table pclntab, package data) is
// one figure beside them: the WASM keeps no names for it. `make bench`
// prints the largest packages; cmd/wasm-size prints any number of them, or
// the largest functions of one package.
package wasmsize
