package matrix

import (
	"runtime"

	"maunium.net/go/mautrix"
)

// newAPI builds an unauthenticated mautrix client on baseURL for discovery,
// login and registration.
func newAPI(baseURL string) (*mautrix.Client, error) {
	api, err := mautrix.NewClient(baseURL, "", "")
	if err != nil {
		return nil, err
	}
	api.Client = httpClient
	if runtime.GOOS == "js" {
		// A custom User-Agent is not a CORS-safelisted header: it would make
		// every GET a preflighted request, and the browser sets its own.
		api.UserAgent = ""
	}
	return api, nil
}
