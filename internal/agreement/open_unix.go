//go:build unix

package agreement

import (
	"os"
	"syscall"
)

// errLinkLoop is the system's error for a loop of symbolic links.
var errLinkLoop error = syscall.ELOOP

// openNoWait opens a file of root for reading without waiting for a
// writer, as opening a named pipe otherwise would, forever.
func openNoWait(root *os.Root, name string) (*os.File, error) {
	return root.OpenFile(name, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
