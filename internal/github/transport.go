// Package github reads what the evaluation needs from GitHub's REST API
// with go-github v60: three newest-first streams per repository, resolved
// team members, and incremental updates, under a transport of our own that
// bounds concurrency, every wait and every read, and rides out faults and
// rate limits.
package github

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Transport is an http.RoundTripper for GitHub's API: at most InFlight
// requests on the wire at once; each try bounded in time and size and
// retried with jittered, bounded backoff when it fails or GitHub answers
// 5xx; rate limits waited out (see judge) within MaxWait in all. A 304 is
// answered as an empty page marked NotModified, so that go-github, which
// treats 304 as an error, reads it as a page.
type Transport struct {
	Base     http.RoundTripper
	InFlight int
	// MaxWait bounds the time one request spends waiting for rate limits,
	// over all its tries.
	MaxWait time.Duration
	// Retries bounds how often one request is sent again, whatever the
	// reason (a 5xx, no answer in time, a rate limit): at most Retries+1
	// tries.
	Retries int
	// AnswerTimeout bounds each try's wait for the answer's headers,
	// connecting included; BodyTimeout bounds reading its body; MaxBody
	// caps the bytes read from it, after decompression.
	AnswerTimeout time.Duration
	BodyTimeout   time.Duration
	MaxBody       int64
	// Notify says something on stderr (waiting for a reset, retrying).
	Notify func(string)
	Now    func() time.Time
	Sleep  func(ctx context.Context, d time.Duration) error

	// token goes only to requests for origin (see authorize).
	token  string
	origin string

	once sync.Once
	sem  chan struct{}

	mu        sync.Mutex
	remaining int // -1 until a response says
	reset     time.Time
	requests  int
	notMod    int
	saidReset time.Time // the reset last announced
}

// The bounds of one try. GitHub itself gives up on a request after 10
// seconds; 30 leave room for a slow network. A body is at most 100 items:
// 100 issues whose bodies reach GitHub's limit of 65,536 characters, each
// written as a 6-byte JSON escape, come to under 40 MB.
const (
	DefaultAnswerTimeout = 30 * time.Second
	DefaultBodyTimeout   = 2 * time.Minute
	DefaultMaxBody       = 64 << 20
	DefaultRetries       = 4
)

// NotModified is the header the transport sets on a 304 it answered with
// an empty page.
const NotModified = "X-Sla-Not-Modified"

// Stats counts what the transport did.
type Stats struct {
	Requests    int // answered by GitHub, retries included
	NotModified int // of which 304s
	Remaining   int // rate limit left, -1 if unknown
	Reset       time.Time
}

// Stats returns the counts so far.
func (t *Transport) Stats() Stats {
	t.mu.Lock()
	defer t.mu.Unlock()
	return Stats{Requests: t.requests, NotModified: t.notMod, Remaining: t.remaining, Reset: t.reset}
}

// DefaultInFlight is how many requests are on the wire at once unless
// InFlight says otherwise.
const DefaultInFlight = 4

// inFlight is the number of requests the transport lets on the wire at
// once: what is worth running side by side above it.
func (t *Transport) inFlight() int {
	t.init()
	return cap(t.sem)
}

func (t *Transport) init() {
	t.once.Do(func() {
		n := t.InFlight
		if n <= 0 {
			n = DefaultInFlight
		}
		t.sem = make(chan struct{}, n)
		t.remaining = -1
		if t.Base == nil {
			t.Base = http.DefaultTransport
		}
		if t.Now == nil {
			t.Now = time.Now
		}
		if t.Sleep == nil {
			t.Sleep = sleep
		}
		if t.Notify == nil {
			t.Notify = func(string) {}
		}
		t.Retries = orDefault(t.Retries, DefaultRetries)
		t.AnswerTimeout = orDefault(t.AnswerTimeout, DefaultAnswerTimeout)
		t.BodyTimeout = orDefault(t.BodyTimeout, DefaultBodyTimeout)
		t.MaxBody = orDefault(t.MaxBody, DefaultMaxBody)
	})
}

func orDefault[T int | int64 | time.Duration](v, def T) T {
	if v > 0 {
		return v
	}
	return def
}

func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// RoundTrip sends a request with the policies above. A request with a body
// is sent again from req.GetBody; one without GetBody is sent once. A write
// (any method but GET and HEAD) is sent again only on GitHub's answer (a
// 5xx, or a rate limit to wait out), never after a connection error or a
// timeout, when GitHub may have applied it already; a write that creates
// something (see once) not after a 5xx either. No in-flight slot is
// held while waiting.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.init()
	ctx := req.Context()
	w := &waits{t: t, req: req}
	for try := 1; ; try++ {
		if err := t.waitForReset(ctx, w); err != nil {
			return nil, err
		}
		resp, wait, err := t.attempt(ctx, req, try, w)
		if err != nil || wait < 0 {
			return resp, err
		}
		if err := t.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// attempt makes one try and judges its answer: the answer to return (and
// a negative wait), the wait before the next try, or an error. It holds an
// in-flight slot until the answer is judged, so that an answer that stops
// the requests beside it (see withStop) stops them before the slot is
// free again: none waiting for it is sent.
func (t *Transport) attempt(ctx context.Context, req *http.Request, try int, w *waits) (*http.Response, time.Duration, error) {
	if err := t.acquire(ctx); err != nil {
		return nil, 0, err
	}
	defer func() { <-t.sem }()
	resp, err := t.send(ctx, req, try)
	if err != nil {
		if ctx.Err() != nil {
			return nil, 0, ctx.Err()
		}
		if !readOnly(req) || !retryable(err) {
			return nil, 0, err
		}
		if try > t.Retries {
			return nil, 0, gaveUp(err, try)
		}
		t.Notify(fmt.Sprintf("%v; trying again", err))
		return nil, backoff(try - 1), nil
	}
	t.record(resp)
	if hasBody(req) && req.GetBody == nil {
		return t.finish(resp), -1, nil // it cannot be sent again
	}
	if resp.StatusCode >= 500 && sentOnce(ctx) {
		return t.finish(resp), -1, nil // GitHub may have made it before it failed
	}
	if resp.StatusCode == http.StatusUnauthorized {
		stopAll(ctx)
	}
	wait, err := t.judge(resp, try, w)
	if err != nil {
		return nil, 0, err
	}
	if wait < 0 {
		return t.finish(resp), -1, nil
	}
	resp.Body.Close()
	return nil, wait, nil
}

// acquire takes an in-flight slot, unless the request is cancelled first.
func (t *Transport) acquire(ctx context.Context) error {
	select {
	case t.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := ctx.Err(); err != nil {
		<-t.sem // both were ready, and select chose the slot
		return err
	}
	return nil
}

// stopKey carries the function that stops the requests sent beside one
// another (a fetch's) when GitHub refuses the token: none of them would
// get past it. (A rate limit used up needs no stop: the slot's next
// request sees it in waitForReset before it is sent.)
type stopKey struct{}

// withStop returns ctx for requests that call stop, while still holding
// their in-flight slot, when GitHub answers 401.
func withStop(ctx context.Context, stop func()) context.Context {
	return context.WithValue(ctx, stopKey{}, stop)
}

func stopAll(ctx context.Context) {
	if stop, ok := ctx.Value(stopKey{}).(func()); ok {
		stop()
	}
}

// send makes one try, in a slot the caller holds. It reads the whole body
// within the time and size bounds, so that a try either fails (and may be
// retried) or yields a complete answer.
func (t *Transport) send(ctx context.Context, req *http.Request, try int) (*http.Response, error) {
	tryCtx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	out := req.Clone(tryCtx)
	if try > 1 && hasBody(req) {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		out.Body = body
	}
	t.authorize(out)
	what := req.Method + " " + req.URL.Path
	noAnswer := &TimeoutError{Request: what, After: t.AnswerTimeout, Tries: 1}
	timer := time.AfterFunc(t.AnswerTimeout, func() { cancel(noAnswer) })
	resp, err := t.Base.RoundTrip(out)
	timer.Stop()
	if err != nil {
		if cause := context.Cause(tryCtx); cause == noAnswer {
			return nil, noAnswer
		}
		return nil, err
	}
	slowBody := &TimeoutError{Request: what, After: t.BodyTimeout, Tries: 1, Body: true}
	timer = time.AfterFunc(t.BodyTimeout, func() { cancel(slowBody) })
	body, err := io.ReadAll(io.LimitReader(resp.Body, t.MaxBody+1))
	timer.Stop()
	resp.Body.Close()
	if err != nil {
		if cause := context.Cause(tryCtx); cause == slowBody || cause == noAnswer {
			return nil, cause
		}
		return nil, fmt.Errorf("reading GitHub's answer to %s: %w", what, err)
	}
	if int64(len(body)) > t.MaxBody {
		return nil, fmt.Errorf("GitHub's answer to %s is larger than %d MiB: not read further", what, t.MaxBody>>20)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	return resp, nil
}

// TimeoutError says that GitHub did not answer a request, or did not
// finish sending its answer, in time, on every try.
type TimeoutError struct {
	Request string // method and path
	After   time.Duration
	Tries   int
	Body    bool // the headers came, the rest of the answer did not
}

func (e *TimeoutError) Error() string {
	what := "answer"
	if e.Body {
		what = "finish sending its answer to"
	}
	msg := fmt.Sprintf("GitHub did not %s %s within %s", what, e.Request, e.After)
	if e.Tries > 1 {
		msg += fmt.Sprintf(" (%d tries)", e.Tries)
	}
	return msg
}

// Timeout marks the error as a timeout, as net.Error does.
func (e *TimeoutError) Timeout() bool { return true }

// gaveUp is the error of a try that failed once too often.
func gaveUp(err error, tries int) error {
	var te *TimeoutError
	if errors.As(err, &te) {
		all := *te
		all.Tries = tries
		return &all
	}
	return fmt.Errorf("%w (%d tries)", err, tries)
}

// record keeps the rate limit GitHub reports.
func (t *Transport) record(resp *http.Response) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.requests++
	if resp.StatusCode == http.StatusNotModified {
		t.notMod++
	}
	if v, ok := headerInt(resp, "X-RateLimit-Remaining"); ok {
		t.remaining = int(v)
	}
	if v, ok := headerInt(resp, "X-RateLimit-Reset"); ok {
		t.reset = time.Unix(v, 0)
	}
}

// finish prepares a response for go-github: a 304 becomes an empty page
// marked NotModified, and every response is marked as if from a cache, so
// that go-github keeps no rate-limit state of its own (it would refuse
// requests before a reset without reaching this transport, which decides
// when to wait).
func (t *Transport) finish(resp *http.Response) *http.Response {
	if resp.StatusCode == http.StatusNotModified {
		resp.StatusCode, resp.Status = http.StatusOK, "200 OK (not modified)"
		resp.Body = io.NopCloser(bytes.NewReader([]byte("[]")))
		resp.ContentLength = 2
		resp.Header.Set(NotModified, "1")
	}
	resp.Header.Set("X-From-Cache", "1")
	return resp
}

// onceKey marks the context of a request that creates something (an
// issue, a comment): sent again after GitHub's answer to a rate limit,
// which refused it, but not after a 5xx, which may come after GitHub made
// it. The next run finds what was made, and makes only what is missing.
type onceKey struct{}

func once(ctx context.Context) context.Context { return context.WithValue(ctx, onceKey{}, true) }

func sentOnce(ctx context.Context) bool { v, _ := ctx.Value(onceKey{}).(bool); return v }

// hasBody reports whether a request carries a body, which a retry must
// send again.
func hasBody(req *http.Request) bool { return req.Body != nil && req.Body != http.NoBody }

// readOnly reports whether a request only reads: sending it twice does no
// harm.
func readOnly(req *http.Request) bool {
	return req.Method == "" || req.Method == http.MethodGet || req.Method == http.MethodHead
}

// retryable reports whether a failed try is worth another: timeouts, and
// connections reset or cut along the way.
func retryable(err error) bool {
	var te *TimeoutError
	var ne net.Error
	if errors.As(err, &te) || errors.As(err, &ne) && ne.Timeout() {
		return true
	}
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "broken pipe")
}

// backoff is the wait before retry n (from 0): exponential from 500 ms,
// capped at 8 s, with full jitter so that parallel requests spread out.
func backoff(n int) time.Duration {
	d := min(500*time.Millisecond<<n, 8*time.Second)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}
