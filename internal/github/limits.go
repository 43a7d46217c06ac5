package github

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimitError stops a fetch when the primary limit is exhausted and its
// reset is further away than MaxWait allows.
type RateLimitError struct {
	Reset   time.Time
	MaxWait time.Duration
	now     time.Time
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("GitHub's rate limit is used up until %s, longer than --max-wait %s: try again then, or raise --max-wait",
		when(e.Reset, e.now), e.MaxWait)
}

// when says when an instant comes, in local time: the time of day if it is
// today, with the date if not (a reset can be days away on Enterprise
// Server, or when a clock is wrong).
func when(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	switch {
	case t.Year() == now.Year() && t.YearDay() == now.YearDay():
		return t.Format("15:04:05 MST")
	case t.Year() == now.Year():
		return t.Format("Mon 2 Jan 15:04:05 MST")
	}
	return t.Format("Mon 2 Jan 2006 15:04:05 MST")
}

// waits is what one request has waited for rate limits so far: together
// at most MaxWait.
type waits struct {
	t      *Transport
	req    *http.Request
	waited time.Duration
	// secondary counts the waits for a secondary limit that did not say how
	// long: each is twice the one before.
	secondary int
}

// allow takes d from the request's budget, or says why it cannot wait
// that long.
func (w *waits) allow(d time.Duration, reset time.Time) error {
	if w.waited+d <= w.t.MaxWait {
		w.waited += d
		return nil
	}
	if !reset.IsZero() {
		return &RateLimitError{Reset: reset, MaxWait: w.t.MaxWait, now: w.t.Now()}
	}
	already := ""
	if w.waited > 0 {
		already = fmt.Sprintf(" after waiting %s already", w.waited.Round(time.Second))
	}
	return fmt.Errorf("GitHub asks to wait %s before %s %s%s, longer than --max-wait %s allows: try again later, or raise --max-wait",
		d.Round(time.Second), w.req.Method, w.req.URL.Path, already, w.t.MaxWait)
}

// judge decides what to do with an answer: return it (a negative wait),
// send the request again after the wait, or give up with an error.
//
// Rate limits, as GitHub documents them: with Retry-After, wait that long;
// with x-ratelimit-remaining 0, until x-ratelimit-reset; a secondary limit
// that says neither (a 429, or a 403 whose message names the secondary
// rate limit), at least a minute, twice as long each time after.
func (t *Transport) judge(resp *http.Response, try int, w *waits) (time.Duration, error) {
	code := resp.StatusCode
	what := w.req.Method + " " + w.req.URL.Path
	if code >= 500 {
		if try > t.Retries {
			return 0, fmt.Errorf("GitHub answered %d to %s (%d tries): try again later", code, what, try)
		}
		t.Notify(fmt.Sprintf("GitHub answered %d for %s; retrying", code, w.req.URL.Path))
		return backoff(try - 1), nil
	}
	if code != http.StatusForbidden && code != http.StatusTooManyRequests {
		return -1, nil
	}
	var wait time.Duration
	var reset time.Time
	var announce func()
	limit := "secondary rate limit"
	switch ra, hasRA := retryAfter(resp, t.Now()); {
	case hasRA:
		wait = ra
		announce = func() { t.Notify(fmt.Sprintf("GitHub's secondary rate limit: waiting %s as it asks", wait)) }
	case resp.Header.Get("X-RateLimit-Remaining") == "0":
		reset, limit = t.resetTime(), "rate limit"
		wait = max(reset.Sub(t.Now()), 0) + time.Second
		announce = func() { t.notifyReset(reset) }
	case code == http.StatusTooManyRequests || secondaryLimit(resp):
		wait = time.Minute << min(w.secondary, 6)
		w.secondary++
		announce = func() {
			t.Notify(fmt.Sprintf("GitHub's secondary rate limit: waiting %s before sending %s again (GitHub asks for at least a minute)", wait, what))
		}
	default:
		return -1, nil // refused: not a limit
	}
	if try > t.Retries {
		return 0, fmt.Errorf("GitHub's %s still refused %s after %d tries, %s of waiting: try again later", limit, what, try, w.waited.Round(time.Second))
	}
	if err := w.allow(wait, reset); err != nil {
		return 0, err
	}
	announce()
	return wait, nil
}

// retryAfter reads Retry-After: seconds, or an HTTP date.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 {
		return time.Duration(min(secs, int64(100*365*24*time.Hour/time.Second))) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
	}
	return 0, false
}

// secondaryLimit reports whether a 403 is GitHub's secondary rate limit:
// its message says so, or its documentation link points there.
func secondaryLimit(resp *http.Response) bool {
	body, err := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(body))
	if err != nil {
		return false
	}
	var e struct {
		Message          string `json:"message"`
		DocumentationURL string `json:"documentation_url"`
	}
	if json.Unmarshal(body, &e) != nil {
		return false
	}
	return isSecondaryLimit(e.Message, e.DocumentationURL)
}

func isSecondaryLimit(message, documentation string) bool {
	return strings.Contains(strings.ToLower(message), "secondary rate limit") ||
		strings.HasSuffix(documentation, "secondary-rate-limits") || strings.HasSuffix(documentation, "#abuse-rate-limits")
}

// waitForReset holds a request back while the rate limit is known to be
// used up, rather than spending it on a certain 403.
func (t *Transport) waitForReset(ctx context.Context, w *waits) error {
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
	if err := w.allow(d, reset); err != nil {
		return err
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
		t.Notify(fmt.Sprintf("GitHub's rate limit is used up: waiting until %s for it to reset", when(reset, t.Now())))
	}
}

func (t *Transport) resetTime() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.reset
}

func headerInt(resp *http.Response, name string) (int64, bool) {
	v, err := strconv.ParseInt(strings.TrimSpace(resp.Header.Get(name)), 10, 64)
	return v, err == nil
}
