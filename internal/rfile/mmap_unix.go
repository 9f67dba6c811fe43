//go:build linux || darwin

package rfile

import (
	"errors"
	"os"
	"syscall"
)

// mapFile maps the first size bytes of f read-only.
func mapFile(f *os.File, size int64) ([]byte, error) {
	if size == 0 {
		return []byte{}, nil
	}
	if int64(int(size)) != size {
		return nil, errors.New("file too large for this platform")
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

// unmap releases a mapping made by mapFile.
func unmap(m []byte) error {
	if len(m) == 0 {
		return nil
	}
	return syscall.Munmap(m)
}
