package quant

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/internal/atomicfile"
)

// Progress reports how far QuantizeModel has come.
type Progress struct {
	Tensor, Tensors int    // the tensor being written (0-based) and how many there are
	Name            string // its name
	Done, Total     int64  // output tensor bytes written so far, and in all
}

// Result is what QuantizeModel did.
type Result struct {
	Plan *Plan
	// Stats holds, when ModelOptions.Measure is set, the error of each
	// converted tensor against its input (zero for copied tensors), in
	// Plan.Tensors order.
	Stats []Stats
}

// chunkBytes is roughly how much float32 data one chunk of rows holds:
// memory stays a few chunks however large the model.
const chunkBytes = 8 << 20

// QuantizeModel writes src quantized as opts say to dst, as llama-quantize
// would write it: the same metadata in the same order, the same tensor
// order, types and bytes. It streams: memory is a few chunks of rows, not
// the model. Nothing is written when the plan cannot be carried out (an
// importance matrix is missing, a type cannot be written, requantization
// is not allowed); after that, an error leaves dst incomplete, so write to
// a temporary file (QuantizeFile does). KeepSplit with a split input needs
// several outputs: use QuantizeFile.
func QuantizeModel(ctx context.Context, src *gguf.File, dst io.Writer, opts ModelOptions) (*Result, error) {
	plan, err := PlanModel(src.Metadata, src.Tensors, &opts)
	if err != nil {
		return nil, err
	}
	if err := plan.check(&opts); err != nil {
		return nil, err
	}
	if plan.Splits > 1 {
		return nil, fmt.Errorf("quant: %w: KeepSplit writes %d files; use QuantizeFile", ErrUnsupported, plan.Splits)
	}
	return writePlan(ctx, FileSource(src), plan, &opts, []io.Writer{dst})
}

// A Source is a model QuantizeSource reads: metadata, tensor infos (in
// the order they are read) and each tensor's bytes in its stored type. A
// gguf.File is one (FileSource); a transformation that changes shapes or
// names (structural pruning) presents its result as another.
type Source interface {
	Metadata() *gguf.Metadata
	Tensors() []gguf.TensorInfo
	TensorReader(name string) (io.ReaderAt, error)
}

// FileSource presents a GGUF file as a Source.
func FileSource(f *gguf.File) Source { return fileSource{f} }

type fileSource struct{ f *gguf.File }

func (s fileSource) Metadata() *gguf.Metadata   { return s.f.Metadata }
func (s fileSource) Tensors() []gguf.TensorInfo { return s.f.Tensors }
func (s fileSource) TensorReader(name string) (io.ReaderAt, error) {
	return s.f.TensorData(name)
}

// QuantizeSourceFile quantizes a Source into a new file at out, atomically,
// as QuantizeFile does for a GGUF file (KeepSplit is not available: a
// Source has no splits).
func QuantizeSourceFile(ctx context.Context, src Source, out string, opts ModelOptions) (*Result, error) {
	if opts.KeepSplit {
		return nil, fmt.Errorf("quant: %w: KeepSplit needs a split GGUF file", ErrUnsupported)
	}
	plan, err := PlanModel(src.Metadata(), src.Tensors(), &opts)
	if err != nil {
		return nil, err
	}
	if err := plan.check(&opts); err != nil {
		return nil, err
	}
	var res *Result
	err = atomicfile.Write(ctx, out, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<20)
		var err error
		if res, err = writePlan(ctx, src, plan, &opts, []io.Writer{bw}); err != nil {
			return err
		}
		return bw.Flush()
	})
	return res, err
}

// writePlan carries out a checked plan, writing split i to dsts[i].
func writePlan(ctx context.Context, src Source, plan *Plan, opts *ModelOptions, dsts []io.Writer) (*Result, error) {
	res := &Result{Plan: plan}
	if opts.Measure {
		res.Stats = make([]Stats, len(plan.Tensors))
	}
	var total int64
	for _, t := range plan.Tensors {
		total += t.Size
	}
	q := &modelQuantizer{src: src, opts: opts, total: total, count: len(plan.Tensors)}
	for split := range plan.Splits {
		var infos []gguf.TensorInfo
		var idx []int
		for i, t := range plan.Tensors {
			if t.Split == split {
				infos = append(infos, gguf.TensorInfo{Name: t.Name, Type: t.To, Shape: t.Shape})
				idx = append(idx, i)
			}
		}
		meta, err := plan.SplitMetadata(split)
		if err != nil {
			return nil, err
		}
		if q.w, err = gguf.NewWriter(dsts[split], meta, infos); err != nil {
			return nil, err
		}
		for _, i := range idx {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			t := &plan.Tensors[i]
			q.index = i
			var st Stats
			if t.Converted() {
				st, err = q.convert(ctx, t)
			} else {
				err = q.copy(t)
			}
			if err != nil {
				return nil, err
			}
			if opts.Measure {
				res.Stats[i] = st
			}
		}
		if err := q.w.Close(); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// check refuses, before anything is written, a plan that cannot be done.
func (p *Plan) check(opts *ModelOptions) error {
	if len(p.NeedImatrix) > 0 {
		t := p.tensor(p.NeedImatrix[0])
		return fmt.Errorf("quant: %w: this quantization requires an importance matrix (%s would be %v)",
			ErrImatrix, t.Name, t.To)
	}
	if len(p.Unsupported) > 0 {
		t := p.tensor(p.Unsupported[0])
		why := "writing it is not implemented"
		if c, err := For(t.To); err == nil && c.CanQuantize() {
			why = "it needs an importance matrix entry and there is none"
		}
		return fmt.Errorf("quant: %w: %s would be %v, and %s (%d tensors)", ErrUnsupported, t.Name, t.To, why, len(p.Unsupported))
	}
	for i := range p.Tensors {
		t := &p.Tensors[i]
		if !t.Converted() {
			continue
		}
		if _, err := For(t.From); err != nil || !(t.From == gguf.TypeF32 || t.From == gguf.TypeF16 || t.From == gguf.TypeBF16 || t.From.IsQuantized()) {
			return fmt.Errorf("quant: %w: %s: cannot convert tensors of type %v", ErrUnsupported, t.Name, t.From)
		}
		if t.From.IsQuantized() && t.From != t.To && !opts.AllowRequantize {
			return fmt.Errorf("quant: %w: %s: requantizing from type %v is disabled (allow it with AllowRequantize)",
				ErrUnsupported, t.Name, t.From)
		}
	}
	return nil
}

func (p *Plan) tensor(name string) *TensorPlan {
	for i := range p.Tensors {
		if p.Tensors[i].Name == name {
			return &p.Tensors[i]
		}
	}
	return nil
}

// modelQuantizer holds the buffers reused from tensor to tensor.
type modelQuantizer struct {
	src          Source
	w            *gguf.Writer
	opts         *ModelOptions
	index, count int
	done, total  int64
	in, out      []byte
	vals, back   []float32
}

func (q *modelQuantizer) progress(name string, n int64) {
	q.done += n
	if q.opts.Progress != nil {
		q.opts.Progress(Progress{Tensor: q.index, Tensors: q.count, Name: name, Done: q.done, Total: q.total})
	}
}

// copy streams a tensor unchanged, checking it as llama.cpp's loader does.
func (q *modelQuantizer) copy(t *TensorPlan) error {
	r, err := q.src.TensorReader(t.Name)
	if err != nil {
		return err
	}
	c, _ := For(t.From)
	bb := int64(t.From.BlockBytes())
	step := max(bb, chunkBytes/bb*bb)
	for off := int64(0); off < t.Size; off += step {
		n := min(step, t.Size-off)
		buf := grow(&q.in, int(n))
		if _, err := r.ReadAt(buf, off); err != nil {
			return fmt.Errorf("quant: reading %s: %w", t.Name, err)
		}
		if c != nil {
			if err := c.Validate(buf); err != nil {
				return fmt.Errorf("quant: input tensor %s: %w", t.Name, err)
			}
		}
		if _, err := q.w.Write(buf); err != nil {
			return err
		}
		q.progress(t.Name, n)
	}
	return nil
}

// convert dequantizes a tensor chunk by chunk of rows and quantizes it to
// its new type.
func (q *modelQuantizer) convert(ctx context.Context, t *TensorPlan) (Stats, error) {
	from, _ := For(t.From)
	to, _ := For(t.To)
	ncols := int(t.Shape[0])
	rows := int(t.Elements() / int64(ncols))
	perExpert := rows
	if len(t.Shape) > 2 && t.Imatrix != nil {
		perExpert = int(t.Shape[1]) // each expert has its own importance values
	}
	inRow, _ := from.RowSize(ncols)
	outRow, _ := to.RowSize(ncols)
	chunk := max(1, min(perExpert, chunkBytes/(4*ncols)))
	r, err := q.src.TensorReader(t.Name)
	if err != nil {
		return Stats{}, err
	}
	var sums errorSums
	for lo := 0; lo < rows; {
		if err := ctx.Err(); err != nil {
			return Stats{}, err
		}
		expert := lo / perExpert
		hi := min(lo+chunk, (expert+1)*perExpert, rows)
		n := hi - lo
		in := grow(&q.in, n*inRow)
		if _, err := r.ReadAt(in, int64(lo)*int64(inRow)); err != nil {
			return Stats{}, fmt.Errorf("quant: reading %s: %w", t.Name, err)
		}
		vals := grow(&q.vals, n*ncols)
		if err := from.Dequantize(vals, in, ncols, q.opts.Workers); err != nil {
			return Stats{}, fmt.Errorf("quant: %s: %w", t.Name, err)
		}
		if t.Rewrite {
			if err := q.opts.Transform.Apply(t.Name, lo, vals, ncols); err != nil {
				return Stats{}, fmt.Errorf("quant: %s: %w", t.Name, err)
			}
		}
		var im []float32
		if t.Imatrix != nil {
			e := expert % (len(t.Imatrix) / ncols)
			im = t.Imatrix[e*ncols : (e+1)*ncols]
		}
		out := grow(&q.out, n*outRow)
		if err := to.Quantize(out, vals, ncols, Options{Imatrix: im, Workers: q.opts.Workers}); err != nil {
			var ve *ValueError
			if errors.As(err, &ve) {
				ve.Row += lo
			}
			return Stats{}, fmt.Errorf("quant: tensor %s: %w", t.Name, err)
		}
		if q.opts.Measure {
			back := grow(&q.back, n*ncols)
			if err := to.Dequantize(back, out, ncols, q.opts.Workers); err != nil {
				return Stats{}, err
			}
			sums.add(vals, back)
		}
		if _, err := q.w.Write(out); err != nil {
			return Stats{}, err
		}
		q.progress(t.Name, int64(len(out)))
		lo = hi
	}
	st := sums.stats()
	st.BitsPerWeight = t.To.BitsPerWeight()
	return st, nil
}

// grow returns (*buf)[:n], reallocating only when the buffer is too small.
func grow[T any](buf *[]T, n int) []T {
	if cap(*buf) < n {
		*buf = make([]T, n)
	}
	return (*buf)[:n]
}

// QuantizeFile quantizes the GGUF model at in (split models open from any
// split) into a new file at out, or with KeepSplit and a split input into
// OUT-0000i-of-0000N.gguf (out without its .gguf). Outputs appear only when
// all are complete: on any error or cancellation neither they nor temporary
// files are left behind. It refuses to write over its input.
func QuantizeFile(ctx context.Context, in, out string, opts ModelOptions) (res *Result, err error) {
	f, err := gguf.OpenMmap(in)
	if errors.Is(err, gguf.ErrUnsupported) {
		f, err = gguf.Open(in)
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	plan, err := PlanModel(f.Metadata, f.Tensors, &opts)
	if err != nil {
		return nil, err
	}
	if err := plan.check(&opts); err != nil {
		return nil, err
	}
	paths := []string{out}
	if plan.Splits > 1 {
		prefix := strings.TrimSuffix(out, ".gguf")
		paths = paths[:0]
		for i := range plan.Splits {
			paths = append(paths, gguf.SplitPath(prefix, i, plan.Splits))
		}
	}
	inputs := inputPaths(in, f.Splits())
	for _, p := range paths {
		for _, ip := range inputs {
			if sameFile(p, ip) {
				return nil, fmt.Errorf("quant: %w: the output %s is the input", ErrUnsupported, p)
			}
		}
	}
	files := make([]*atomicfile.File, 0, len(paths))
	defer func() {
		if err != nil {
			for _, af := range files {
				af.Abort()
			}
		}
	}()
	dsts := make([]io.Writer, len(paths))
	bufs := make([]*bufio.Writer, len(paths))
	for i, p := range paths {
		af, err := atomicfile.Create(p)
		if err != nil {
			return nil, err
		}
		files = append(files, af)
		bufs[i] = bufio.NewWriterSize(af, 1<<20)
		dsts[i] = bufs[i]
	}
	if res, err = writePlan(ctx, FileSource(f), plan, &opts, dsts); err != nil {
		return nil, err
	}
	for _, b := range bufs {
		if err = b.Flush(); err != nil {
			return nil, err
		}
	}
	if err = ctx.Err(); err != nil {
		return nil, err
	}
	for i, af := range files {
		if err = af.Commit(); err != nil {
			files = files[i+1:] // the committed ones stay; abort the rest
			return nil, err
		}
	}
	return res, nil
}

// inputPaths lists the files of a model opened from path with n splits.
func inputPaths(path string, n int) []string {
	if n <= 1 {
		return []string{path}
	}
	m := splitName.FindStringSubmatchIndex(path)
	if m == nil {
		return []string{path}
	}
	prefix := path[:m[0]]
	var ps []string
	for i := range n {
		ps = append(ps, gguf.SplitPath(prefix, i, n))
	}
	return ps
}

var splitName = regexp.MustCompile(`-\d{5}-of-\d{5}\.gguf$`)

func sameFile(a, b string) bool {
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}
