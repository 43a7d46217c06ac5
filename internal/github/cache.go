package github

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/sla-dev/sla/internal/snapshot"
)

// Cache keeps what live runs fetched, one snapshot file per repository
// (and one for team members), so that the next run only revalidates:
// under $XDG_CACHE_HOME/sla (or the system's user cache folder), by API
// host. Files are readable by their owner only and written atomically. No
// token is stored, only the ETags GitHub returned.
type Cache struct {
	Dir string
}

// DefaultCacheDir is $XDG_CACHE_HOME/sla, else $HOME/.cache/sla (on
// macOS and Windows, the system's user cache folder).
func DefaultCacheDir(getenv func(string) string) (string, error) {
	if d := getenv("XDG_CACHE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "sla"), nil
	}
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		if d, err := os.UserCacheDir(); err == nil {
			return filepath.Join(d, "sla"), nil
		}
	}
	if h := getenv("HOME"); h != "" && filepath.IsAbs(h) {
		return filepath.Join(h, ".cache", "sla"), nil
	}
	return "", fmt.Errorf("no cache folder: set XDG_CACHE_HOME or HOME, or use --no-cache")
}

// path names a repository's file: readable names, plus a short hash so
// that names differing only in case (GitHub ignores case) or unusual
// characters cannot collide.
func (c *Cache) path(baseURL, key string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(baseURL + "\x00" + key)))
	safe := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '-', r == '.', r == '_':
			return r
		}
		return '_'
	}, strings.ToLower(key))
	return filepath.Join(c.Dir, safe+"-"+hex.EncodeToString(sum[:6])+".json.gz")
}

// Load returns what the cache holds for the repositories and teams, as a
// plan's previous fetches. Missing or unreadable files are skipped: they
// are fetched afresh.
func (c *Cache) Load(baseURL string, plan *Plan) {
	for _, name := range plan.Repos {
		if s, err := snapshot.ReadFile(c.path(baseURL, "repo/"+name)); err == nil && len(s.Repos) == 1 {
			plan.AddPrevious(s)
		}
	}
	if s, err := snapshot.ReadFile(c.path(baseURL, "teams")); err == nil {
		plan.AddPrevious(s)
	}
}

// Store writes each repository fetched without error, and the teams.
func (c *Cache) Store(baseURL string, s *snapshot.Snapshot) error {
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return err
	}
	var errs []error
	for _, r := range s.Repos {
		if r == nil || r.Error != "" {
			continue
		}
		one := &snapshot.Snapshot{FetchedAt: s.FetchedAt, Since: s.Since, Repos: []*snapshot.Repo{r}}
		errs = append(errs, snapshot.WriteFile(c.path(baseURL, "repo/"+r.Name), one, 0o600))
	}
	if len(s.Teams) > 0 {
		teams := &snapshot.Snapshot{FetchedAt: s.FetchedAt, Since: s.Since, Teams: s.Teams, TeamETags: s.TeamETags}
		errs = append(errs, snapshot.WriteFile(c.path(baseURL, "teams"), teams, 0o600))
	}
	return errors.Join(errs...)
}
