//go:build js && wasm && hmfetch

package matrix

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strconv"
	"syscall/js"
	"time"
)

// fetch sends req with the browser's fetch and returns the answer as soon
// as its status and headers are in; the body is read on first Read. The
// whole exchange, body included, is bounded by req's context and by
// timeout (none when 0), and ends early when the body is closed unread.
func fetch(req *http.Request, timeout time.Duration) (*http.Response, error) {
	global := js.Global()
	if global.Get("fetch").Type() != js.TypeFunction {
		return nil, errors.New("fetch() failed: this browser has no fetch")
	}
	ctx, cancel := req.Context(), context.CancelFunc(func() {})
	if timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, timeout)
	}

	opts := global.Get("Object").New()
	opts.Set("method", req.Method)
	// The Matrix API authenticates with a header, never cookies.
	opts.Set("credentials", "omit")
	headers := global.Get("Headers").New()
	for name, values := range req.Header {
		for _, v := range values {
			headers.Call("append", name, v)
		}
	}
	opts.Set("headers", headers)
	if req.Body != nil && req.Body != http.NoBody {
		body, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			cancel()
			return nil, err
		}
		if len(body) > 0 {
			buf := global.Get("Uint8Array").New(len(body))
			js.CopyBytesToJS(buf, body)
			opts.Set("body", buf)
		}
	}
	abort := func() {}
	if ac := global.Get("AbortController"); ac.Type() == js.TypeFunction {
		controller := ac.New()
		opts.Set("signal", controller.Get("signal"))
		abort = func() { controller.Call("abort") }
	}

	answer, err := await(ctx, global.Call("fetch", req.URL.String(), opts), abort)
	if err != nil {
		cancel()
		if ctx.Err() != nil {
			return nil, err
		}
		return nil, errors.New("fetch() failed: " + err.Error())
	}

	header := http.Header{}
	forEach := js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) >= 2 {
			header.Add(args[1].String(), args[0].String())
		}
		return nil
	})
	answer.Get("headers").Call("forEach", forEach)
	forEach.Release()

	status := answer.Get("status").Int()
	return &http.Response{
		Status:     strconv.Itoa(status) + " " + answer.Get("statusText").String(),
		StatusCode: status,
		Proto:      "HTTP/1.1",
		ProtoMajor: 1,
		ProtoMinor: 1,
		Header:     header,
		// The browser has already undone any Content-Encoding, so the
		// Content-Length header does not say how long the body is.
		ContentLength: -1,
		Body:          &fetchBody{ctx: ctx, cancel: cancel, abort: abort, answer: answer},
		Request:       req,
	}, nil
}

// fetchBody reads a fetch answer's body in one piece on first Read: the
// core reads every body whole anyway, and Matrix answers are small.
type fetchBody struct {
	ctx    context.Context
	cancel context.CancelFunc
	abort  func()
	answer js.Value

	loaded bool
	data   []byte
	err    error
}

func (b *fetchBody) Read(p []byte) (int, error) {
	if !b.loaded {
		b.loaded = true
		buf, err := await(b.ctx, b.answer.Call("arrayBuffer"), b.abort)
		if err != nil {
			// A body cut off mid-way rejects with the browser's own words;
			// mautrix reports it as "failed to read response body".
			b.err = err
		} else {
			arr := js.Global().Get("Uint8Array").New(buf)
			b.data = make([]byte, arr.Get("length").Int())
			js.CopyBytesToGo(b.data, arr)
		}
		b.answer = js.Undefined()
		b.cancel()
	}
	if len(b.data) > 0 {
		n := copy(p, b.data)
		b.data = b.data[n:]
		return n, nil
	}
	if b.err != nil {
		return 0, b.err
	}
	return 0, io.EOF
}

// Close lets the browser drop an answer nobody read.
func (b *fetchBody) Close() error {
	if !b.loaded {
		b.loaded = true
		b.abort()
		b.answer = js.Undefined()
		b.cancel()
	}
	b.data = nil
	return nil
}
