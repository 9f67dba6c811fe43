//go:build linux || darwin

// Package mmap maps files read-only into memory on Linux and macOS.
package mmap

import (
	"errors"
	"os"
	"syscall"
)

// Map maps the first size bytes of f read-only.
func Map(f *os.File, size int64) ([]byte, error) {
	if size == 0 {
		return []byte{}, nil
	}
	if int64(int(size)) != size {
		return nil, errors.New("mmap: file too large for this platform")
	}
	return syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_SHARED)
}

// Unmap releases a mapping made by Map.
func Unmap(m []byte) error {
	if len(m) == 0 {
		return nil
	}
	return syscall.Munmap(m)
}
