//go:build !linux && !darwin

// Package mmap maps files read-only into memory on Linux and macOS.
package mmap

import (
	"errors"
	"os"
)

// Map fails: memory mapping is only implemented on Linux and macOS.
func Map(*os.File, int64) ([]byte, error) {
	return nil, errors.ErrUnsupported
}

// Unmap does nothing.
func Unmap([]byte) error { return nil }
