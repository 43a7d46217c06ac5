package githubtest_test

import (
	"net/http"
	"testing"

	"github.com/sla-dev/sla/internal/github/githubtest"
)

func TestNewServerOutsideATest(t *testing.T) {
	srv, stop := githubtest.NewServer(githubtest.WithToken("t0ken"))
	srv.Load(fixture())

	get := func(token string) (int, error) {
		req, _ := http.NewRequest(http.MethodGet, srv.URL+"repos/acme/app/issues", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		res.Body.Close()
		return res.StatusCode, nil
	}
	if st, err := get("t0ken"); err != nil || st != http.StatusOK {
		t.Fatalf("with the token: %d, %v; want 200", st, err)
	}
	if st, err := get("other"); err != nil || st != http.StatusUnauthorized {
		t.Fatalf("with another token: %d, %v; want 401", st, err)
	}

	stop()
	stop() // a second stop does nothing
	if _, err := get("t0ken"); err == nil {
		t.Fatal("the server still answers after stop")
	}
}
