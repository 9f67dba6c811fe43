// Package tensor is the container-neutral view of a model that the
// transforms (quant, prune, lora) consume: tensor names, stored types and
// shapes, and rows of float32 read on demand.
//
// gguf.File and safetensors.File both implement Model. Containers know how
// to find a tensor's bytes but not the arithmetic of every stored type:
// each decoder is registered under its container format and type name with
// RegisterDecoder, as image formats are registered with the image package.
// The containers register the plain float types themselves; package quant
// registers the GGUF quant types, so import it (for its side effect, if need
// be) to read the rows of a quantized GGUF tensor.
package tensor

import (
	"errors"
	"fmt"
	"sync"
)

// Info describes one tensor.
type Info struct {
	Name string
	// Type is the container's name of the stored type: "f16" or "q4_K" in
	// GGUF, "BF16" or "F8_E4M3" in safetensors.
	Type string
	// Shape is row-major, as PyTorch and safetensors write it: the last
	// dimension is the length of a row. (GGUF lists dimensions the other way
	// round; its Model reverses them.) An empty shape is a scalar.
	Shape []int64
}

// Cols returns the length of a row: the last dimension, or 1 for a scalar.
func (i Info) Cols() int64 {
	if len(i.Shape) == 0 {
		return 1
	}
	return i.Shape[len(i.Shape)-1]
}

// Rows returns the number of rows: the product of all but the last dimension.
func (i Info) Rows() int64 {
	n := int64(1)
	for _, d := range i.Shape[:max(len(i.Shape)-1, 0)] {
		n *= d
	}
	return n
}

// Model is a model whose tensors can be read as float32 rows.
type Model interface {
	// TensorInfos lists the tensors in the container's order.
	TensorInfos() []Info
	// ReadRows decodes rows [row, row+len(dst)/Cols) of the named tensor
	// into dst, whose length must be a multiple of the row length.
	ReadRows(name string, row int64, dst []float32) error
}

// A Decoder turns whole rows of stored bytes into float32 values: len(dst)
// values from the first bytes of src. The caller passes exactly the bytes of
// the rows asked for.
type Decoder func(dst []float32, src []byte) error

// ErrNoDecoder is returned when no decoder is registered for a tensor's type.
var ErrNoDecoder = errors.New("no decoder registered")

var (
	mu       sync.RWMutex
	decoders = map[[2]string]Decoder{}
)

// RegisterDecoder makes d the decoder of type typ in container format
// ("gguf", "safetensors"). A later registration replaces an earlier one.
func RegisterDecoder(format, typ string, d Decoder) {
	mu.Lock()
	defer mu.Unlock()
	decoders[[2]string{format, typ}] = d
}

// LookupDecoder returns the decoder of type typ in format, or an error
// wrapping ErrNoDecoder that says what is missing.
func LookupDecoder(format, typ string) (Decoder, error) {
	mu.RLock()
	d, ok := decoders[[2]string{format, typ}]
	mu.RUnlock()
	if !ok {
		hint := ""
		if format == "gguf" {
			hint = " (import github.com/shrinkml/shrink/quant for the quantized types)"
		}
		return nil, fmt.Errorf("tensor: %w for %s type %s%s", ErrNoDecoder, format, typ, hint)
	}
	return d, nil
}
