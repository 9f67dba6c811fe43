package safetensors

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/shrinkml/shrink/internal/rfile"
)

// File is an opened safetensors checkpoint: one file, or the shards of a
// sharded checkpoint opened as one. Tensor data is read on demand. A File is
// safe for concurrent reads.
type File struct {
	// Metadata of the (first) file; nil when it has no __metadata__.
	Metadata Metadata
	// Tensors in header order, shard after shard.
	Tensors []TensorInfo
	// TotalSize is the index's metadata.total_size for a sharded
	// checkpoint that gives one, else 0.
	TotalSize int64

	shards []shard
	byName map[string]int
}

// shard is one file of a checkpoint and where its data starts (8 + the
// header length).
type shard struct {
	*rfile.File
	dataOffset int64
}

// Read parses the safetensors file of size bytes that r holds. The caller
// keeps r open while the File is used.
func Read(r io.ReaderAt, size int64) (*File, error) {
	h, dataOffset, err := readHeader(r, size, "")
	if err != nil {
		return nil, err
	}
	f := &File{byName: map[string]int{}}
	f.add(h, shard{rfile.FromReaderAt(r, size), dataOffset})
	return f, nil
}

// add appends a parsed shard to f.
func (f *File) add(h *header, s shard) {
	if len(f.shards) == 0 {
		f.Metadata = h.meta
	}
	for _, t := range h.tensors {
		t.Shard = len(f.shards)
		f.byName[t.Name] = len(f.Tensors)
		f.Tensors = append(f.Tensors, t)
	}
	f.shards = append(f.shards, s)
}

// readHeader reads and validates the header of one file and returns it
// with the offset of the data section.
func readHeader(r io.ReaderAt, size int64, path string) (*header, int64, error) {
	var lenBuf [8]byte
	if size < 8 {
		return nil, 0, formatErr(path, "", "file is %d bytes, too short for the 8-byte header length", size)
	}
	if _, err := r.ReadAt(lenBuf[:], 0); err != nil {
		return nil, 0, fmt.Errorf("safetensors: %s: %w", path, err)
	}
	n := binary.LittleEndian.Uint64(lenBuf[:])
	if n > MaxHeaderSize {
		return nil, 0, formatErr(path, "", "header length %d is over the %d-byte limit", n, MaxHeaderSize)
	}
	if int64(n) > size-8 {
		return nil, 0, formatErr(path, "", "header length %d runs past the end of the %d-byte file", n, size)
	}
	buf := make([]byte, n) // bounded by the file size and MaxHeaderSize
	if _, err := r.ReadAt(buf, 8); err != nil && n > 0 {
		return nil, 0, fmt.Errorf("safetensors: %s: %w", path, err)
	}
	h, err := parseHeader(buf, path)
	if err != nil {
		return nil, 0, err
	}
	dataOffset := 8 + int64(n)
	if err := checkLayout(h.tensors, size-dataOffset, path); err != nil {
		return nil, 0, err
	}
	return h, dataOffset, nil
}

// checkLayout checks, as the reference does, that the tensors' data ranges
// taken in offset order start at 0, follow each other with no gap or
// overlap, and end exactly at the end of the data section.
func checkLayout(tensors []TensorInfo, dataLen int64, path string) error {
	sorted := slices.Clone(tensors)
	slices.SortStableFunc(sorted, func(a, b TensorInfo) int {
		return cmp.Or(cmp.Compare(a.Begin, b.Begin), cmp.Compare(a.End, b.End))
	})
	var at int64
	for _, t := range sorted {
		if t.Begin != at {
			what := "leaves a gap after"
			if t.Begin < at {
				what = "overlaps"
			}
			return formatErr(path, fmt.Sprintf("tensor %q", t.Name), "data_offsets [%d, %d] %s the previous tensor, which ends at %d",
				t.Begin, t.End, what, at)
		}
		at = t.End
	}
	if at != dataLen {
		return formatErr(path, "", "tensors cover %d bytes, the data section holds %d", at, dataLen)
	}
	return nil
}

// Open opens a safetensors checkpoint: a .safetensors file, a
// *.safetensors.index.json of a sharded checkpoint, or a folder holding
// either (an index, or exactly one .safetensors file).
func Open(path string) (*File, error) { return open(path, false) }

// OpenMmap is Open with every file mapped read-only into memory (Linux and
// macOS), so that TensorBytes returns data without copying it.
func OpenMmap(path string) (*File, error) { return open(path, true) }

func open(path string, mapped bool) (*File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	switch {
	case st.IsDir():
		return openDir(path, mapped)
	case isIndex(path):
		return openIndex(path, mapped)
	}
	h, s, err := openShard(path, mapped)
	if err != nil {
		return nil, err
	}
	f := &File{byName: map[string]int{}}
	f.add(h, s)
	return f, nil
}

// openShard opens and parses one file.
func openShard(path string, mapped bool) (*header, shard, error) {
	rf, err := rfile.Open(path, mapped)
	if err != nil {
		return nil, shard{}, fmt.Errorf("safetensors: %w", err)
	}
	h, dataOffset, err := readHeader(rf.ReaderAt(), rf.Size, path)
	if err != nil {
		rf.Close()
		return nil, shard{}, err
	}
	return h, shard{rf, dataOffset}, nil
}

// Close releases the files a File opened; it does nothing for Read.
func (f *File) Close() error {
	var errs []error
	for _, s := range f.shards {
		errs = append(errs, s.Close())
	}
	f.shards = nil
	return errors.Join(errs...)
}

// Shards returns the number of files the checkpoint is stored in.
func (f *File) Shards() int { return len(f.shards) }

// Tensor returns the info of the named tensor.
func (f *File) Tensor(name string) (TensorInfo, bool) {
	i, ok := f.byName[name]
	if !ok {
		return TensorInfo{}, false
	}
	return f.Tensors[i], true
}

func (f *File) locate(name string) (*shard, TensorInfo, error) {
	i, ok := f.byName[name]
	if !ok {
		return nil, TensorInfo{}, fmt.Errorf("safetensors: tensor %q: %w", name, ErrNotFound)
	}
	t := f.Tensors[i]
	if t.Shard >= len(f.shards) {
		return nil, TensorInfo{}, fmt.Errorf("safetensors: tensor %q: file is closed", name)
	}
	return &f.shards[t.Shard], t, nil
}

// TensorData returns a reader of the named tensor's bytes.
func (f *File) TensorData(name string) (*io.SectionReader, error) {
	s, t, err := f.locate(name)
	if err != nil {
		return nil, err
	}
	return s.Section(s.dataOffset+t.Begin, t.Size()), nil
}

// TensorBytes returns the named tensor's bytes: the mapping itself for a
// memory-mapped File (read-only, valid until Close), a new slice otherwise.
func (f *File) TensorBytes(name string) ([]byte, error) {
	s, t, err := f.locate(name)
	if err != nil {
		return nil, err
	}
	b, err := s.Bytes(s.dataOffset+t.Begin, t.Size()) // inside the file: checked when it was opened
	if err != nil {
		return nil, fmt.Errorf("safetensors: %w", err)
	}
	return b, nil
}
