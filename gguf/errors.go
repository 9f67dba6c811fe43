package gguf

import (
	"errors"
	"fmt"
)

var (
	// ErrFormat is returned (inside a *FormatError) when a file is not a
	// well-formed GGUF file: a bad magic, a length that runs past the end,
	// an overflowing shape, overlapping tensors, a duplicate key …
	ErrFormat = errors.New("malformed GGUF")

	// ErrUnsupported is returned when a file or a request is well formed but
	// asks for something this package does not handle: a big-endian file, a
	// version newer than 3, a tensor type ggml has removed or does not know.
	ErrUnsupported = errors.New("unsupported")

	// ErrNotFound is returned when a metadata key or a tensor name is absent.
	ErrNotFound = errors.New("not found")

	// ErrType is returned when a metadata value is asked for as a type it
	// does not have.
	ErrType = errors.New("wrong value type")

	// ErrInvalid is returned when a caller passes something that cannot be
	// written or computed: a shape that does not fit its type, a duplicate
	// tensor name, a key that is not a valid GGUF key …
	ErrInvalid = errors.New("invalid argument")

	// ErrDataLength is returned by Writer when the data given for a tensor is
	// longer or shorter than the tensor's size.
	ErrDataLength = errors.New("tensor data of the wrong length")
)

// FormatError reports malformed or unsupported input. It names the file (when
// known), the byte offset where the problem was found, and the key or tensor
// involved, and unwraps to ErrFormat or ErrUnsupported.
type FormatError struct {
	Path   string // file name, empty when reading from an io.ReaderAt
	Offset int64  // byte offset in the file
	Item   string // `key "general.name"`, `tensor "output.weight"`, or empty
	Msg    string
	Err    error // ErrFormat or ErrUnsupported
}

func (e *FormatError) Error() string {
	s := "gguf: "
	if e.Path != "" {
		s += e.Path + ": "
	}
	s += fmt.Sprintf("offset %d: ", e.Offset)
	if e.Item != "" {
		s += e.Item + ": "
	}
	return s + e.Msg
}

func (e *FormatError) Unwrap() error { return e.Err }
