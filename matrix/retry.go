package matrix

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"maunium.net/go/mautrix"
)

// retryPolicy bounds how hard a send tries before it gives up and leaves the
// message failed in the outbox for the reader to retry.
type retryPolicy struct {
	Transient   int           // retries after network errors and 5xx answers
	RateLimited int           // retries after 429 M_LIMIT_EXCEEDED
	Backoff     time.Duration // first wait after a transient error; doubles each time
	MaxBackoff  time.Duration
	MaxRateWait time.Duration // a server asking us to wait longer than this is treated as a failure now
	RateDefault time.Duration // wait after a 429 that names no time
}

var defaultRetry = retryPolicy{
	Transient:   4, // about 7.5 s of trying: long enough for a wobbly connection, short enough that the reader is told
	RateLimited: 20,
	Backoff:     500 * time.Millisecond,
	MaxBackoff:  8 * time.Second,
	MaxRateWait: time.Minute,
	RateDefault: time.Second,
}

func (c *Client) retryPolicy() retryPolicy {
	if c.retry != nil {
		return *c.retry
	}
	return defaultRetry
}

// call runs one request through the same bounded retry rules as sends: a
// 429 is waited out as the server asks, and for idempotent requests (a
// repeat cannot do anything twice: joins, lookups) network errors and 5xx
// answers are retried with backoff. Non-idempotent ones (creating a room)
// are only retried after a 429, where the server did nothing. Tokens are
// renewed as needed (authed). The error is classified for op.
func (c *Client) call(ctx context.Context, op string, idempotent bool, fn func(context.Context) error) error {
	pol := c.retryPolicy()
	transient, limited := 0, 0
	for {
		err := c.authed(singleAttempt(ctx), fn)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return classify(ctx.Err(), op)
		}
		class, wait := retryClass(err, pol.RateDefault)
		switch {
		case class == failRateLimited && limited < pol.RateLimited && wait <= pol.MaxRateWait:
			limited++
		case class == failTransient && idempotent && transient < pol.Transient:
			wait = min(pol.Backoff<<transient, pol.MaxBackoff)
			transient++
		default:
			return classify(err, op)
		}
		if !sleepCtx(ctx, wait) {
			return classify(ctx.Err(), op)
		}
	}
}

// singleAttempt tells mautrix to make exactly one HTTP attempt. Its own retry
// loop (DefaultHTTPRetries, off by default but a public field) would sleep
// on 429s and 5xx behind our back and multiply our bounded retries.
func singleAttempt(ctx context.Context) context.Context {
	return context.WithValue(ctx, mautrix.MaxAttemptsContextKey, 1)
}

type failureClass int

const (
	failPermanent failureClass = iota
	failTransient
	failRateLimited
)

// retryClass decides whether an error is worth another attempt, and for a
// 429 how long the server asked us to wait (Retry-After header, else the
// body's retry_after_ms, else def).
func retryClass(err error, def time.Duration) (failureClass, time.Duration) {
	var herr mautrix.HTTPError
	if !errors.As(err, &herr) {
		return failPermanent, 0
	}
	if herr.Response == nil || bodyCutOff(herr) {
		// No answer at all (offline, server restarting, connection reset),
		// or one that broke off mid-body.
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return failPermanent, 0
		}
		return failTransient, 0
	}
	switch code := herr.Response.StatusCode; {
	case code == http.StatusTooManyRequests || errors.Is(err, mautrix.MLimitExceeded):
		return failRateLimited, retryAfter(herr, def)
	case code >= 500:
		return failTransient, 0
	}
	return failPermanent, 0
}

func retryAfter(herr mautrix.HTTPError, def time.Duration) time.Duration {
	if h := herr.Response.Header.Get("Retry-After"); h != "" {
		if s, err := strconv.Atoi(strings.TrimSpace(h)); err == nil && s >= 0 {
			return time.Duration(s) * time.Second
		}
		if t, err := http.ParseTime(h); err == nil {
			if d := time.Until(t); d > 0 {
				return d
			}
			return 0
		}
	}
	if herr.RespError != nil {
		if ms, ok := herr.RespError.ExtraData["retry_after_ms"].(float64); ok && ms >= 0 {
			return time.Duration(ms) * time.Millisecond
		}
	}
	return def
}

// sleepCtx waits d, or less if ctx ends; it reports whether the full wait
// happened.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
