package loadtest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestRefusesNonLoopback(t *testing.T) {
	for _, base := range []string{"http://example.org", "http://10.1.2.3:8000", "http://0.0.0.0:8000", "ftp://127.0.0.1", "http://127.0.0.1.example.org"} {
		_, err := Run(context.Background(), Config{Base: base, Routes: []Route{{Path: "/"}}, Requests: 1, Concurrency: 1, TimeCap: time.Second})
		if err == nil || !strings.Contains(err.Error(), "loadtest:") {
			t.Errorf("Run against %s: %v, want a refusal", base, err)
		}
	}
}

// The run makes exactly the requests asked for, round-robin over the
// routes, and counts non-200 answers and failed checks as errors.
func TestRunCountsRequestsAndErrors(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/missing":
			http.NotFound(w, r)
		case "/wasm":
			if r.Header.Get("Accept-Encoding") == "br" {
				w.Header().Set("Content-Encoding", "br")
			}
			w.Write([]byte("x"))
		default:
			w.Write([]byte("ok"))
		}
	}))
	defer srv.Close()
	routes := []Route{
		{Path: "/"},
		{Path: "/missing"},
		{Path: "/wasm", Header: http.Header{"Accept-Encoding": {"br"}}, Check: wantEncoding("br")},
		{Path: "/plain", Check: wantEncoding("br")},
	}
	res, err := Run(context.Background(), Config{Base: srv.URL, Routes: routes, Requests: 100, Concurrency: 4, TimeCap: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests() != 100 || hits.Load() != 100 {
		t.Errorf("%d requests recorded, %d reached the server; want 100", res.Requests(), hits.Load())
	}
	if res.Errors() != 50 {
		t.Errorf("%d errors, want 50 (every /missing and /plain)", res.Errors())
	}
	var out strings.Builder
	res.Print(&out)
	for _, want := range []string{"load_requests: 100\n", "load_errors: 50\n", "load_p99_ms: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
}

func TestPercentile(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	if p := percentile(d, 99); p != 99*time.Millisecond {
		t.Errorf("p99 of 1..100 ms = %s, want 99ms", p)
	}
	if p := percentile(d[:1], 99); p != time.Millisecond {
		t.Errorf("p99 of one sample = %s", p)
	}
	if p := percentile(nil, 99); p != 0 {
		t.Errorf("p99 of nothing = %s", p)
	}
}
