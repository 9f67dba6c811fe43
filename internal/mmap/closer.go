package mmap

import (
	"errors"
	"os"
)

// MapFile maps the first size bytes of f read-only and returns the mapping
// with a Closer that unmaps it and closes f. On error f is left open.
func MapFile(f *os.File, size int64) ([]byte, interface{ Close() error }, error) {
	m, err := Map(f, size)
	if err != nil {
		return nil, nil, err
	}
	return m, &unmapper{m, f}, nil
}

type unmapper struct {
	m []byte
	f *os.File
}

func (u *unmapper) Close() error { return errors.Join(Unmap(u.m), u.f.Close()) }
