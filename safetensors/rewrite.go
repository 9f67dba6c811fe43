package safetensors

import (
	"context"
	"fmt"
	"io"

	"github.com/shrinkml/shrink/internal/atomicfile"
)

// Transform changes some 2-D tensors of a checkpoint as float32 rows
// (quant.Transform has the same methods, so pruners and LoRA mergers serve
// both formats).
type Transform interface {
	// Touches reports whether the transform changes the named tensor.
	Touches(name string) bool
	// Apply changes rows [row, row+len(vals)/ncols) of the named tensor in
	// place.
	Apply(name string, row int, vals []float32, ncols int) error
}

// Rewrite writes f to out, atomically, with tr applied: the same metadata,
// tensors in f's order, untouched tensors copied byte for byte, touched
// ones decoded to float32, transformed whole and encoded again in
// dtype(name, their dtype) (nil: their own dtype). It streams one tensor at
// a time and stops when ctx is cancelled.
func Rewrite(ctx context.Context, f *File, out string, tr Transform, dtype func(name string, d Dtype) Dtype) error {
	infos := make([]TensorInfo, len(f.Tensors))
	for i, t := range f.Tensors {
		infos[i] = TensorInfo{Name: t.Name, Dtype: t.Dtype, Shape: t.Shape}
		if dtype != nil && tr.Touches(t.Name) {
			infos[i].Dtype = dtype(t.Name, t.Dtype)
		}
	}
	return atomicfile.Write(ctx, out, func(w io.Writer) error {
		sw, err := NewWriter(w, f.Metadata, infos, KeepOrder())
		if err != nil {
			return err
		}
		for i, t := range f.Tensors {
			if err := ctx.Err(); err != nil {
				return err
			}
			raw, err := f.TensorBytes(t.Name)
			if err != nil {
				return err
			}
			if !tr.Touches(t.Name) {
				if err := sw.WriteTensor(t.Name, raw); err != nil {
					return err
				}
				continue
			}
			if len(t.Shape) != 2 {
				return fmt.Errorf("safetensors: %s: a transform needs a 2-D tensor, not %v", t.Name, t.Shape)
			}
			cols := int(t.Shape[1])
			vals := make([]float32, int(t.Shape[0])*cols)
			if err := Float32s(vals, raw, t.Dtype); err != nil {
				return err
			}
			if err := tr.Apply(t.Name, 0, vals, cols); err != nil {
				return err
			}
			enc := make([]byte, len(vals)*infos[i].Dtype.Bits()/8)
			if err := FromFloat32s(enc, vals, infos[i].Dtype); err != nil {
				return fmt.Errorf("safetensors: %s: %w", t.Name, err)
			}
			if err := sw.WriteTensor(t.Name, enc); err != nil {
				return err
			}
		}
		return sw.Close()
	})
}
