package gguf

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
)

// Magic is the first four bytes of every GGUF file.
const Magic = "GGUF"

// Versions this package reads. Version 1 (32-bit counts and lengths) is
// still read because old files exist; it is written as version 3.
const (
	VersionMin = 1
	VersionMax = 3
)

// header is the parsed header of one GGUF file.
type header struct {
	version    uint32
	meta       *Metadata
	tensors    []TensorInfo
	byName     map[string]int // index of each tensor in tensors
	alignment  int64
	dataOffset int64
	size       int64
}

// readHeader parses and validates the header of one GGUF file of size bytes.
func readHeader(r io.ReaderAt, size int64, path string) (*header, error) {
	d := newDecoder(r, size, path)
	b, err := d.bytes(4)
	if err != nil {
		return nil, err
	}
	if string(b) != Magic {
		return nil, d.errorf(ErrFormat, 0, "magic is %q, want %q: not a GGUF file", b, Magic)
	}
	version, err := d.u32()
	if err != nil {
		return nil, err
	}
	switch {
	case version != 0 && version&0xFFFF == 0 && bits.ReverseBytes32(version) <= 0xFFFF:
		return nil, d.errorf(ErrUnsupported, 4, "big-endian GGUF file (version %d read big-endian); only little-endian files are supported",
			bits.ReverseBytes32(version))
	case version < VersionMin:
		return nil, d.errorf(ErrFormat, 4, "version %d", version)
	case version > VersionMax:
		return nil, d.errorf(ErrUnsupported, 4, "version %d is newer than %d, the newest this package reads", version, VersionMax)
	}
	d.v1 = version == 1
	h := &header{version: version, meta: &Metadata{}, size: size}

	// Lower bounds on the encoded size of one item, to bound the counts.
	minKV := d.countSize() + 4 + 1       // key length, type, 1-byte value
	minInfo := d.countSize() + 4 + 4 + 8 // name length, n_dims, type, offset
	nTensors, err := d.bounded("tensor count", minInfo)
	if err != nil {
		return nil, err
	}
	nKV, err := d.bounded("metadata count", minKV)
	if err != nil {
		return nil, err
	}

	for i := range nKV {
		at := d.pos
		d.item = fmt.Sprintf("key %d", i)
		key, err := d.str()
		if err != nil {
			return nil, err
		}
		d.item = fmt.Sprintf("key %q", key)
		if key == "" {
			return nil, d.errorf(ErrFormat, at, "empty key")
		}
		if _, dup := h.meta.Get(key); dup {
			return nil, d.errorf(ErrFormat, at, "duplicate key")
		}
		t, err := d.valueType()
		if err != nil {
			return nil, err
		}
		v, err := d.value(t, 0)
		if err != nil {
			return nil, err
		}
		h.meta.Set(key, v) //nolint:errcheck // key is non-empty
	}

	d.item = fmt.Sprintf("key %q", KeyAlignment)
	h.alignment = DefaultAlignment
	if v, ok := h.meta.Get(KeyAlignment); ok {
		a, err := As[uint32](v)
		if err != nil {
			return nil, d.errorf(ErrFormat, d.pos, "alignment is %s, want u32", v.TypeName())
		}
		if a == 0 || a&(a-1) != 0 {
			return nil, d.errorf(ErrFormat, d.pos, "alignment %d is not a power of two", a)
		}
		h.alignment = int64(a)
	}

	h.byName = make(map[string]int, min(nTensors, 1<<16))
	h.tensors = make([]TensorInfo, 0, min(nTensors, 1<<16))
	for i := range nTensors {
		t, err := d.tensorInfo(i, h.byName)
		if err != nil {
			return nil, err
		}
		h.tensors = append(h.tensors, t)
	}

	d.item = ""
	h.dataOffset = alignUp(d.pos, h.alignment)
	if nTensors > 0 && h.dataOffset > size {
		return nil, d.errorf(ErrFormat, d.pos, "data section at %d starts past the end of the %d-byte file", h.dataOffset, size)
	}
	if err := h.checkLayout(path); err != nil {
		return nil, err
	}
	return h, nil
}

// tensorInfo reads and validates tensor info i.
func (d *decoder) tensorInfo(i int, seen map[string]int) (TensorInfo, error) {
	at := d.pos
	d.item = fmt.Sprintf("tensor %d", i)
	name, err := d.str()
	if err != nil {
		return TensorInfo{}, err
	}
	d.item = fmt.Sprintf("tensor %q", name)
	if _, dup := seen[name]; dup {
		return TensorInfo{}, d.errorf(ErrFormat, at, "duplicate tensor name")
	}
	seen[name] = i
	nDims, err := d.u32()
	if err != nil {
		return TensorInfo{}, err
	}
	if nDims == 0 || nDims > MaxDims {
		return TensorInfo{}, d.errorf(ErrFormat, at, "%d dimensions, want 1 to %d", nDims, MaxDims)
	}
	t := TensorInfo{Name: name, Shape: make([]int64, nDims)}
	for j := range t.Shape {
		var dim uint64
		if d.v1 {
			var n uint32
			n, err = d.u32()
			dim = uint64(n)
		} else {
			dim, err = d.u64()
		}
		if err != nil {
			return TensorInfo{}, err
		}
		if dim > math.MaxInt64 {
			return TensorInfo{}, d.errorf(ErrFormat, at, "dimension %d is negative", j)
		}
		t.Shape[j] = int64(dim)
	}
	typ, err := d.u32()
	if err != nil {
		return TensorInfo{}, err
	}
	t.Type = Type(typ)
	off, err := d.u64()
	if err != nil {
		return TensorInfo{}, err
	}
	if off > math.MaxInt64 {
		return TensorInfo{}, d.errorf(ErrFormat, at, "data offset %d is past any file", off)
	}
	t.Offset = int64(off)
	if _, p := t.validate(); p != nil {
		return TensorInfo{}, d.errorf(p.sentinel, at, "%s", p.msg)
	}
	return t, nil
}

// checkLayout checks that every tensor's data is aligned, inside the file,
// and does not overlap another's.
func (h *header) checkLayout(path string) error {
	fail := func(t TensorInfo, format string, args ...any) error {
		return &FormatError{Path: path, Offset: h.dataOffset + t.Offset, Item: fmt.Sprintf("tensor %q", t.Name),
			Msg: fmt.Sprintf(format, args...), Err: ErrFormat}
	}
	byOffset := make([]int, len(h.tensors))
	for i, t := range h.tensors {
		byOffset[i] = i
		if t.Offset%h.alignment != 0 {
			return fail(t, "data offset %d is not a multiple of the alignment %d", t.Offset, h.alignment)
		}
		if t.Offset > h.size-h.dataOffset || t.Size() > h.size-h.dataOffset-t.Offset {
			return fail(t, "data [%d, +%d) runs past the end of the %d-byte file", h.dataOffset+t.Offset, t.Size(), h.size)
		}
	}
	slices.SortFunc(byOffset, func(a, b int) int {
		return cmp.Compare(h.tensors[a].Offset, h.tensors[b].Offset)
	})
	for k := 1; k < len(byOffset); k++ {
		prev, t := h.tensors[byOffset[k-1]], h.tensors[byOffset[k]]
		if prev.Offset+prev.Size() > t.Offset {
			return fail(t, "data overlaps tensor %q", prev.Name)
		}
	}
	return nil
}

// alignUp rounds n up to a multiple of align, a power of two.
func alignUp(n, align int64) int64 { return (n + align - 1) &^ (align - 1) }
