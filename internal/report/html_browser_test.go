//go:build browser

// The browser test (make test-browser): headless Chromium loads the
// example report from a file and the test reads back what the page's own
// script measured — each chart's rendered size, any error the page
// raised, and whether the page is wider than its window — from the DOM
// Chromium dumps; Chromium's console log must be free of errors and
// blocked loads; the page must not scroll sideways on a desktop (1,400 px)
// or a phone (390 px); a screenshot must show the page drawn in its
// colours; the page must print. With -args -screenshot=FILE it also
// writes the screenshot the README shows (docs/report.png).
package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"html"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/checkin"
	"github.com/sla-dev/sla/internal/compliance"
	"github.com/sla-dev/sla/internal/report"
	"github.com/sla-dev/sla/internal/validate"
)

var screenshot = flag.String("screenshot", "", "also write the screenshot of the example report to this file")

// chromium finds the browser: $CHROMIUM, else chromium on the PATH.
func chromium(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium: install the Debian package chromium (apt-get install chromium), or set CHROMIUM to a Chrome binary")
	return ""
}

// browse runs headless Chromium on the page with more flags, and returns
// its standard output and error.
func browse(t *testing.T, page string, flags ...string) (stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	args := append([]string{"--headless=new", "--disable-gpu", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
		"--user-data-dir=" + t.TempDir(), "--hide-scrollbars", "--virtual-time-budget=5000",
		"--enable-logging=stderr", "--v=0"}, flags...)
	args = append(args, "file://"+page)
	cmd := exec.CommandContext(ctx, chromium(t), args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", strings.Join(flags, " "), err, errOut.String())
	}
	return out.String(), errOut.String()
}

// writeExample writes the example report (12 weeks) to a file.
func writeExample(t *testing.T) string {
	t.Helper()
	rep := exampleTrend(t)
	set, _, err := validate.Run([]string{"../../agreements"})
	if err != nil {
		t.Fatal(err)
	}
	_, snap, _ := example(t)
	checkins, err := checkin.LatestOfEach(set, compliance.ResolveTeams(set, snap.Teams), snap.Checkins, exampleAt)
	if err != nil || len(checkins) == 0 {
		t.Fatalf("the example's check-ins: %d, %v", len(checkins), err)
	}
	var buf bytes.Buffer
	if err := report.WriteHTML(&buf, rep, set, report.HTMLOptions{Version: "(browser test)", Kudos: exampleKudos(t, rep, set), Checkins: checkins}); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return page
}

var renderCheck = regexp.MustCompile(`(?s)<pre id="render-check" hidden="">(.*?)</pre>`)

// problems are the lines of Chromium's log that say the page failed: a
// console error, an uncaught exception, a load refused by the policy.
var problems = regexp.MustCompile(`(?i)(CONSOLE\(\d+\).*|Uncaught .*|Refused to .*|Content Security Policy.*|net::ERR_.*)`)

func TestBrowserRendersCharts(t *testing.T) {
	page := writeExample(t)
	dom, log := browse(t, page, "--window-size=1280,1500", "--dump-dom")
	m := renderCheck.FindStringSubmatch(dom)
	if m == nil || strings.TrimSpace(m[1]) == "" {
		t.Fatalf("the page's script did not report (did it run?):\n%s", log)
	}
	var check struct {
		Charts []struct {
			ID     string  `json:"id"`
			Width  float64 `json:"width"`
			Height float64 `json:"height"`
			Marks  int     `json:"marks"`
		} `json:"charts"`
		Errors []string `json:"errors"`
	}
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &check); err != nil {
		t.Fatalf("render check %q: %v", m[1], err)
	}
	rep := exampleTrend(t)
	if len(check.Charts) != len(rep.Results) {
		t.Errorf("%d charts rendered, want %d", len(check.Charts), len(rep.Results))
	}
	for _, c := range check.Charts {
		if c.Width < 200 || c.Height < 60 || c.Marks != 12 {
			t.Errorf("chart %s rendered %.0f×%.0f px with %d marks", c.ID, c.Width, c.Height, c.Marks)
		}
	}
	for _, e := range check.Errors {
		t.Errorf("the page raised: %s", e)
	}
	for _, p := range problems.FindAllString(log, -1) {
		t.Errorf("chromium logged: %s", p)
	}
	for _, id := range []string{"kept-h", "streaks-h", "improved-h", "thanks-h"} {
		if !strings.Contains(dom, `id="`+id+`"`) {
			t.Errorf("the page has no heading %s (the kept promises)", id)
		}
	}
	// The consumers' voice (SPEC §7): a satisfaction card, the thanks, and
	// the latest check-in beside the promises it asked about.
	for _, want := range []string{"rated 👍, target 80%", `<table class="summary thanks">`, "Latest check-in: 2026-Q4", `<table class="summary checkin">`} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	t.Logf("%d charts, e.g. %+v", len(check.Charts), check.Charts[0])
}

// renderCheckAt loads the page in a frame width pixels wide — headless
// Chromium's windows are at least 500 pixels wide, a phone's screen less —
// and returns what the page's script wrote into #render-check, read by the
// frame's parent. The page's policy applies to the page; the parent is
// the test's own.
func renderCheckAt(t *testing.T, page string, width int) string {
	t.Helper()
	frame := filepath.Join(filepath.Dir(page), fmt.Sprintf("frame-%d.html", width))
	parent := fmt.Sprintf(`<!doctype html><html><body style="margin:0">
<iframe id="f" src="%s" style="width:%dpx;height:1200px;border:0"></iframe><pre id="out"></pre>
<script>document.getElementById("f").addEventListener("load", function () {
  var check = this.contentDocument && this.contentDocument.getElementById("render-check");
  document.getElementById("out").textContent = check ? check.textContent : "";
});</script></body></html>`, filepath.Base(page), width)
	if err := os.WriteFile(frame, []byte(parent), 0o644); err != nil {
		t.Fatal(err)
	}
	dom, log := browse(t, frame, "--window-size=1500,1300", "--allow-file-access-from-files", "--dump-dom")
	m := regexp.MustCompile(`(?s)<pre id="out">(.*?)</pre>`).FindStringSubmatch(dom)
	if m == nil || strings.TrimSpace(m[1]) == "" {
		t.Fatalf("at %d px, the page's script did not report (did it run?):\n%s", width, log)
	}
	return html.UnescapeString(m[1])
}

// Neither on a desktop nor on a phone does the page scroll sideways: what
// is wider than the screen (the summary tables) scrolls in a box of its
// own, and the tables only screen readers see take no room.
func TestBrowserNoHorizontalOverflow(t *testing.T) {
	page := writeExample(t)
	for _, width := range []int{1400, 390} {
		var check struct {
			ClientWidth float64  `json:"clientWidth"`
			ScrollWidth float64  `json:"scrollWidth"`
			Wide        []string `json:"wide"`
			Errors      []string `json:"errors"`
		}
		raw := renderCheckAt(t, page, width)
		if err := json.Unmarshal([]byte(raw), &check); err != nil {
			t.Fatalf("render check %q: %v", raw, err)
		}
		if check.ClientWidth != float64(width) {
			t.Errorf("the frame is %.0f px wide, want %d", check.ClientWidth, width)
		}
		if check.ScrollWidth > check.ClientWidth {
			t.Errorf("at %d px the page is %.0f px wide: it scrolls sideways (first elements past the edge: %q)",
				width, check.ScrollWidth, check.Wide)
		}
		for _, e := range check.Errors {
			t.Errorf("at %d px the page raised: %s", width, e)
		}
		t.Logf("%d px: scrollWidth %.0f", width, check.ScrollWidth)
	}
}

// The screenshot shows the page drawn: its size, and the red of breached
// objectives among its pixels.
func TestBrowserScreenshot(t *testing.T) {
	page := writeExample(t)
	shot := filepath.Join(t.TempDir(), "report.png")
	// Tall enough for the summary and the first agreement's charts.
	_, log := browse(t, page, "--window-size=1280,2300", "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, log)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 1280 || b.Dy() != 2300 {
		t.Errorf("screenshot %v, want 1280×2300", b)
	}
	red := 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 > 180 && g>>8 < 80 && bl>>8 < 90 { // #cf222e, the colour of "breached"
				red++
			}
		}
	}
	if red < 50 {
		t.Errorf("only %d red pixels: were the styles applied?", red)
	}
	if *screenshot != "" {
		data, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(*screenshot, data, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", *screenshot)
	}
}

// The page prints: a PDF of several pages.
func TestBrowserPrints(t *testing.T) {
	page := writeExample(t)
	pdf := filepath.Join(t.TempDir(), "report.pdf")
	browse(t, page, "--no-pdf-header-footer", "--print-to-pdf="+pdf)
	data, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(data, -1))
	if !bytes.HasPrefix(data, []byte("%PDF")) || pages < 3 {
		t.Errorf("not a PDF of several pages (%d bytes, %d pages)", len(data), pages)
	}
	t.Logf("%d pages", pages)
}
