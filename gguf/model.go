package gguf

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"github.com/shrinkml/shrink/internal/half"
	"github.com/shrinkml/shrink/tensor"
)

// Format is the name GGUF decoders are registered under in package tensor.
const Format = "gguf"

func init() {
	tensor.RegisterDecoder(Format, TypeF32.String(), func(dst []float32, src []byte) error {
		for i := range dst {
			dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
		}
		return nil
	})
	tensor.RegisterDecoder(Format, TypeF16.String(), func(dst []float32, src []byte) error {
		for i := range dst {
			dst[i] = half.F16ToF32(binary.LittleEndian.Uint16(src[2*i:]))
		}
		return nil
	})
	tensor.RegisterDecoder(Format, TypeBF16.String(), func(dst []float32, src []byte) error {
		for i := range dst {
			dst[i] = half.BF16ToF32(binary.LittleEndian.Uint16(src[2*i:]))
		}
		return nil
	})
}

var _ tensor.Model = (*File)(nil)

// TensorInfos lists the tensors for package tensor: type names as ggml
// prints them and shapes in row-major order (the reverse of Shape).
func (f *File) TensorInfos() []tensor.Info {
	infos := make([]tensor.Info, len(f.Tensors))
	for i, t := range f.Tensors {
		shape := slices.Clone(t.Shape)
		slices.Reverse(shape)
		infos[i] = tensor.Info{Name: t.Name, Type: t.Type.String(), Shape: shape}
	}
	return infos
}

// ReadRows decodes rows [row, row+len(dst)/Shape[0]) of the named tensor
// into dst with the decoder registered for its type.
func (f *File) ReadRows(name string, row int64, dst []float32) error {
	s, t, err := f.locate(name)
	if err != nil {
		return err
	}
	cols := t.Shape[0]
	if int64(len(dst))%cols != 0 {
		return fmt.Errorf("gguf: tensor %q: %w: %d values is not a whole number of %d-value rows", name, ErrInvalid, len(dst), cols)
	}
	n := int64(len(dst)) / cols
	if row < 0 || row > t.Rows() || n > t.Rows()-row {
		return fmt.Errorf("gguf: tensor %q: %w: rows [%d, %d) of %d", name, ErrInvalid, row, row+n, t.Rows())
	}
	decode, err := tensor.LookupDecoder(Format, t.Type.String())
	if err != nil {
		return err
	}
	rowBytes, _ := t.Type.RowSize(cols) // valid: checked when the file was read
	start := s.dataOffset + t.Offset + row*rowBytes
	err = s.With(start, n*rowBytes, func(src []byte) error { return decode(dst, src) })
	if err != nil {
		return fmt.Errorf("gguf: tensor %q: %w", name, err)
	}
	return nil
}
