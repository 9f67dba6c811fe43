package prune

import (
	"errors"
	"fmt"
	"math"
	"regexp"

	"github.com/shrinkml/shrink/quant/imatrix"
	"github.com/shrinkml/shrink/tensor"
)

// Method is how weights are scored for pruning.
type Method int

const (
	// Magnitude prunes the smallest |w|.
	Magnitude Method = iota
	// Wanda prunes, within each output row, the smallest |W_ij|·‖X_j‖₂,
	// ‖X_j‖₂ from an importance matrix (√ of the mean squared activation:
	// a common factor does not change a row's ranking).
	Wanda
	// NM keeps the N largest of every M consecutive weights along the input
	// dimension (2:4 …), by |w|, or by Wanda's score with an importance
	// matrix.
	NM
)

func (m Method) String() string {
	switch m {
	case Magnitude:
		return "magnitude"
	case Wanda:
		return "wanda"
	case NM:
		return "nm"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Scope is where magnitude pruning counts its sparsity.
type Scope int

const (
	// PerTensor zeroes ⌊s·n⌋ weights of each tensor.
	PerTensor Scope = iota
	// PerRow zeroes ⌊s·cols⌋ weights of each output row.
	PerRow
	// Global zeroes ⌊s·n⌋ weights over all selected tensors together,
	// under one threshold.
	Global
)

var (
	// ErrOptions is returned for invalid options.
	ErrOptions = errors.New("prune: invalid options")
)

// DefaultPattern selects the 2-D attention and feed-forward weights of the
// blocks, never norms, embeddings or the output head.
var DefaultPattern = regexp.MustCompile(`^(blk\.\d+\.(attn_q|attn_k|attn_v|attn_output|attn_qkv|ffn_gate|ffn_up|ffn_down)(_exps)?\.weight|model\.layers\.\d+\.(self_attn\.(q|k|v|o)_proj|mlp\.(gate|up|down)_proj)\.weight)$`)

// Options say what to prune.
type Options struct {
	Method   Method
	Scope    Scope   // for Magnitude
	Sparsity float64 // the share of weights to zero, in [0, 1), for Magnitude and Wanda
	N, M     int     // for NM: keep N of every M
	// Imatrix holds the activation statistics for Wanda (required) and
	// for NM and the report (optional).
	Imatrix *imatrix.Matrix
	// Pattern selects the tensors by name; nil means DefaultPattern.
	Pattern *regexp.Regexp
}

func (o *Options) check() error {
	switch o.Method {
	case Magnitude, Wanda:
		if !(o.Sparsity >= 0 && o.Sparsity < 1) {
			return fmt.Errorf("%w: sparsity %g is not in [0, 1)", ErrOptions, o.Sparsity)
		}
		if o.Method == Wanda && o.Imatrix == nil {
			return fmt.Errorf("%w: wanda needs an importance matrix", ErrOptions)
		}
		if o.Scope < PerTensor || o.Scope > Global {
			return fmt.Errorf("%w: scope %d", ErrOptions, o.Scope)
		}
	case NM:
		if o.N < 0 || o.M <= 0 || o.N >= o.M || o.M > 64 {
			return fmt.Errorf("%w: pattern %d:%d (want N < M ≤ 64)", ErrOptions, o.N, o.M)
		}
	default:
		return fmt.Errorf("%w: method %v", ErrOptions, o.Method)
	}
	return nil
}

func (o *Options) pattern() *regexp.Regexp {
	if o.Pattern == nil {
		return DefaultPattern
	}
	return o.Pattern
}

// TensorStats report what pruning did to one tensor.
type TensorStats struct {
	Name       string
	Elements   int64
	Zeros      int64   // zeros after pruning (those already zero included)
	Pruned     int64   // values the mask zeroed
	Groups     int64   // N:M groups
	Compliant  int64   // groups with at most N non-zeros
	Norm2      float64 // ‖W‖²
	Err2       float64 // ‖W − W'‖²
	WNorm2     float64 // Σ_j X²_j·W²_ij, with an importance matrix
	WErr2      float64 // Σ_j X²_j·(W − W')²_ij
	HasWeights bool
}

// Sparsity is the share of zeros after pruning.
func (s *TensorStats) Sparsity() float64 { return float64(s.Zeros) / float64(max(1, s.Elements)) }

// RelError is ‖W − W'‖/‖W‖.
func (s *TensorStats) RelError() float64 {
	return math.Sqrt(s.Err2 / max(s.Norm2, math.SmallestNonzeroFloat64))
}

// WeightedRelError is the activation-weighted relative error, or NaN
// without an importance matrix.
func (s *TensorStats) WeightedRelError() float64 {
	if !s.HasWeights {
		return math.NaN()
	}
	return math.Sqrt(s.WErr2 / max(s.WNorm2, math.SmallestNonzeroFloat64))
}

// Pruner zeroes weights as a quant.Transform, so that quant streams the
// pruned model (and quantizes it, if asked) in one pass.
type Pruner struct {
	opts     Options
	shapes   map[string][2]int // selected tensor → rows, cols
	order    []string
	thr      map[string]*threshold // PerTensor and Global thresholds (Global: one shared)
	colScale map[string][]float32  // Wanda and weighted stats: ‖X_j‖ per column
	stats    map[string]*TensorStats
	keys     []uint32
	scratch  []uint32
	prev     []float32
}

// New selects the tensors of model to prune and, for the tensor-wide and
// global magnitude thresholds, reads them once to place the thresholds
// (two histogram passes, memory independent of the model's size).
func New(model tensor.Model, opts Options) (*Pruner, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	p := &Pruner{opts: opts, shapes: map[string][2]int{}, thr: map[string]*threshold{},
		colScale: map[string][]float32{}, stats: map[string]*TensorStats{}}
	pat := opts.pattern()
	for _, t := range model.TensorInfos() {
		if !pat.MatchString(t.Name) || len(t.Shape) < 2 {
			continue
		}
		rows, cols := int(t.Rows()), int(t.Cols())
		p.shapes[t.Name] = [2]int{rows, cols}
		p.order = append(p.order, t.Name)
		p.stats[t.Name] = &TensorStats{Name: t.Name, Elements: int64(rows) * int64(cols)}
		if opts.Imatrix != nil {
			if v, ok := opts.Imatrix.Entries[t.Name]; ok && len(v) == cols {
				s := make([]float32, cols)
				for j, x := range v {
					s[j] = float32(math.Sqrt(float64(max(x, 0))))
				}
				p.colScale[t.Name] = s
			} else if opts.Method == Wanda {
				return nil, fmt.Errorf("%w: the importance matrix has no %d-value entry for %s", ErrOptions, cols, t.Name)
			}
		}
	}
	if len(p.order) == 0 {
		return nil, fmt.Errorf("%w: no tensor matches %s", ErrOptions, pat)
	}
	if opts.Method == Magnitude && opts.Scope != PerRow {
		if err := p.placeThresholds(model); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Selected lists the tensors the pruner changes, in model order.
func (p *Pruner) Selected() []string { return p.order }

// Touches reports whether the pruner changes the named tensor.
func (p *Pruner) Touches(name string) bool { _, ok := p.shapes[name]; return ok }

// Stats returns what pruning did, per selected tensor in model order, once
// the tensors have gone through Apply.
func (p *Pruner) Stats() []TensorStats {
	out := make([]TensorStats, len(p.order))
	for i, n := range p.order {
		out[i] = *p.stats[n]
	}
	return out
}

// Apply prunes rows [row, row+len(vals)/ncols) of a selected tensor. Rows
// must come in order (quant calls it so), since tensor-wide thresholds
// spend their tie quota in order.
func (p *Pruner) Apply(name string, row int, vals []float32, ncols int) error {
	sh, ok := p.shapes[name]
	if !ok || sh[1] != ncols {
		return fmt.Errorf("%w: %s is not a selected tensor of rows of %d", ErrOptions, name, ncols)
	}
	p.prev = append(p.prev[:0], vals...)
	scale := p.colScale[name]
	st := p.stats[name]
	switch {
	case p.opts.Method == Magnitude && p.opts.Scope != PerRow:
		keys := p.keysFor(vals, nil)
		st.Pruned += int64(p.thr[name].apply(vals, keys))
	case p.opts.Method == NM:
		st.Pruned += int64(p.nm(vals, ncols, scale))
	default: // per-row magnitude, Wanda
		var s []float32
		if p.opts.Method == Wanda {
			s = scale
		}
		k := int(math.Floor(p.opts.Sparsity * float64(ncols)))
		for r := 0; r < len(vals)/ncols; r++ {
			rv := vals[r*ncols : (r+1)*ncols]
			keys := p.keysFor(rv, s)
			t := thresholdFor(keys, p.scratch, k)
			st.Pruned += int64(t.apply(rv, keys))
		}
	}
	p.account(st, vals, scale, ncols)
	return nil
}

// keysFor fills p.keys with the ranking keys of vals: |w|, or |w|·scale_j.
func (p *Pruner) keysFor(vals []float32, scale []float32) []uint32 {
	if cap(p.keys) < len(vals) {
		p.keys = make([]uint32, len(vals))
		p.scratch = make([]uint32, len(vals))
	}
	keys := p.keys[:len(vals)]
	for i, v := range vals {
		if scale != nil {
			v *= scale[i%len(scale)]
		}
		keys[i] = key(v)
	}
	return keys
}

// nm keeps the n largest of every m consecutive values of each row (on
// ties the earlier value is pruned first, as in every selection here),
// returning how many it zeroed.
func (p *Pruner) nm(vals []float32, ncols int, scale []float32) int {
	n, m := p.opts.N, p.opts.M
	var s []float32
	if scale != nil {
		s = scale
	}
	keys := p.keysFor(vals, s)
	pruned := 0
	var idx [64]int
	for r := 0; r < len(vals)/ncols; r++ {
		for g := 0; g+m <= ncols; g += m {
			base := r*ncols + g
			// Order the group by key, stably (position breaks ties): the
			// first m−n are pruned.
			for i := range m {
				idx[i] = base + i
			}
			for i := 1; i < m; i++ {
				for j := i; j > 0; j-- {
					a, b := idx[j-1], idx[j]
					if keys[b] < keys[a] {
						idx[j-1], idx[j] = b, a
					} else {
						break
					}
				}
			}
			for i := range m - n {
				vals[idx[i]] = 0
				pruned++
			}
		}
	}
	return pruned
}

// account adds a chunk's before (p.prev) and after (vals) to the stats.
func (p *Pruner) account(st *TensorStats, vals, scale []float32, ncols int) {
	st.HasWeights = scale != nil
	for i, v := range vals {
		w := float64(p.prev[i])
		d := w - float64(v)
		st.Norm2 += w * w
		st.Err2 += d * d
		if v == 0 {
			st.Zeros++
		}
		if scale != nil {
			x2 := float64(scale[i%ncols]) * float64(scale[i%ncols])
			st.WNorm2 += x2 * w * w
			st.WErr2 += x2 * d * d
		}
	}
	if p.opts.Method == NM {
		m := p.opts.M
		for r := 0; r < len(vals)/ncols; r++ {
			for g := 0; g+m <= ncols; g += m {
				nz := 0
				for _, v := range vals[r*ncols+g : r*ncols+g+m] {
					if v != 0 {
						nz++
					}
				}
				st.Groups++
				if nz <= p.opts.N {
					st.Compliant++
				}
			}
		}
	}
}
