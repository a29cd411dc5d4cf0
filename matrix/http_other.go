//go:build !js

package matrix

import "net/http"

// send is (*http.Client).Do outside the browser.
func send(c *http.Client, req *http.Request) (*http.Response, error) { return c.Do(req) }
