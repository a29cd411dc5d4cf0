package waitup

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// ErrExited means the process ended before the URL answered.
var ErrExited = errors.New("the process exited before it answered")

// ErrTimeout means the URL did not answer 200 within the limit.
var ErrTimeout = errors.New("no answer in time")

// HTTP200 polls url until it answers 200 OK, the process behind it exits
// (exited is closed), or limit passes.
func HTTP200(ctx context.Context, url string, exited <-chan struct{}, limit time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-exited:
			return ErrExited
		case <-ctx.Done():
			return ErrTimeout
		case <-time.After(100 * time.Millisecond):
		}
	}
}
