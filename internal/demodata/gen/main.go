// Command gen writes generated issue data:
//
//	gen AGREEMENTS OUT.json.gz   the example snapshot for agreements/ (make demo-data)
//	gen -scale DIR [-issues N]   a 20-objective organisation and a snapshot of
//	                             N issues (default 100,000) with 4 comments
//	                             and 2 events per issue, for measuring (make bench)
//	gen -files DIR [-n N]        N agreement files (default 1,000) with their
//	                             teams and calendars, for measuring sla validate
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/sla-dev/sla/internal/demodata"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

func main() {
	scale := flag.String("scale", "", "write the scale organisation and snapshot into this folder")
	issues := flag.Int("issues", 100_000, "with -scale: how many issues the snapshot holds (a multiple of 10)")
	files := flag.String("files", "", "write agreement files into this folder")
	n := flag.Int("n", 1000, "with -files: how many agreement files")
	flag.Parse()
	var err error
	switch {
	case *scale != "" && (*issues < 10 || *issues%10 != 0):
		err = fmt.Errorf("-issues %d: the scale snapshot spreads its issues over 10 repositories: give a positive multiple of 10", *issues)
	case *scale != "":
		err = writeScale(*scale, *issues)
	case *files != "":
		if err = os.MkdirAll(*files, 0o755); err == nil {
			err = demodata.WriteOrganisation(*files, *n)
		}
	case flag.NArg() == 2:
		err = writeExample(flag.Arg(0), flag.Arg(1))
	default:
		fmt.Fprintln(os.Stderr, "usage: gen AGREEMENTS OUT.json.gz | gen -scale DIR [-issues N] | gen -files DIR [-n N]")
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func writeExample(agreements, out string) error {
	set, diags, err := validate.Run([]string{agreements})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return fmt.Errorf("the agreements must be valid: %v", diags)
	}
	snap, err := demodata.Generate(set, demodata.DefaultOptions())
	if err != nil {
		return err
	}
	return snapshot.WriteFile(out, snap, 0o644)
}

func writeScale(dir string, issues int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "org.yaml"), []byte(demodata.ScaleAgreements()), 0o644); err != nil {
		return err
	}
	at := demodata.DefaultOptions().FetchedAt
	return snapshot.WriteFile(filepath.Join(dir, "scale.json.gz"), demodata.Scale(issues, 4*issues, 2*issues, at), 0o644)
}
