// Package github reads what the evaluation needs from GitHub's REST API
// with go-github v60: three newest-first streams per repository, resolved
// team members, and incremental updates, under a transport of our own that
// bounds concurrency and rides out faults and rate limits.
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
	"strconv"
	"strings"
	"sync"
	"time"
)

// Transport is an http.RoundTripper for GitHub's API: at most InFlight
// requests at once; 5xx answers and timeouts retried with jittered,
// bounded backoff; secondary limits (403/429 with Retry-After) waited out;
// an exhausted primary limit waited for until its reset when that is
// within MaxWait. A 304 is answered as an empty page marked NotModified,
// so that go-github, which treats 304 as an error, reads it as a page.
type Transport struct {
	Base     http.RoundTripper
	InFlight int
	MaxWait  time.Duration
	// Retries bounds how often one request is retried after a 5xx or a
	// timeout.
	Retries int
	// Notify says something on stderr (waiting for a reset, retrying).
	Notify func(string)
	Now    func() time.Time
	Sleep  func(ctx context.Context, d time.Duration) error

	once sync.Once
	sem  chan struct{}

	mu        sync.Mutex
	remaining int // -1 until a response says
	reset     time.Time
	requests  int
	notMod    int
	saidReset time.Time // the reset last announced
}

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

// RateLimitError stops a fetch when the primary limit is exhausted and its
// reset is further away than MaxWait.
type RateLimitError struct {
	Reset   time.Time
	MaxWait time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("GitHub's rate limit is used up until %s, longer than --max-wait %s: try again then, or raise --max-wait",
		e.Reset.UTC().Format("15:04:05 MST"), e.MaxWait)
}

func (t *Transport) init() {
	t.once.Do(func() {
		n := t.InFlight
		if n <= 0 {
			n = 4
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
	})
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
// 5xx, or a rate limit to wait out), never after a connection error, when
// GitHub may have applied it already.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	t.init()
	ctx := req.Context()
	select {
	case t.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-t.sem }()

	for attempt := 0; ; attempt++ {
		if err := t.waitForReset(ctx); err != nil {
			return nil, err
		}
		out := req.Clone(ctx)
		if attempt > 0 && hasBody(req) {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			out.Body = body
		}
		resp, err := t.Base.RoundTrip(out)
		if err != nil {
			if ctx.Err() != nil || !readOnly(req) || !retryable(err) || attempt >= t.retries() {
				return nil, err
			}
			t.Notify(fmt.Sprintf("retrying %s after %v", req.URL.Path, err))
			if err := t.Sleep(ctx, backoff(attempt)); err != nil {
				return nil, err
			}
			continue
		}
		t.record(resp)
		wait, again := t.judge(resp, attempt)
		if !again || (hasBody(req) && req.GetBody == nil) {
			return t.finish(resp), nil
		}
		drain(resp)
		if wait > t.maxWait() {
			if isExhausted(resp) {
				return nil, &RateLimitError{Reset: t.resetTime(), MaxWait: t.maxWait()}
			}
			return nil, fmt.Errorf("GitHub asks to wait %s before %s, longer than --max-wait %s", wait.Round(time.Second), req.URL.Path, t.maxWait())
		}
		if err := t.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

func (t *Transport) retries() int {
	if t.Retries > 0 {
		return t.Retries
	}
	return 4
}

func (t *Transport) maxWait() time.Duration { return t.MaxWait }

// judge decides whether to send the request again, and after how long.
func (t *Transport) judge(resp *http.Response, attempt int) (time.Duration, bool) {
	switch code := resp.StatusCode; {
	case code >= 500:
		if attempt >= t.retries() {
			return 0, false
		}
		t.Notify(fmt.Sprintf("GitHub answered %d for %s; retrying", code, resp.Request.URL.Path))
		return backoff(attempt), true
	case code == http.StatusForbidden || code == http.StatusTooManyRequests:
		if ra := resp.Header.Get("Retry-After"); ra != "" {
			secs, err := strconv.Atoi(strings.TrimSpace(ra))
			if err == nil && secs >= 0 {
				d := time.Duration(secs) * time.Second
				t.Notify(fmt.Sprintf("GitHub's secondary rate limit: waiting %s as it asks", d))
				return d, true
			}
		}
		if isExhausted(resp) {
			d := max(t.resetTime().Sub(t.Now()), 0) + time.Second
			if d <= t.maxWait() {
				t.notifyReset(t.resetTime())
			}
			return d, true
		}
	}
	return 0, false
}

// waitForReset holds a request back while the rate limit is known to be
// used up, rather than spending it on a certain 403.
func (t *Transport) waitForReset(ctx context.Context) error {
	t.mu.Lock()
	remaining, reset := t.remaining, t.reset
	t.mu.Unlock()
	if remaining != 0 || reset.IsZero() {
		return nil
	}
	d := reset.Sub(t.Now()) + time.Second
	if d <= 0 {
		return nil
	}
	if d > t.maxWait() {
		return &RateLimitError{Reset: reset, MaxWait: t.maxWait()}
	}
	t.notifyReset(reset)
	if err := t.Sleep(ctx, d); err != nil {
		return err
	}
	t.mu.Lock()
	if t.reset.Equal(reset) {
		t.remaining = -1 // a new window: find out again
	}
	t.mu.Unlock()
	return nil
}

// notifyReset says once per reset that requests wait for it, however
// many of them are waiting.
func (t *Transport) notifyReset(reset time.Time) {
	t.mu.Lock()
	said := t.saidReset.Equal(reset)
	t.saidReset = reset
	t.mu.Unlock()
	if !said {
		t.Notify(fmt.Sprintf("GitHub's rate limit is used up: waiting until %s for it to reset", reset.Local().Format("15:04:05")))
	}
}

// record keeps the rate limit GitHub reports.
func (t *Transport) record(resp *http.Response) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.requests++
	if resp.StatusCode == http.StatusNotModified {
		t.notMod++
	}
	if v, err := strconv.Atoi(resp.Header.Get("X-RateLimit-Remaining")); err == nil {
		t.remaining = v
	}
	if v, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
		t.reset = time.Unix(v, 0)
	}
}

func (t *Transport) resetTime() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.reset
}

func isExhausted(resp *http.Response) bool {
	return resp.Header.Get("X-RateLimit-Remaining") == "0"
}

// finish prepares a response for go-github: a 304 becomes an empty page
// marked NotModified, and every response is marked as if from a cache, so
// that go-github keeps no rate-limit state of its own (it would refuse
// requests before a reset without reaching this transport, which decides
// when to wait).
func (t *Transport) finish(resp *http.Response) *http.Response {
	if resp.StatusCode == http.StatusNotModified {
		drain(resp)
		resp.StatusCode, resp.Status = http.StatusOK, "200 OK (not modified)"
		resp.Body = io.NopCloser(bytes.NewReader([]byte("[]")))
		resp.ContentLength = 2
		resp.Header.Set(NotModified, "1")
	}
	resp.Header.Set("X-From-Cache", "1")
	return resp
}

func drain(resp *http.Response) {
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
}

// hasBody reports whether a request carries a body, which a retry must
// send again.
func hasBody(req *http.Request) bool { return req.Body != nil && req.Body != http.NoBody }

// readOnly reports whether a request only reads: sending it twice does no
// harm.
func readOnly(req *http.Request) bool {
	return req.Method == "" || req.Method == http.MethodGet || req.Method == http.MethodHead
}

// retryable reports whether a transport error is worth another try:
// timeouts and connections reset or refused along the way.
func retryable(err error) bool {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
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
