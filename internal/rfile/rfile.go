// Package rfile gives the containers one way to read a model file: opened
// plainly or mapped read-only into memory (Linux and macOS), or any
// io.ReaderAt, with bytes at an offset served from the mapping when there is
// one and read otherwise.
package rfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// File is a read-only model file. It is safe for concurrent use.
type File struct {
	Path string // empty for a File made by FromReaderAt
	Size int64

	r      io.ReaderAt
	mapped []byte   // the whole file, when memory-mapped
	osf    *os.File // nil for a File made by FromReaderAt
}

// Open opens the file at path, mapped into memory when mapped is set.
func Open(path string, mapped bool) (*File, error) {
	osf, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := osf.Stat()
	if err != nil {
		osf.Close()
		return nil, err
	}
	f := &File{Path: path, Size: st.Size(), r: osf, osf: osf}
	if mapped {
		m, err := mapFile(osf, st.Size())
		if err != nil {
			osf.Close()
			return nil, fmt.Errorf("%s: memory mapping: %w", path, err)
		}
		f.mapped, f.r = m, bytes.NewReader(m)
	}
	return f, nil
}

// FromReaderAt wraps r, of size bytes. Close does not close r.
func FromReaderAt(r io.ReaderAt, size int64) *File { return &File{Size: size, r: r} }

// ReaderAt returns the file's contents as an io.ReaderAt.
func (f *File) ReaderAt() io.ReaderAt { return f.r }

// Section returns a reader of n bytes at off.
func (f *File) Section(off, n int64) *io.SectionReader { return io.NewSectionReader(f.r, off, n) }

// Bytes returns n bytes at off: a read-only slice of the mapping, valid
// until Close, or a new slice. The caller has checked that the range lies
// inside the file.
func (f *File) Bytes(off, n int64) ([]byte, error) {
	if f.mapped != nil {
		return f.mapped[off : off+n : off+n], nil
	}
	b := make([]byte, n)
	if err := f.readAt(b, off); err != nil {
		return nil, err
	}
	return b, nil
}

// scratch holds read buffers for With, so that reading rows again and again
// does not allocate.
var scratch = sync.Pool{New: func() any { return new([]byte) }}

// With calls fn with n bytes at off: the mapping itself, or a pooled buffer
// that is reused once fn returns, so fn must not keep it.
func (f *File) With(off, n int64, fn func([]byte) error) error {
	if f.mapped != nil {
		return fn(f.mapped[off : off+n : off+n])
	}
	bp := scratch.Get().(*[]byte)
	defer scratch.Put(bp)
	if int64(cap(*bp)) < n {
		*bp = make([]byte, n)
	}
	b := (*bp)[:n]
	if err := f.readAt(b, off); err != nil {
		return err
	}
	return fn(b)
}

func (f *File) readAt(b []byte, off int64) error {
	if _, err := f.r.ReadAt(b, off); err != nil {
		if f.Path != "" {
			return fmt.Errorf("%s: %w", f.Path, err)
		}
		return err
	}
	return nil
}

// Close unmaps and closes what Open opened; it does nothing for a File made
// by FromReaderAt.
func (f *File) Close() error {
	if f.osf == nil {
		return nil
	}
	err := errors.Join(unmap(f.mapped), f.osf.Close())
	f.osf, f.mapped = nil, nil
	return err
}
