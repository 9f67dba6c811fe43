package gguf

import (
	"fmt"
	"math"
)

// MaxDims is the largest number of dimensions a GGUF tensor can have.
const MaxDims = 4

// MaxNameLen is one more than the longest tensor name ggml accepts
// (GGML_MAX_NAME); the Writer refuses longer names.
const MaxNameLen = 64

// TensorInfo describes one tensor of a file.
type TensorInfo struct {
	Name string
	Type Type
	// Shape lists the dimensions in ggml order: Shape[0] is the length of a
	// row (the fastest-varying dimension), so a [4096, 32000] token
	// embedding holds 32000 rows of 4096 values. Between 1 and 4 entries.
	Shape []int64
	// Offset is where the data starts, relative to the start of the data
	// section of the file (or split) that holds the tensor.
	Offset int64
	// Split is the index of the split file that holds the tensor; 0 for a
	// model in one file.
	Split int
}

// NumElements returns the number of values in the tensor.
func (t TensorInfo) NumElements() int64 {
	n := int64(1)
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// Rows returns the number of rows: the product of every dimension but the first.
func (t TensorInfo) Rows() int64 {
	if len(t.Shape) == 0 {
		return 1
	}
	return t.NumElements() / t.Shape[0]
}

// Size returns the size of the tensor's data in bytes. It is only meaningful
// for a TensorInfo that passed validation (every one a File holds did).
func (t TensorInfo) Size() int64 {
	if len(t.Shape) == 0 || !t.Type.Valid() {
		return 0
	}
	row, err := t.Type.RowSize(t.Shape[0])
	if err != nil {
		return 0
	}
	return row * t.Rows()
}

// problem is a validation failure: the sentinel it wraps and what was wrong,
// without the name of the file or tensor, which callers add.
type problem struct {
	sentinel error
	msg      string
}

func (p *problem) Error() string { return p.msg }
func (p *problem) Unwrap() error { return p.sentinel }

// validate checks the shape and type of t and returns its size in bytes.
func (t TensorInfo) validate() (int64, *problem) {
	if !t.Type.Valid() {
		if t.Type.Removed() {
			return 0, &problem{ErrUnsupported, fmt.Sprintf("type %v (id %d) has been removed from ggml", t.Type, uint32(t.Type))}
		}
		return 0, &problem{ErrUnsupported, fmt.Sprintf("unknown tensor type id %d", uint32(t.Type))}
	}
	if len(t.Shape) == 0 || len(t.Shape) > MaxDims {
		return 0, &problem{ErrFormat, fmt.Sprintf("%d dimensions, want 1 to %d", len(t.Shape), MaxDims)}
	}
	n := int64(1)
	for i, d := range t.Shape {
		if d < 1 {
			return 0, &problem{ErrFormat, fmt.Sprintf("dimension %d is %d, want at least 1", i, d)}
		}
		if n > math.MaxInt64/d {
			return 0, &problem{ErrFormat, fmt.Sprintf("shape %v has more than 2^63 elements", t.Shape)}
		}
		n *= d
	}
	row, err := t.Type.RowSize(t.Shape[0])
	if err != nil {
		return 0, &problem{ErrFormat, fmt.Sprintf("rows of %d values are not a multiple of the %v block size %d",
			t.Shape[0], t.Type, t.Type.BlockSize())}
	}
	rows := n / t.Shape[0]
	if row != 0 && rows > math.MaxInt64/row {
		return 0, &problem{ErrFormat, fmt.Sprintf("shape %v of %v is more than 2^63 bytes", t.Shape, t.Type)}
	}
	return row * rows, nil
}
