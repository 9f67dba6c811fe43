package distill

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/shrinkml/shrink/safetensors"
)

// Teacher top-k files are safetensors files holding, for N positions, the
// teacher's k most likely classes and their log-probabilities at a
// temperature, in chunks of up to ChunkRows positions so that they can be
// written as the teacher runs: tensors "indices.000000" (I32, rows×k) and
// "logprobs.000000" (F32 or F16, rows×k), then ".000001" …, in that order.
// The metadata says format "shrink-topk", positions, k, vocab and
// temperature.

// ChunkRows is how many positions one chunk of a top-k file holds.
const ChunkRows = 4096

// ErrFile is returned for a top-k file that is malformed.
var ErrFile = errors.New("distill: malformed top-k file")

// TopKInfo describes a top-k file.
type TopKInfo struct {
	Positions, K, Vocab int
	Temperature         float64
}

// TopKWriter streams a top-k file.
type TopKWriter struct {
	w       *safetensors.Writer
	info    TopKInfo
	dtype   safetensors.Dtype
	done    int
	idx     []int32
	lp      []float32
	scratch []byte
}

// NewTopKWriter writes the header of a top-k file for info.Positions
// positions to w; values are stored as dtype (F32, or F16 to halve them).
func NewTopKWriter(w io.Writer, info TopKInfo, dtype safetensors.Dtype) (*TopKWriter, error) {
	if info.Positions < 0 || info.K <= 0 || info.Vocab <= 0 || info.K > info.Vocab || !(info.Temperature > 0) {
		return nil, fmt.Errorf("%w: %+v", ErrConfig, info)
	}
	if dtype != safetensors.F32 && dtype != safetensors.F16 {
		return nil, fmt.Errorf("%w: values as %v (want F32 or F16)", ErrConfig, dtype)
	}
	meta := safetensors.Metadata{
		{Key: "format", Value: "shrink-topk"},
		{Key: "positions", Value: strconv.Itoa(info.Positions)},
		{Key: "k", Value: strconv.Itoa(info.K)},
		{Key: "vocab", Value: strconv.Itoa(info.Vocab)},
		{Key: "temperature", Value: strconv.FormatFloat(info.Temperature, 'g', -1, 64)},
	}
	var tensors []safetensors.TensorInfo
	for c := 0; c*ChunkRows < info.Positions; c++ {
		rows := int64(min(ChunkRows, info.Positions-c*ChunkRows))
		tensors = append(tensors,
			safetensors.TensorInfo{Name: fmt.Sprintf("indices.%06d", c), Dtype: safetensors.I32, Shape: []int64{rows, int64(info.K)}},
			safetensors.TensorInfo{Name: fmt.Sprintf("logprobs.%06d", c), Dtype: dtype, Shape: []int64{rows, int64(info.K)}})
	}
	sw, err := safetensors.NewWriter(w, meta, tensors, safetensors.KeepOrder())
	if err != nil {
		return nil, err
	}
	return &TopKWriter{w: sw, info: info, dtype: dtype}, nil
}

// Write appends positions: indices and log-probs of equal length, a
// multiple of k, each index in [0, vocab).
func (t *TopKWriter) Write(indices []int32, logprobs []float32) error {
	k := t.info.K
	if len(indices) != len(logprobs) || len(indices)%k != 0 {
		return fmt.Errorf("%w: %d indices and %d log-probs for k = %d", ErrShape, len(indices), len(logprobs), k)
	}
	if t.done+len(indices)/k > t.info.Positions {
		return fmt.Errorf("%w: more than the %d positions announced", ErrShape, t.info.Positions)
	}
	for _, x := range indices {
		if x < 0 || int(x) >= t.info.Vocab {
			return fmt.Errorf("%w: index %d not in [0, %d)", ErrConfig, x, t.info.Vocab)
		}
	}
	t.idx = append(t.idx, indices...)
	t.lp = append(t.lp, logprobs...)
	t.done += len(indices) / k
	for len(t.idx) >= ChunkRows*k || len(t.idx) > 0 && t.done == t.info.Positions {
		n := min(len(t.idx), ChunkRows*k)
		if err := t.flush(t.idx[:n], t.lp[:n]); err != nil {
			return err
		}
		t.idx, t.lp = append(t.idx[:0], t.idx[n:]...), append(t.lp[:0], t.lp[n:]...)
	}
	return nil
}

func (t *TopKWriter) flush(idx []int32, lp []float32) error {
	b := grow(&t.scratch, 4*len(idx))
	for i, x := range idx {
		binary.LittleEndian.PutUint32(b[4*i:], uint32(x))
	}
	if _, err := t.w.Write(b); err != nil {
		return err
	}
	b = grow(&t.scratch, len(lp)*t.dtype.Bits()/8)
	if err := safetensors.FromFloat32s(b, lp, t.dtype); err != nil {
		return err
	}
	_, err := t.w.Write(b)
	return err
}

// Close checks that every announced position was written.
func (t *TopKWriter) Close() error {
	if t.done != t.info.Positions {
		return fmt.Errorf("%w: %d of %d positions written", ErrShape, t.done, t.info.Positions)
	}
	return t.w.Close()
}

func grow(b *[]byte, n int) []byte {
	if cap(*b) < n {
		*b = make([]byte, n)
	}
	return (*b)[:n]
}

// ReadTopK reads a whole top-k file.
func ReadTopK(f *safetensors.File) (*TopK, TopKInfo, error) {
	var info TopKInfo
	meta := map[string]string{}
	for _, kv := range f.Metadata {
		meta[kv.Key] = kv.Value
	}
	if meta["format"] != "shrink-topk" {
		return nil, info, fmt.Errorf("%w: format %q", ErrFile, meta["format"])
	}
	var err error
	ints := map[string]*int{"positions": &info.Positions, "k": &info.K, "vocab": &info.Vocab}
	for key, dst := range ints {
		if *dst, err = strconv.Atoi(meta[key]); err != nil || *dst < 0 {
			return nil, info, fmt.Errorf("%w: %s %q", ErrFile, key, meta[key])
		}
	}
	if info.Temperature, err = strconv.ParseFloat(meta["temperature"], 64); err != nil || !(info.Temperature > 0) {
		return nil, info, fmt.Errorf("%w: temperature %q", ErrFile, meta["temperature"])
	}
	if info.K == 0 || info.K > info.Vocab || int64(info.Positions)*int64(info.K) > int64(len(f.Tensors))*ChunkRows*int64(info.K) {
		return nil, info, fmt.Errorf("%w: k %d, vocab %d, %d positions in %d tensors", ErrFile, info.K, info.Vocab, info.Positions, len(f.Tensors))
	}
	top := &TopK{K: info.K, Indices: make([]int32, 0, info.Positions*info.K), LogProbs: make([]float32, 0, info.Positions*info.K)}
	for c := 0; c*ChunkRows < info.Positions; c++ {
		rows := min(ChunkRows, info.Positions-c*ChunkRows)
		for _, part := range []string{"indices", "logprobs"} {
			name := fmt.Sprintf("%s.%06d", part, c)
			ti, ok := f.Tensor(name)
			if !ok || len(ti.Shape) != 2 || ti.Shape[0] != int64(rows) || ti.Shape[1] != int64(info.K) {
				return nil, info, fmt.Errorf("%w: tensor %s missing or not %d×%d", ErrFile, name, rows, info.K)
			}
			raw, err := f.TensorBytes(name)
			if err != nil {
				return nil, info, err
			}
			if part == "indices" {
				if ti.Dtype != safetensors.I32 {
					return nil, info, fmt.Errorf("%w: %s is %v, not I32", ErrFile, name, ti.Dtype)
				}
				for i := 0; i < rows*info.K; i++ {
					x := int32(binary.LittleEndian.Uint32(raw[4*i:]))
					if x < 0 || int(x) >= info.Vocab {
						return nil, info, fmt.Errorf("%w: %s holds index %d, not in [0, %d)", ErrFile, name, x, info.Vocab)
					}
					top.Indices = append(top.Indices, x)
				}
				continue
			}
			vals := make([]float32, rows*info.K)
			if err := safetensors.Float32s(vals, raw, ti.Dtype); err != nil {
				return nil, info, fmt.Errorf("%w: %s: %v", ErrFile, name, err)
			}
			for _, v := range vals {
				if math.IsNaN(float64(v)) || v > 0 {
					return nil, info, fmt.Errorf("%w: %s holds %g, not a log-probability", ErrFile, name, v)
				}
			}
			top.LogProbs = append(top.LogProbs, vals...)
		}
	}
	return top, info, nil
}
