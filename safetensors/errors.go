package safetensors

import (
	"errors"
	"fmt"
)

var (
	// ErrFormat is returned (inside a *FormatError) when a file, an index or
	// a folder is not a well-formed safetensors checkpoint.
	ErrFormat = errors.New("malformed safetensors")

	// ErrUnsupported is returned for well-formed input this package does
	// not handle, such as converting packed F4/F6 values.
	ErrUnsupported = errors.New("unsupported")

	// ErrNotFound is returned when a tensor name is absent.
	ErrNotFound = errors.New("not found")

	// ErrInvalid is returned when a caller passes something that cannot be
	// written or converted.
	ErrInvalid = errors.New("invalid argument")

	// ErrDataLength is returned by Writer when the data given for a tensor
	// is longer or shorter than the tensor's size.
	ErrDataLength = errors.New("tensor data of the wrong length")
)

// FormatError reports malformed input: the file, the tensor (or key) and
// what was wrong. It unwraps to ErrFormat.
type FormatError struct {
	Path string // file name; empty when reading from an io.ReaderAt
	Item string // `tensor "x"`, `key "__metadata__"`, or empty
	Msg  string
}

func (e *FormatError) Error() string {
	s := "safetensors: "
	if e.Path != "" {
		s += e.Path + ": "
	}
	if e.Item != "" {
		s += e.Item + ": "
	}
	return s + e.Msg
}

func (e *FormatError) Unwrap() error { return ErrFormat }

func formatErr(path, item, format string, args ...any) error {
	return &FormatError{Path: path, Item: item, Msg: fmt.Sprintf(format, args...)}
}
