//go:build unix

package agreement

import (
	"os"
	"syscall"
)

// errLinkLoop is the system's error for a loop of symbolic links.
var errLinkLoop error = syscall.ELOOP

// openNoWait opens a file for reading without waiting for a writer, as
// opening a named pipe otherwise would, forever.
func openNoWait(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
