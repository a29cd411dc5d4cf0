package loadtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Route is one URL to load, with what a good answer looks like.
type Route struct {
	Path   string      // path and query, e.g. "/search?q=matrix"
	Header http.Header // extra request headers, e.g. Accept-Encoding
	// Check inspects a 200 answer beyond its status (nil: any 200 will do).
	Check func(*http.Response) error
}

// Config bounds one run. Every field has a limit so that a run can never
// turn into an open-ended flood.
type Config struct {
	Base        string        // http://127.0.0.1:PORT; loopback only
	Routes      []Route       // visited round-robin
	Requests    int           // total requests, shared by all workers
	Concurrency int           // requests in flight at once
	TimeCap     time.Duration // the run stops early when this has passed
}

// Run sends cfg.Requests requests, cfg.Concurrency at a time, cycling
// through the routes in order, and returns what it measured. It refuses any
// base that is not a loopback address.
func Run(ctx context.Context, cfg Config) (*Result, error) {
	if err := checkLoopback(cfg.Base); err != nil {
		return nil, err
	}
	if len(cfg.Routes) == 0 || cfg.Requests <= 0 || cfg.Concurrency <= 0 || cfg.TimeCap <= 0 {
		return nil, errors.New("loadtest: need routes, and positive requests, concurrency and time cap")
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.TimeCap)
	defer cancel()
	client := &http.Client{
		Transport: &http.Transport{
			MaxIdleConnsPerHost: cfg.Concurrency,
			// Accept-Encoding is set per route; the transport must not add
			// its own gzip and decode behind our back.
			DisableCompression: true,
		},
		Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
	defer client.CloseIdleConnections()

	res := newResult(cfg.Routes)
	next := make(chan int)
	go func() {
		defer close(next)
		for i := range cfg.Requests {
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	start := time.Now()
	var wg sync.WaitGroup
	for range cfg.Concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				route := cfg.Routes[i%len(cfg.Routes)]
				took, err := fetch(ctx, client, cfg.Base, route)
				res.record(route.Path, took, err)
			}
		}()
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	res.CutShort = ctx.Err() != nil && res.Requests() < cfg.Requests
	return res, nil
}

// fetch makes one request and reads the whole answer, which is what a
// browser waits for.
func fetch(ctx context.Context, client *http.Client, base string, route Route) (time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+route.Path, nil)
	if err != nil {
		return 0, err
	}
	for k, v := range route.Header {
		req.Header[k] = v
	}
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return time.Since(start), err
	}
	defer resp.Body.Close()
	_, err = io.Copy(io.Discard, resp.Body)
	took := time.Since(start)
	if err != nil {
		return took, err
	}
	if resp.StatusCode != http.StatusOK {
		return took, fmt.Errorf("%s: %s", route.Path, resp.Status)
	}
	if route.Check != nil {
		if err := route.Check(resp); err != nil {
			return took, fmt.Errorf("%s: %w", route.Path, err)
		}
	}
	return took, nil
}

// checkLoopback refuses targets other than this machine: this is a load
// generator, and it must never be pointed at someone else's server.
func checkLoopback(base string) error {
	u, err := url.Parse(base)
	if err != nil {
		return fmt.Errorf("loadtest: target %q: %w", base, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("loadtest: target %q is not an http(s) URL", base)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); (ip == nil || !ip.IsLoopback()) && !strings.EqualFold(host, "localhost") {
		return fmt.Errorf("loadtest: refusing target %q: only loopback addresses (127.0.0.1, ::1, localhost)", base)
	}
	return nil
}
