package lora

import (
	"context"
	"fmt"
	"io"

	"github.com/shrinkml/shrink/internal/atomicfile"
	"github.com/shrinkml/shrink/safetensors"
)

// SafetensorsOptions tune MergeSafetensors.
type SafetensorsOptions struct {
	// Dtype, when set, is the dtype of every merged tensor in the output
	// (F32 keeps the float64 merge's single rounding); by default each
	// keeps its own.
	Dtype    safetensors.Dtype
	SetDtype bool
}

// MergeSafetensors merges PEFT adapters into a Hugging Face checkpoint (a
// .safetensors file, a folder or an index of shards) and writes one
// .safetensors file at out, atomically: the base's tensors in the base's
// order and its metadata, the adapted ones updated. Module names are the
// checkpoint's own (module + ".weight"), so any architecture works, and
// fan_in_fan_out adapters (GPT-2's Conv1D) apply transposed; no row is
// permuted.
func MergeSafetensors(ctx context.Context, base, out string, adapters []Weighted, opts SafetensorsOptions) (*Merger, error) {
	f, err := safetensors.Open(base)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	mg := &Merger{targets: map[string][]*term{}}
	byName := map[string]safetensors.TensorInfo{}
	for _, t := range f.Tensors {
		byName[t.Name] = t
	}
	for _, w := range adapters {
		if w.Adapter.Format != "peft" {
			return nil, fmt.Errorf("lora: %w: %s is a GGUF adapter; merge it into a GGUF model", ErrMismatch, w.Adapter.Path)
		}
		for _, m := range w.Adapter.Modules {
			name := m.Name + ".weight"
			t, ok := byName[name]
			if !ok {
				return nil, fmt.Errorf("lora: %w: %s module %s: the base has no tensor %s", ErrMismatch, w.Adapter.Path, m.Name, name)
			}
			if len(t.Shape) != 2 || t.Shape[0] != int64(m.Rows()) || t.Shape[1] != int64(m.Cols()) {
				return nil, fmt.Errorf("lora: %w: %s module %s updates a %d×%d weight, but base tensor %s is %v",
					ErrMismatch, w.Adapter.Path, m.Name, m.Rows(), m.Cols(), name, t.Shape)
			}
			if !t.Dtype.IsFloat() {
				return nil, fmt.Errorf("lora: %w: base tensor %s is %v", ErrMismatch, name, t.Dtype)
			}
			tm := newTerm(m, m.Scale*w.Multiplier)
			mg.targets[name] = append(mg.targets[name], tm)
			mg.merged = append(mg.merged, Merged{Tensor: name, Module: m.Name, Adapter: w.Adapter.Path, Rank: m.Rank, Scale: tm.scale})
		}
	}
	infos := make([]safetensors.TensorInfo, len(f.Tensors))
	for i, t := range f.Tensors {
		infos[i] = safetensors.TensorInfo{Name: t.Name, Dtype: t.Dtype, Shape: t.Shape}
		if mg.Touches(t.Name) && opts.SetDtype {
			infos[i].Dtype = opts.Dtype
		}
	}
	err = atomicfile.Write(ctx, out, func(w io.Writer) error {
		sw, err := safetensors.NewWriter(w, f.Metadata, infos, safetensors.KeepOrder())
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
			if !mg.Touches(t.Name) {
				if err := sw.WriteTensor(t.Name, raw); err != nil {
					return err
				}
				continue
			}
			rows, cols := int(t.Shape[0]), int(t.Shape[1])
			vals := make([]float32, rows*cols)
			if err := safetensors.Float32s(vals, raw, t.Dtype); err != nil {
				return err
			}
			if err := mg.Apply(t.Name, 0, vals, cols); err != nil {
				return err
			}
			enc := make([]byte, len(vals)*infos[i].Dtype.Bits()/8)
			if err := safetensors.FromFloat32s(enc, vals, infos[i].Dtype); err != nil {
				return fmt.Errorf("lora: %s: %w", t.Name, err)
			}
			if err := sw.WriteTensor(t.Name, enc); err != nil {
				return err
			}
		}
		return sw.Close()
	})
	if err != nil {
		return nil, err
	}
	return mg, nil
}
