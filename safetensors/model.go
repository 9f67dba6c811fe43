package safetensors

import (
	"fmt"
	"slices"

	"github.com/shrinkml/shrink/tensor"
)

var _ tensor.Model = (*File)(nil)

// TensorInfos lists the tensors for package tensor, with dtype names as the
// header writes them.
func (f *File) TensorInfos() []tensor.Info {
	infos := make([]tensor.Info, len(f.Tensors))
	for i, t := range f.Tensors {
		infos[i] = tensor.Info{Name: t.Name, Type: t.Dtype.String(), Shape: slices.Clone(t.Shape)}
	}
	return infos
}

// ReadRows decodes rows [row, row+len(dst)/cols) of the named tensor into
// dst, cols being its last dimension.
func (f *File) ReadRows(name string, row int64, dst []float32) error {
	s, t, err := f.locate(name)
	if err != nil {
		return err
	}
	info := tensor.Info{Shape: t.Shape}
	cols, rows := info.Cols(), info.Rows()
	if cols == 0 || int64(len(dst))%cols != 0 {
		return fmt.Errorf("safetensors: tensor %q: %w: %d values is not a whole number of %d-value rows", name, ErrInvalid, len(dst), cols)
	}
	n := int64(len(dst)) / cols
	if row < 0 || row > rows || n > rows-row {
		return fmt.Errorf("safetensors: tensor %q: %w: rows [%d, %d) of %d", name, ErrInvalid, row, row+n, rows)
	}
	decode, err := tensor.LookupDecoder(Format, t.Dtype.String())
	if err != nil {
		return err
	}
	bits := int64(t.Dtype.Bits())
	if cols*bits%8 != 0 {
		return fmt.Errorf("safetensors: tensor %q: %w: rows of %v do not start on byte boundaries", name, ErrUnsupported, t.Dtype)
	}
	rowBytes := cols * bits / 8
	err = s.With(s.dataOffset+t.Begin+row*rowBytes, n*rowBytes, func(src []byte) error { return decode(dst, src) })
	if err != nil {
		return fmt.Errorf("safetensors: tensor %q: %w", name, err)
	}
	return nil
}
