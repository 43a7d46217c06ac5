// Command gen writes the example snapshot for the organisation in
// agreements/ (run by `make demo-data`).
package main

import (
	"fmt"
	"os"

	"github.com/sla-dev/sla/internal/demodata"
	"github.com/sla-dev/sla/internal/snapshot"
	"github.com/sla-dev/sla/internal/validate"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen AGREEMENTS OUT.json.gz")
		os.Exit(2)
	}
	set, diags, err := validate.Run([]string{os.Args[1]})
	if err != nil || diags.HasErrors() {
		fmt.Fprintln(os.Stderr, "gen: the agreements must be valid:", err, diags)
		os.Exit(1)
	}
	snap, err := demodata.Generate(set, demodata.DefaultOptions())
	if err == nil {
		err = snapshot.WriteFile(os.Args[2], snap, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
