package lora

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
)

// Weighted is an adapter to merge and the multiplier of its updates (1 for
// the adapter as trained).
type Weighted struct {
	Adapter    *Adapter
	Multiplier float64
}

// Merger adds adapters' updates to a model's tensors. It implements
// quant.Transform, so quant.QuantizeModel streams a merge like any other
// conversion.
type Merger struct {
	targets   map[string][]*term
	merged    []Merged
	acc, prod []float64 // scratch for Apply, reused from call to call
}

// Merged describes one base tensor an adapter module updates.
type Merged struct {
	Tensor  string  // the base tensor
	Module  string  // the adapter's name for it
	Adapter string  // the adapter's path
	Rank    int     // r
	Scale   float64 // the module's scale times the multiplier
}

// term is one module's update of one tensor: Δ[i][j] = scale·Σₖ L[i][k]·R[k][j].
type term struct {
	rank, cols int
	l, r       []float64 // rows×rank and rank×cols
	scale      float64
}

// NewMerger maps the adapters' modules onto the tensors of a GGUF model
// with metadata meta. PEFT module names are mapped to llama-family GGUF
// names, and for the llama architecture the q and k updates get llama.cpp's
// row permutation. A module without a matching tensor, or of the wrong
// shape, is an error naming both.
func NewMerger(meta *gguf.Metadata, tensors []gguf.TensorInfo, adapters []Weighted) (*Merger, error) {
	byName := map[string]gguf.TensorInfo{}
	for _, t := range tensors {
		byName[t.Name] = t
	}
	arch, _ := gguf.Lookup[string](meta, gguf.KeyArchitecture)
	heads := func(key string) int {
		n, err := gguf.LookupInt(meta, arch+key)
		if err != nil {
			return 0
		}
		return int(n)
	}
	nHead := heads(".attention.head_count")
	nHeadKV := heads(".attention.head_count_kv")
	if nHeadKV == 0 {
		nHeadKV = nHead
	}
	mg := &Merger{targets: map[string][]*term{}}
	for _, w := range adapters {
		for _, m := range w.Adapter.Modules {
			name := m.Name
			if w.Adapter.Format == "peft" {
				n, ok := GGUFName(m.Name)
				if !ok {
					return nil, fmt.Errorf("lora: %w: %s module %s has no GGUF tensor name (only llama-family modules map)",
						ErrMismatch, w.Adapter.Path, m.Name)
				}
				name = n
			}
			t, ok := byName[name]
			if !ok {
				return nil, fmt.Errorf("lora: %w: %s module %s: the base has no tensor %s", ErrMismatch, w.Adapter.Path, m.Name, name)
			}
			rows, cols := t.Rows(), t.Shape[0]
			if len(t.Shape) > 2 || int64(m.Rows()) != rows || int64(m.Cols()) != cols {
				return nil, fmt.Errorf("lora: %w: %s module %s updates a %d×%d weight, but base tensor %s is %v (ggml order)",
					ErrMismatch, w.Adapter.Path, m.Name, m.Rows(), m.Cols(), name, t.Shape)
			}
			tm := newTerm(m, m.Scale*w.Multiplier)
			if arch == "llama" && w.Adapter.Format == "peft" && !m.Transposed {
				var err error
				switch {
				case strings.HasSuffix(name, ".attn_q.weight"):
					tm.l, err = permuteRows(tm.l, m.Rows(), m.Rank, nHead)
				case strings.HasSuffix(name, ".attn_k.weight"):
					tm.l, err = permuteRows(tm.l, m.Rows(), m.Rank, nHeadKV)
				}
				if err != nil {
					return nil, fmt.Errorf("lora: %s: %w", name, err)
				}
			}
			mg.targets[name] = append(mg.targets[name], tm)
			mg.merged = append(mg.merged, Merged{Tensor: name, Module: m.Name, Adapter: w.Adapter.Path, Rank: m.Rank, Scale: tm.scale})
		}
	}
	sort.SliceStable(mg.merged, func(i, j int) bool { return mg.merged[i].Tensor < mg.merged[j].Tensor })
	return mg, nil
}

// newTerm widens a module's factors to float64 in the orientation of the
// stored weight: L = B, R = A, or for a transposed module L = Aᵀ, R = Bᵀ.
func newTerm(m *Module, scale float64) *term {
	t := &term{rank: m.Rank, cols: m.Cols(), scale: scale}
	rows := m.Rows()
	t.l = make([]float64, rows*m.Rank)
	t.r = make([]float64, m.Rank*t.cols)
	for i := range rows {
		for k := range m.Rank {
			if m.Transposed {
				t.l[i*m.Rank+k] = float64(m.A[k*m.In+i])
			} else {
				t.l[i*m.Rank+k] = float64(m.B[i*m.Rank+k])
			}
		}
	}
	for k := range m.Rank {
		for j := range t.cols {
			if m.Transposed {
				t.r[k*t.cols+j] = float64(m.B[j*m.Rank+k])
			} else {
				t.r[k*t.cols+j] = float64(m.A[k*m.In+j])
			}
		}
	}
	return t
}

// Merged lists what the merger updates, by tensor name.
func (mg *Merger) Merged() []Merged { return mg.merged }

// Touches reports whether an adapter updates the named tensor.
func (mg *Merger) Touches(name string) bool { return len(mg.targets[name]) > 0 }

// Apply adds the updates to rows [row, row+len(vals)/ncols) of the named
// tensor: each value becomes float32(w + Σ scale·(L·R)[i][j]), adapters in
// order, in float64, rounded once. L·R is a float64 matrix product (gonum's
// Dgemm, which sums over k in order for each element, as the reference
// numpy merge does).
func (mg *Merger) Apply(name string, row int, vals []float32, ncols int) error {
	terms := mg.targets[name]
	n := len(vals) / ncols
	if cap(mg.acc) < len(vals) {
		mg.acc, mg.prod = make([]float64, len(vals)), make([]float64, len(vals))
	}
	acc, prod := mg.acc[:len(vals)], mg.prod[:len(vals)]
	for i, v := range vals {
		acc[i] = float64(v)
	}
	for _, t := range terms {
		if t.cols != ncols {
			return fmt.Errorf("lora: %w: %s rows of %d values, the update's are %d", ErrMismatch, name, ncols, t.cols)
		}
		l := blas64.General{Rows: n, Cols: t.rank, Stride: t.rank, Data: t.l[row*t.rank : (row+n)*t.rank]}
		r := blas64.General{Rows: t.rank, Cols: ncols, Stride: ncols, Data: t.r}
		p := blas64.General{Rows: n, Cols: ncols, Stride: ncols, Data: prod}
		blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, l, r, 0, p)
		for i, d := range prod {
			acc[i] += t.scale * d
		}
	}
	for i, a := range acc {
		vals[i] = float32(a)
	}
	return nil
}

// MergeFile merges the adapters into the GGUF model at base and writes the
// result to out, atomically. With the zero opts.Recipe every tensor keeps
// its type, order and the metadata stay the base's, and updated tensors are
// rounded (F16, BF16) or requantized (with opts.Imatrix when given) to
// their own type; with a recipe the output is quantized as QuantizeFile
// quantizes, the updates applied first. opts.Measure reports, per updated
// tensor, the error the rounding or requantization added.
func MergeFile(ctx context.Context, base, out string, adapters []Weighted, opts quant.ModelOptions) (*quant.Result, *Merger, error) {
	f, err := gguf.Open(base)
	if err != nil {
		return nil, nil, err
	}
	mg, err := NewMerger(f.Metadata, f.Tensors, adapters)
	f.Close()
	if err != nil {
		return nil, nil, err
	}
	opts.Transform = mg
	if opts.Recipe.Name == "" {
		opts.Recipe, _ = quant.ParseRecipe("COPY")
		opts.InputOrder, opts.KeepMetadata = true, true
	}
	res, err := quant.QuantizeFile(ctx, base, out, opts)
	return res, mg, err
}
