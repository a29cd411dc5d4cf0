//go:build js && wasm

package live

import (
	"net/url"
	"syscall/js"
)

// pageURL is the address of the page the guide runs in.
func pageURL() *url.URL {
	u, _ := url.Parse(js.Global().Get("location").Get("href").String())
	return u
}
