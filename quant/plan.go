package quant

import (
	"fmt"
	"slices"
	"strings"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant/imatrix"
)

// OptionalType is a tensor type that may be unset (f32 is type 0, so the
// zero gguf.Type cannot mean "unset").
type OptionalType struct {
	Type gguf.Type
	Set  bool
}

// Some returns t as a set OptionalType.
func Some(t gguf.Type) OptionalType { return OptionalType{t, true} }

// ModelOptions say how QuantizeModel quantizes a model; each field is
// llama-quantize's option of the same name. The zero value but for Recipe
// is llama-quantize's default.
type ModelOptions struct {
	Recipe Recipe

	// Imatrix, when not nil, holds the importance values; ImatrixFile is
	// the name recorded in the output's quantize.imatrix.file (llama-quantize
	// records the path as given). NoImatrixMetadata leaves out the four
	// quantize.imatrix.* keys.
	Imatrix           *imatrix.Matrix
	ImatrixFile       string
	NoImatrixMetadata bool

	OutputTensorType   OptionalType // --output-tensor-type
	TokenEmbeddingType OptionalType // --token-embedding-type
	TensorTypes        []TensorType // --tensor-type PATTERN=TYPE, first match wins
	LeaveOutputTensor  bool         // --leave-output-tensor
	Pure               bool         // --pure: every quantizable tensor the default type
	AllowRequantize    bool         // --allow-requantize
	// KeepSplit writes a split input as the same splits (QuantizeFile
	// names them OUT-0000i-of-0000N.gguf). As in llama-quantize, tensors
	// then keep their input order, which the layer rules follow.
	KeepSplit bool

	// InputOrder writes the tensors in the input's order instead of
	// llama-quantize's, and KeepMetadata writes the input's metadata
	// unchanged (but for Overrides): what a tool that edits weights in
	// place, as a LoRA merge, wants.
	InputOrder   bool
	KeepMetadata bool

	// Transform, when not nil, changes the values of the tensors it
	// touches between reading and quantizing; those tensors are rewritten
	// even when their type does not change.
	Transform Transform

	// Overrides are set in the output metadata after the quantization keys,
	// in order; a key already present moves to the end (--override-kv).
	Overrides []gguf.KV

	Workers  int            // goroutines; ≤ 0 means GOMAXPROCS
	Measure  bool           // measure every quantized tensor's error (Result.Tensors[i].Stats)
	Progress func(Progress) // called after each chunk of rows, from one goroutine
}

// A Transform edits tensor values on their way through QuantizeModel.
type Transform interface {
	// Touches reports whether the transform changes the named tensor.
	Touches(name string) bool
	// Apply changes rows [row, row+len(vals)/ncols) of the named tensor
	// in place. It is called once per chunk of rows, from one goroutine.
	Apply(name string, row int, vals []float32, ncols int) error
}

// TensorPlan is what happens to one tensor.
type TensorPlan struct {
	Name     string
	Shape    []int64   // ggml order: Shape[0] is the row length
	From, To gguf.Type // input and output types; From == To means copied unchanged
	Fallback bool      // To is a fallback: the chosen type's block did not fit the rows
	Imatrix  []float32 // the importance values used, nil for none
	Size     int64     // output bytes
	InSize   int64     // input bytes
	Split    int       // output split (0 unless KeepSplit)
	Rewrite  bool      // a Transform changes it, so it is rewritten even at the same type
}

// Converted reports whether the tensor is rewritten rather than copied.
func (t *TensorPlan) Converted() bool { return t.From != t.To || t.Rewrite }

// Elements returns the tensor's number of values.
func (t *TensorPlan) Elements() int64 {
	n := int64(1)
	for _, d := range t.Shape {
		n *= d
	}
	return n
}

// Plan is the whole of a quantization before any data moves: the output's
// metadata and, in output order, each tensor's type.
type Plan struct {
	Recipe   Recipe
	FileType gguf.FileType // general.file_type of the output
	Metadata *gguf.Metadata
	Tensors  []TensorPlan
	// Fallbacks counts tensors whose chosen type did not fit their rows.
	Fallbacks int
	// NeedImatrix lists tensors whose type requires an importance matrix
	// that is missing (QuantizeModel refuses to start when it is not empty).
	NeedImatrix []string
	// Unsupported lists tensors whose type this package cannot write yet
	// (the lattice types iq1_s … iq3_s).
	Unsupported []string
	// Splits is the number of output files: the input's with KeepSplit,
	// else 1.
	Splits int
}

// SplitMetadata returns the metadata of output split i: with one split,
// Metadata; else, as llama-quantize writes them, split 0 has Metadata and
// every split ends with split.no, split.count and split.tensors.count.
func (p *Plan) SplitMetadata(i int) (*gguf.Metadata, error) {
	if p.Splits <= 1 {
		return p.Metadata, nil
	}
	m := &gguf.Metadata{}
	if i == 0 {
		m = p.Metadata.Clone()
	}
	for _, kv := range []gguf.KV{
		{Key: gguf.KeySplitNo, Value: gguf.NewValue(uint16(i))},
		{Key: gguf.KeySplitCount, Value: gguf.NewValue(uint16(p.Splits))},
		{Key: gguf.KeySplitTensorsCount, Value: gguf.NewValue(int32(len(p.Tensors)))},
	} {
		m.Delete(kv.Key)
		if err := m.Set(kv.Key, kv.Value); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// Totals returns the input and output sizes of the tensor data and the
// number of values.
func (p *Plan) Totals() (in, out, values int64) {
	for i := range p.Tensors {
		t := &p.Tensors[i]
		in += t.InSize
		out += t.Size
		values += t.Elements()
	}
	return in, out, values
}

// PlanModel decides, as llama-quantize does, the output metadata and the
// type of every tensor of the model described by meta and tensors.
func PlanModel(meta *gguf.Metadata, tensors []gguf.TensorInfo, opts *ModelOptions) (*Plan, error) {
	r := opts.Recipe
	p := &Plan{Recipe: r, FileType: r.FileType}
	if r.Copy {
		p.FileType = inputFileType(meta, tensors)
	}
	def, err := r.DefaultType()
	if err != nil {
		return nil, err
	}
	h, err := readHparams(meta)
	if err != nil {
		return nil, err
	}
	h.ftype = p.FileType
	im := opts.Imatrix
	h.hasIm = im != nil && len(im.Entries) > 0

	order := slices.Clone(tensors)
	p.Splits = 1
	if opts.KeepSplit || opts.InputOrder {
		// llama-quantize's keep_split order: by split, then by offset.
		slices.SortStableFunc(order, func(a, b gguf.TensorInfo) int {
			if a.Split != b.Split {
				return a.Split - b.Split
			}
			return int(a.Offset - b.Offset)
		})
		for _, t := range order {
			if opts.KeepSplit {
				p.Splits = max(p.Splits, t.Split+1)
			}
		}
	} else {
		// llama.cpp's weight_name_comparer order.
		slices.SortStableFunc(order, func(a, b gguf.TensorInfo) int {
			la, lb := layerKey(a.Name), layerKey(b.Name)
			if la != lb {
				return la - lb
			}
			return strings.Compare(a.Name, b.Name)
		})
	}
	h.hasTied = true
	for _, t := range order {
		c := categorize(t.Name)
		if c.isAttnV() {
			h.nAttnV++
		}
		if c == catOutput {
			h.hasTied = false
		}
	}

	for _, t := range order {
		tp := TensorPlan{Name: t.Name, Shape: t.Shape, From: t.Type, To: t.Type, InSize: t.Size()}
		if opts.KeepSplit {
			tp.Split = t.Split
		}
		tp.Rewrite = opts.Transform != nil && opts.Transform.Touches(t.Name)
		dims := len(t.Shape)
		for dims > 1 && t.Shape[dims-1] == 1 {
			dims--
		}
		cat := categorize(t.Name)
		if allowsQuantization(t.Name, dims, opts, r.Copy) {
			tp.To, tp.Fallback, err = h.tensorType(def, t, cat, opts)
			if err != nil {
				return nil, err
			}
			if tp.Fallback {
				p.Fallbacks++
			}
			if requiresImatrix(t.Name, tp.To, p.FileType) && !h.hasIm {
				p.NeedImatrix = append(p.NeedImatrix, t.Name)
			}
		}
		if tp.Converted() {
			if h.hasIm {
				if tp.Imatrix, err = tensorImatrix(im, t); err != nil {
					return nil, err
				}
			}
			if c, err := For(tp.To); err != nil || !c.CanQuantize() || (c.RequiresImatrix() && tp.Imatrix == nil) {
				p.Unsupported = append(p.Unsupported, t.Name)
			}
		}
		tp.Size = tensorSize(tp.To, t.Shape)
		p.Tensors = append(p.Tensors, tp)
	}
	if opts.KeepMetadata {
		p.Metadata = meta.Clone()
		for _, kv := range opts.Overrides {
			p.Metadata.Delete(kv.Key)
			if err := p.Metadata.Set(kv.Key, kv.Value); err != nil {
				return nil, err
			}
		}
		return p, nil
	}
	p.Metadata, err = outputMetadata(meta, p.FileType, opts)
	return p, err
}

// tensorType is llama_tensor_get_type for a quantizable tensor.
func (h *hparams) tensorType(def gguf.Type, t gguf.TensorInfo, cat category, opts *ModelOptions) (gguf.Type, bool, error) {
	if opts.TokenEmbeddingType.Set && cat == catTokenEmbd {
		return opts.TokenEmbeddingType.Type, false, nil
	}
	if opts.OutputTensorType.Set && cat == catOutput {
		return opts.OutputTensorType.Type, false, nil
	}
	if !def.IsQuantized() {
		return def, false, nil
	}
	typ, manual := def, false
	for _, tt := range opts.TensorTypes {
		if tt.Pattern.MatchString(t.Name) {
			typ, manual = tt.Type, true
			break
		}
	}
	if !manual && !opts.Pure {
		var ne2 int64 = 1
		if len(t.Shape) > 2 {
			ne2 = t.Shape[2]
		}
		// A tied token_embd, or output.weight, takes --output-tensor-type
		// inside the rules too.
		if opts.OutputTensorType.Set && (cat == catOutput || h.hasTied && cat == catTokenEmbd) {
			typ = opts.OutputTensorType.Type
		} else {
			var err error
			if typ, err = h.recipeType(typ, t.Name, t.Shape[0], ne2, cat); err != nil {
				return 0, false, err
			}
		}
	}
	return fallbackType(typ, t.Shape[0], t.Name)
}

// layerKey orders tensors as llama.cpp's weight_name_comparer: tensors
// outside the blocks (−1) first, then by block number.
func layerKey(name string) int {
	if n, ok := blockIndex(name); ok {
		return n
	}
	return -1
}

// requiresImatrix is tensor_requires_imatrix: the very-low-bit types, and
// q2_K inside a Q2_K_S file; token_embd and output are exempt.
func requiresImatrix(name string, t gguf.Type, ft gguf.FileType) bool {
	if name == "token_embd.weight" || name == "per_layer_token_embd.weight" || name == "output.weight" {
		return false
	}
	switch t {
	case gguf.TypeIQ3_XXS, gguf.TypeIQ2_XXS, gguf.TypeIQ2_XS, gguf.TypeIQ2_S, gguf.TypeIQ1_M, gguf.TypeIQ1_S:
		return true
	case gguf.TypeQ2_K:
		return ft == gguf.FileTypeMostlyQ2_K_S
	}
	return false
}

// tensorImatrix returns the importance values of tensor t, nil when the
// matrix has no entry for it. An entry of the wrong length is an error, but
// for token_embd, which llama-quantize then quantizes without one.
func tensorImatrix(im *imatrix.Matrix, t gguf.TensorInfo) ([]float32, error) {
	v, ok := im.Entries[t.Name]
	if !ok {
		return nil, nil
	}
	want := t.Shape[0]
	if len(t.Shape) > 2 {
		want *= t.Shape[2]
	}
	if int64(len(v)) != want {
		if categorize(t.Name) == catTokenEmbd {
			return nil, nil
		}
		return nil, fmt.Errorf("quant: %w: the importance matrix has %d values for %s, which needs %d",
			ErrImatrix, len(v), t.Name, want)
	}
	return v, nil
}

// tensorSize is the bytes of a tensor of type t and shape (ggml order).
func tensorSize(t gguf.Type, shape []int64) int64 {
	rows := int64(1)
	for _, d := range shape[1:] {
		rows *= d
	}
	rs, err := t.RowSize(shape[0])
	if err != nil {
		return 0
	}
	return rows * rs
}

// inputFileType is the file type llama.cpp's loader reports for a model:
// general.file_type when present, else a guess from its most common type.
func inputFileType(meta *gguf.Metadata, tensors []gguf.TensorInfo) gguf.FileType {
	if v, err := gguf.LookupInt(meta, gguf.KeyFileType); err == nil {
		return gguf.FileType(v)
	}
	counts := map[gguf.Type]int{}
	best := gguf.TypeF32
	for _, t := range tensors {
		counts[t.Type]++
		if counts[t.Type] > counts[best] {
			best = t.Type
		}
	}
	ft := gguf.FileTypeAllF32
	for _, r := range recipes {
		if d, err := r.DefaultType(); err == nil && d == best && !r.Copy {
			ft = r.FileType
			break
		}
	}
	return ft | gguf.FileTypeGuessed
}
