//go:build !linux && !darwin

package rfile

import (
	"errors"
	"os"
)

// mapFile fails: memory mapping is only implemented on Linux and macOS.
func mapFile(*os.File, int64) ([]byte, error) {
	return nil, errors.ErrUnsupported
}

// unmap does nothing.
func unmap([]byte) error { return nil }
