//go:build !linux && !darwin

package gguf

import (
	"fmt"
	"os"
)

func mapFile(*os.File, int64) ([]byte, error) {
	return nil, fmt.Errorf("memory mapping: %w on this system", ErrUnsupported)
}

func unmapFile([]byte) error { return nil }
