//go:build !unix

package agreement

import (
	"errors"
	"os"
)

// errLinkLoop stands for the system's error for a loop of symbolic links;
// where there is none, filepath.EvalSymlinks says "too many links".
var errLinkLoop = errors.New("loop of symbolic links")

// openNoWait opens a file of root for reading; named pipes are not files
// here.
func openNoWait(root *os.Root, name string) (*os.File, error) { return root.Open(name) }
