package lora

import (
	"context"
	"fmt"

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
	var dtype func(string, safetensors.Dtype) safetensors.Dtype
	if opts.SetDtype {
		dtype = func(string, safetensors.Dtype) safetensors.Dtype { return opts.Dtype }
	}
	err = safetensors.Rewrite(ctx, f, out, mg, dtype)
	if err != nil {
		return nil, err
	}
	return mg, nil
}
