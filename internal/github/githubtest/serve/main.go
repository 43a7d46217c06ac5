// Command serve runs the fake GitHub of package githubtest outside the tests,
// loaded with a snapshot, so that `make ci-local` can run `sla fetch` on this
// machine as the workflows run it against GitHub. It listens on a free port of
// 127.0.0.1, prints the API base URL, and serves until it is interrupted or
// terminated.
//
//	go run ./internal/github/githubtest/serve [-snapshot FILE] [-token TOKEN] [-url-file FILE]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/sla-dev/sla/internal/github/githubtest"
	"github.com/sla-dev/sla/internal/snapshot"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(2)
	}
}

func run() error {
	snapPath := flag.String("snapshot", "internal/demodata/example.json.gz", "serve the issues, comments, events and teams of this snapshot")
	token := flag.String("token", "", "answer 401 unless requests carry this token (default: any token, or none)")
	urlFile := flag.String("url-file", "", "also write the URL to this file, once the server is listening")
	flag.Parse()
	if flag.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", flag.Args())
	}

	snap, err := snapshot.ReadFile(*snapPath)
	if err != nil {
		return err
	}
	var opts []githubtest.Option
	if *token != "" {
		opts = append(opts, githubtest.WithToken(*token))
	}
	ctx, cancel := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer cancel()

	srv, stop := githubtest.NewServer(opts...)
	defer stop()
	srv.Load(snap)
	fmt.Println(srv.URL)
	if *urlFile != "" {
		if err := writeAtomically(*urlFile, srv.URL+"\n"); err != nil {
			return err
		}
	}

	<-ctx.Done()
	fmt.Fprintf(os.Stderr, "serve: stopped after %d requests\n", len(srv.Requests()))
	return nil
}

// writeAtomically writes the file whole or not at all, so that a script
// waiting for it never reads half a URL.
func writeAtomically(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".url-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
