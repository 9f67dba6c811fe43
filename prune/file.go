package prune

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/zstd"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/safetensors"
	"github.com/shrinkml/shrink/tensor"
)

// FileOptions say how PruneFile prunes a model file.
type FileOptions struct {
	// Mask, when not nil, zeroes weights (unstructured, N:M or Wanda).
	Mask *Options
	// Structure removes blocks and feed-forward neurons (GGUF only).
	Structure Structure
	// Then, when its Name is set, quantizes the result with that recipe in
	// the same pass (GGUF only); otherwise every tensor keeps its type, and
	// the file its order and metadata but for what structural pruning
	// changes.
	Then quant.Recipe
	// Quant passes on the rest of the quantization options (imatrix,
	// overrides, workers, progress …) when Then is set, and Workers and
	// Progress otherwise.
	Quant quant.ModelOptions
}

// Result is what PruneFile did.
type Result struct {
	Tensors  []TensorStats // the masked tensors, in model order
	Layers   int           // blocks left (GGUF)
	FFNWidth int           // feed-forward width after narrowing (0 if unchanged)
	In, Out  int64         // input and output file sizes
	Quant    *quant.Result // the write, with its plan (GGUF)
}

// PruneFile prunes the model at in (GGUF or safetensors) into out,
// streaming, atomically: a safetensors input gives a safetensors output
// (masks only), a GGUF input a GGUF output.
func PruneFile(ctx context.Context, in, out string, opts FileOptions) (*Result, error) {
	if isSafetensors(in) {
		return pruneSafetensors(ctx, in, out, opts)
	}
	f, err := gguf.Open(in)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var src quant.Source = quant.FileSource(f)
	res := &Result{}
	if len(opts.Structure.DropLayers) > 0 || opts.Structure.FFNKeep > 0 && opts.Structure.FFNKeep < 1 {
		st, err := NewStructural(f, opts.Structure)
		if err != nil {
			return nil, err
		}
		src, res.Layers, res.FFNWidth = st, st.Layers, st.FFNWidth
	}
	qo := opts.Quant
	var pr *Pruner
	if opts.Mask != nil {
		if pr, err = New(sourceModel{src}, *opts.Mask); err != nil {
			return nil, err
		}
		qo.Transform = pr
	}
	if opts.Then.Name != "" {
		qo.Recipe = opts.Then
	} else {
		qo.Recipe, _ = quant.ParseRecipe("COPY")
		qo.InputOrder, qo.KeepMetadata = true, true
	}
	if res.Quant, err = quant.QuantizeSourceFile(ctx, src, out, qo); err != nil {
		return nil, err
	}
	if pr != nil {
		res.Tensors = pr.Stats()
	}
	res.In, res.Out = fileSize(in), fileSize(out)
	return res, nil
}

func fileSize(p string) int64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// isSafetensors reports whether path is a safetensors file, folder or index.
func isSafetensors(path string) bool {
	fi, err := os.Stat(path)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		return true
	}
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var magic [4]byte
	io.ReadFull(f, magic[:])
	return string(magic[:]) != "GGUF"
}

// pruneSafetensors masks the selected tensors of a Hugging Face checkpoint
// and writes one safetensors file in the input's order.
func pruneSafetensors(ctx context.Context, in, out string, opts FileOptions) (*Result, error) {
	if opts.Then.Name != "" || len(opts.Structure.DropLayers) > 0 || opts.Structure.FFNKeep > 0 && opts.Structure.FFNKeep < 1 {
		return nil, fmt.Errorf("%w: safetensors inputs take masks only (convert to GGUF to quantize or remove structures)", ErrOptions)
	}
	if opts.Mask == nil {
		return nil, fmt.Errorf("%w: nothing to do", ErrOptions)
	}
	f, err := safetensors.Open(in)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	pr, err := New(f, *opts.Mask)
	if err != nil {
		return nil, err
	}
	err = safetensors.Rewrite(ctx, f, out, pr, nil)
	if err != nil {
		return nil, err
	}
	return &Result{Tensors: pr.Stats(), In: fileSize(in), Out: fileSize(out)}, nil
}

// sourceModel presents a quant.Source as a tensor.Model.
type sourceModel struct{ src quant.Source }

func (m sourceModel) TensorInfos() []tensor.Info {
	var out []tensor.Info
	for _, t := range m.src.Tensors() {
		shape := make([]int64, len(t.Shape))
		for i, d := range t.Shape {
			shape[len(t.Shape)-1-i] = d
		}
		out = append(out, tensor.Info{Name: t.Name, Type: t.Type.String(), Shape: shape})
	}
	return out
}

func (m sourceModel) ReadRows(name string, row int64, dst []float32) error {
	for _, t := range m.src.Tensors() {
		if t.Name != name {
			continue
		}
		c, err := quant.For(t.Type)
		if err != nil {
			return err
		}
		ncols := int(t.Shape[0])
		rs, err := c.RowSize(ncols)
		if err != nil {
			return err
		}
		r, err := m.src.TensorReader(name)
		if err != nil {
			return err
		}
		buf := make([]byte, len(dst)/ncols*rs)
		if _, err := r.ReadAt(buf, row*int64(rs)); err != nil {
			return err
		}
		return c.Dequantize(dst, buf, ncols, 1)
	}
	return fmt.Errorf("prune: no tensor %s", name)
}

// CompressedSize returns the size of the file at path compressed with zstd
// at its default level: what a pruned model costs to store or send when
// its zeros are many.
func CompressedSize(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n countWriter
	zw, err := zstd.NewWriter(&n)
	if err != nil {
		return 0, err
	}
	if _, err := io.Copy(zw, f); err != nil {
		return 0, err
	}
	if err := zw.Close(); err != nil {
		return 0, err
	}
	return int64(n), nil
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
