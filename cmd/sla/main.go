// Command sla validates and measures service-level agreements between
// teams. See README.md.
package main

import (
	"os"
	_ "time/tzdata" // time zones work on machines without a zoneinfo database

	"github.com/sla-dev/sla/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.System()))
}
