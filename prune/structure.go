package prune

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
	"github.com/shrinkml/shrink/quant/imatrix"
)

// Structure says which structures to remove from a llama-family GGUF model.
type Structure struct {
	// DropLayers lists the blocks to remove; the rest are renumbered in
	// order and block_count updated.
	DropLayers []int
	// FFNKeep, in (0, 1], is the share of feed-forward neurons to keep in
	// every block: rows of ffn_gate and ffn_up and the matching columns of
	// ffn_down. The width kept is rounded to a multiple of 256, so that
	// K-quants still apply. 0 or 1 keeps them all.
	FFNKeep float64
	// Imatrix, when it has ffn_down entries, scores neurons Wanda-style,
	// ‖down[:, j]‖·‖X_j‖; otherwise ‖gate_j‖·‖up_j‖·‖down[:, j]‖.
	Imatrix *imatrix.Matrix
}

// Structural is a model with structures removed, read from a GGUF file
// as a quant.Source: tensors renamed, narrowed or dropped on the fly.
type Structural struct {
	f      *gguf.File
	meta   *gguf.Metadata
	infos  []gguf.TensorInfo
	origin map[string]string // new name → name in f
	keep   map[int][]int     // original layer → kept FFN neurons (sorted)
	// FFNWidth is the feed-forward width after narrowing (0 if unchanged).
	FFNWidth int
	// Layers is the number of blocks left.
	Layers int
}

// NewStructural plans the removal of s's structures from f.
func NewStructural(f *gguf.File, s Structure) (*Structural, error) {
	arch, _ := gguf.Lookup[string](f.Metadata, gguf.KeyArchitecture)
	nLayer64, err := gguf.LookupInt(f.Metadata, arch+".block_count")
	if err != nil {
		return nil, fmt.Errorf("%w: %s.block_count: %v", ErrOptions, arch, err)
	}
	nLayer := int(nLayer64)
	drop := map[int]bool{}
	for _, l := range s.DropLayers {
		if l < 0 || l >= nLayer {
			return nil, fmt.Errorf("%w: layer %d is not in [0, %d)", ErrOptions, l, nLayer)
		}
		drop[l] = true
	}
	if len(drop) >= nLayer {
		return nil, fmt.Errorf("%w: dropping every layer", ErrOptions)
	}
	if s.FFNKeep < 0 || s.FFNKeep > 1 || math.IsNaN(s.FFNKeep) {
		return nil, fmt.Errorf("%w: ffn keep %g is not in (0, 1]", ErrOptions, s.FFNKeep)
	}
	renum := map[int]int{}
	next := 0
	for l := range nLayer {
		if !drop[l] {
			renum[l] = next
			next++
		}
	}
	st := &Structural{f: f, meta: f.Metadata.Clone(), origin: map[string]string{}, keep: map[int][]int{}, Layers: next}
	if len(drop) > 0 {
		if err := st.meta.Set(arch+".block_count", gguf.NewValue(uint32(next))); err != nil {
			return nil, err
		}
	}
	narrow := s.FFNKeep > 0 && s.FFNKeep < 1
	for _, t := range f.Tensors {
		name := t.Name
		l, inBlock := blockOf(name)
		if inBlock && drop[l] {
			continue
		}
		if inBlock {
			name = fmt.Sprintf("blk.%d.%s", renum[l], strings.SplitN(t.Name, ".", 3)[2])
		}
		nt := gguf.TensorInfo{Name: name, Type: t.Type, Shape: append([]int64(nil), t.Shape...)}
		if narrow && inBlock && isFFN(t.Name) {
			keep, ok := st.keep[l]
			if !ok {
				if keep, err = st.chooseNeurons(l, s); err != nil {
					return nil, err
				}
				st.keep[l] = keep
				st.FFNWidth = len(keep)
			}
			switch {
			case strings.Contains(t.Name, "ffn_down"):
				nt.Shape[0] = int64(len(keep))
				if t.Type.IsQuantized() {
					nt.Type = gguf.TypeF32 // columns of a block type are rebuilt in F32
				}
			default:
				nt.Shape[1] = int64(len(keep))
			}
		}
		st.origin[name] = t.Name
		st.infos = append(st.infos, nt)
	}
	if st.FFNWidth > 0 {
		if err := st.meta.Set(arch+".feed_forward_length", gguf.NewValue(uint32(st.FFNWidth))); err != nil {
			return nil, err
		}
	}
	return st, nil
}

func isFFN(name string) bool {
	return strings.HasSuffix(name, ".ffn_gate.weight") || strings.HasSuffix(name, ".ffn_up.weight") || strings.HasSuffix(name, ".ffn_down.weight")
}

// blockOf returns N of a "blk.N." tensor name.
func blockOf(name string) (int, bool) {
	parts := strings.SplitN(name, ".", 3)
	if len(parts) < 3 || parts[0] != "blk" {
		return 0, false
	}
	n, err := strconv.Atoi(parts[1])
	return n, err == nil
}

// chooseNeurons scores layer l's feed-forward neurons and returns the kept
// ones in order: the highest scores, ties to the lower index.
func (st *Structural) chooseNeurons(l int, s Structure) ([]int, error) {
	p := fmt.Sprintf("blk.%d.", l)
	gate, up, down := p+"ffn_gate.weight", p+"ffn_up.weight", p+"ffn_down.weight"
	dt, ok := st.f.Tensor(down)
	if !ok {
		return nil, fmt.Errorf("%w: no %s to narrow", ErrOptions, down)
	}
	ff := int(dt.Shape[0])
	width := ff
	if ff >= 256 && ff%256 == 0 {
		width = max(256, int(math.Round(s.FFNKeep*float64(ff)/256))*256)
	} else {
		width = max(1, int(math.Round(s.FFNKeep*float64(ff))))
	}
	width = min(width, ff)
	score := make([]float64, ff)
	// ‖down[:, j]‖: down is [dim rows][ff cols].
	colNorm := make([]float64, ff)
	if err := rowsOf(st.f, down, func(row []float32) {
		for j, v := range row {
			colNorm[j] += float64(v) * float64(v)
		}
	}); err != nil {
		return nil, err
	}
	var act []float32
	if s.Imatrix != nil {
		if v, ok := s.Imatrix.Entries[down]; ok && len(v) == ff {
			act = v
		}
	}
	if act != nil {
		for j := range score {
			score[j] = math.Sqrt(colNorm[j]) * math.Sqrt(math.Max(float64(act[j]), 0))
		}
	} else {
		for j := range score {
			score[j] = math.Sqrt(colNorm[j])
		}
		for _, name := range []string{gate, up} {
			j := 0
			if err := rowsOf(st.f, name, func(row []float32) {
				var n2 float64
				for _, v := range row {
					n2 += float64(v) * float64(v)
				}
				score[j] *= math.Sqrt(n2)
				j++
			}); err != nil {
				return nil, err
			}
		}
	}
	idx := make([]int, ff)
	for j := range idx {
		idx[j] = j
	}
	sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
	keep := append([]int(nil), idx[:width]...)
	sort.Ints(keep)
	return keep, nil
}

// rowsOf calls f with each row of a tensor, as float32.
func rowsOf(file *gguf.File, name string, f func([]float32)) error {
	t, ok := file.Tensor(name)
	if !ok {
		return fmt.Errorf("%w: no tensor %s", ErrOptions, name)
	}
	cols := int(t.Shape[0])
	row := make([]float32, cols)
	for r := int64(0); r < t.Rows(); r++ {
		if err := file.ReadRows(name, r, row); err != nil {
			return err
		}
		f(row)
	}
	return nil
}

// Metadata returns the narrowed model's metadata.
func (st *Structural) Metadata() *gguf.Metadata { return st.meta }

// Tensors returns the narrowed model's tensors.
func (st *Structural) Tensors() []gguf.TensorInfo { return st.infos }

// TensorReader serves a tensor of the narrowed model.
func (st *Structural) TensorReader(name string) (io.ReaderAt, error) {
	orig, ok := st.origin[name]
	if !ok {
		return nil, fmt.Errorf("prune: no tensor %s", name)
	}
	r, err := st.f.TensorData(orig)
	if err != nil {
		return nil, err
	}
	l, _ := blockOf(orig)
	keep, narrowed := st.keep[l]
	if !narrowed || !isFFN(orig) {
		return r, nil
	}
	t, _ := st.f.Tensor(orig)
	if !strings.Contains(orig, "ffn_down") {
		rs, _ := t.Type.RowSize(t.Shape[0])
		return &rowPicker{r: r, rowSize: rs, rows: keep}, nil
	}
	return &columnPicker{f: st.f, name: orig, typ: t.Type, cols: int(t.Shape[0]), keep: keep}, nil
}

// rowPicker reads the kept rows of a tensor as one tensor.
type rowPicker struct {
	r       io.ReaderAt
	rowSize int64
	rows    []int
}

func (p *rowPicker) ReadAt(b []byte, off int64) (int, error) {
	n := 0
	for n < len(b) {
		i, in := (off+int64(n))/p.rowSize, (off+int64(n))%p.rowSize
		if i >= int64(len(p.rows)) {
			return n, io.EOF
		}
		m, err := p.r.ReadAt(b[n:n+int(min(int64(len(b)-n), p.rowSize-in))], int64(p.rows[i])*p.rowSize+in)
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// columnPicker reads, row by row, the kept columns of ffn_down: in its own
// type for the plain float types, as F32 for block types.
type columnPicker struct {
	f    *gguf.File
	name string
	typ  gguf.Type
	cols int
	keep []int
	row  []float32
}

func (p *columnPicker) outType() gguf.Type {
	if p.typ.IsQuantized() {
		return gguf.TypeF32
	}
	return p.typ
}

func (p *columnPicker) ReadAt(b []byte, off int64) (int, error) {
	out := p.outType()
	c, err := quant.For(out)
	if err != nil {
		return 0, err
	}
	rowBytes := int64(out.BlockBytes()) * int64(len(p.keep))
	if cap(p.row) < p.cols {
		p.row = make([]float32, p.cols)
	}
	picked := make([]float32, len(p.keep))
	enc := make([]byte, rowBytes)
	n := 0
	for n < len(b) {
		r, in := (off+int64(n))/rowBytes, (off+int64(n))%rowBytes
		if err := p.f.ReadRows(p.name, r, p.row[:p.cols]); err != nil {
			return n, err
		}
		for i, j := range p.keep {
			picked[i] = p.row[j]
		}
		// f32, f16 and bf16 values round-trip exactly through float32.
		if err := c.QuantizeRow(enc, picked, nil); err != nil {
			return n, err
		}
		n += copy(b[n:], enc[in:])
	}
	return n, nil
}
