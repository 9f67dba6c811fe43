package quant

import (
	"errors"
	"fmt"

	"github.com/shrinkml/shrink/gguf"
)

var (
	// ErrUnsupported is returned when a type has no codec here, or has one
	// that cannot quantize (the lattice types iq1_s … iq3_s and q8_1 are
	// read-only).
	ErrUnsupported = errors.New("unsupported")

	// ErrShape is returned when a row length is not a multiple of the type's
	// block size, or a buffer does not hold exactly the rows asked for.
	ErrShape = errors.New("shape mismatch")

	// ErrImatrix is returned when an importance matrix has the wrong length,
	// holds a negative or non-finite weight, or is missing for a type ggml
	// only quantizes with one.
	ErrImatrix = errors.New("bad importance matrix")

	// ErrValue is returned (inside a *ValueError) when an input value is NaN
	// or infinite or a block's scale does not fit the type's scale format,
	// and by Validate when quantized data holds a NaN or infinite scale.
	ErrValue = errors.New("non-finite value or scale")
)

// ValueError reports the value that stopped a quantization: a NaN or an
// infinity in the input, a value too large for f16, or a block whose scale
// overflows the type's fp16 scale. llama.cpp refuses files holding such rows.
type ValueError struct {
	Type   gguf.Type
	Row    int     // row index within the call
	Col    int     // column of the value, or the first column of the block
	Value  float32 // the input value, or the largest magnitude in the block
	Reason string  // what is wrong, as "is NaN" or "gives a block scale that overflows fp16"
}

func (e *ValueError) Error() string {
	return fmt.Sprintf("quant: %v: row %d, column %d: value %g %s", e.Type, e.Row, e.Col, e.Value, e.Reason)
}

func (e *ValueError) Unwrap() error { return ErrValue }
