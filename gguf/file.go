package gguf

import (
	"errors"
	"fmt"
	"io"

	"github.com/shrinkml/shrink/internal/rfile"
)

// File is an opened GGUF model: its metadata and tensor index, with tensor
// data read on demand. A split model (NAME-00001-of-0000N.gguf …) opened with
// Open is one File whose tensors come from all its splits.
//
// A File is safe for concurrent reads of tensor data.
type File struct {
	// Version is the GGUF version of the (first) file: 1, 2 or 3.
	Version uint32
	// Alignment of tensor data, from general.alignment (default 32).
	Alignment int64
	// DataOffset is where the data section of the (first) file starts.
	DataOffset int64
	// Metadata of the (first) file, in file order.
	Metadata *Metadata
	// Tensors in the order of their infos, split after split.
	Tensors []TensorInfo

	splits []split
	byName map[string]int
}

// split is one file of a model and where its data section starts.
type split struct {
	*rfile.File
	dataOffset int64
}

// Read parses the GGUF file of size bytes that r holds. The caller keeps r
// open while the File is used; Close does not close it.
func Read(r io.ReaderAt, size int64) (*File, error) {
	h, err := readHeader(r, size, "")
	if err != nil {
		return nil, err
	}
	return newFile(h, split{rfile.FromReaderAt(r, size), h.dataOffset}), nil
}

func newFile(h *header, s split) *File {
	f := &File{
		Version:    h.version,
		Alignment:  h.alignment,
		DataOffset: h.dataOffset,
		Metadata:   h.meta,
		Tensors:    h.tensors,
		splits:     []split{s},
		byName:     h.byName,
	}
	return f
}

// Open opens the GGUF file at path. When the file is one split of a split
// model (it has split.count > 1), all the splits are opened and validated,
// and the File holds every tensor of the model.
func Open(path string) (*File, error) { return open(path, false) }

// OpenMmap is Open with every file mapped read-only into memory (on Linux
// and macOS; elsewhere it fails with errors.ErrUnsupported), so that TensorBytes
// returns tensor data without copying it.
func OpenMmap(path string) (*File, error) { return open(path, true) }

func open(path string, mapped bool) (*File, error) {
	s, h, err := openSplit(path, mapped)
	if err != nil {
		return nil, err
	}
	f := newFile(h, s)
	if err := f.openSplits(path, mapped); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// openSplit opens and parses one file.
func openSplit(path string, mapped bool) (split, *header, error) {
	rf, err := rfile.Open(path, mapped)
	if err != nil {
		return split{}, nil, fmt.Errorf("gguf: %w", err)
	}
	h, err := readHeader(rf.ReaderAt(), rf.Size, path)
	if err != nil {
		rf.Close()
		return split{}, nil, err
	}
	return split{rf, h.dataOffset}, h, nil
}

// Close releases the files a File opened. It does nothing for a File made
// by Read.
func (f *File) Close() error {
	var errs []error
	for _, s := range f.splits {
		errs = append(errs, s.Close())
	}
	f.splits = nil
	return errors.Join(errs...)
}

// Splits returns the number of files the model is stored in.
func (f *File) Splits() int { return len(f.splits) }

// Tensor returns the info of the named tensor.
func (f *File) Tensor(name string) (TensorInfo, bool) {
	i, ok := f.byName[name]
	if !ok {
		return TensorInfo{}, false
	}
	return f.Tensors[i], true
}

// locate returns the split holding the named tensor and its info.
func (f *File) locate(name string) (*split, TensorInfo, error) {
	i, ok := f.byName[name]
	if !ok {
		return nil, TensorInfo{}, fmt.Errorf("gguf: tensor %q: %w", name, ErrNotFound)
	}
	t := f.Tensors[i]
	if t.Split >= len(f.splits) {
		return nil, TensorInfo{}, fmt.Errorf("gguf: tensor %q: file is closed", name)
	}
	return &f.splits[t.Split], t, nil
}

// TensorData returns a reader of the named tensor's bytes.
func (f *File) TensorData(name string) (*io.SectionReader, error) {
	s, t, err := f.locate(name)
	if err != nil {
		return nil, err
	}
	return s.Section(s.dataOffset+t.Offset, t.Size()), nil
}

// TensorBytes returns the named tensor's bytes. For a memory-mapped File
// they are the mapping itself: read-only, valid until Close. Otherwise they
// are read into a new slice.
func (f *File) TensorBytes(name string) ([]byte, error) {
	s, t, err := f.locate(name)
	if err != nil {
		return nil, err
	}
	b, err := s.Bytes(s.dataOffset+t.Offset, t.Size()) // validated to lie inside the file
	if err != nil {
		return nil, fmt.Errorf("gguf: tensor %q: %w", name, err)
	}
	return b, nil
}
