package imatrix

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"strings"

	"github.com/shrinkml/shrink/gguf"
)

// parseGGUF reads llama-imatrix's GGUF layout: metadata general.type =
// "imatrix", imatrix.datasets, imatrix.chunk_count and imatrix.chunk_size
// (llama-quantize refuses a file without all three), and per weight NAME
// two F32 tensors, NAME.in_sum2 (sums of squared activations, ncols ×
// experts) and NAME.counts (tokens summed, one per expert).
func parseGGUF(data []byte) (*Matrix, error) {
	f, err := gguf.Read(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("imatrix: %w: %s", ErrFormat, fmt.Sprintf(format, args...))
	}
	m := &Matrix{Entries: map[string][]float32{}}
	if t, err := gguf.Lookup[string](f.Metadata, "general.type"); err != nil || t != "imatrix" {
		return nil, bad("general.type is not \"imatrix\"")
	}
	ds, ok := f.Metadata.Get("imatrix.datasets")
	if !ok {
		return nil, bad("missing imatrix.datasets")
	}
	if m.Datasets, err = gguf.AsSlice[string](ds); err != nil {
		return nil, bad("imatrix.datasets: %v", err)
	}
	for key, dst := range map[string]*int{"imatrix.chunk_count": &m.ChunkCount, "imatrix.chunk_size": &m.ChunkSize} {
		v, err := gguf.LookupInt(f.Metadata, key)
		if err != nil || v < 0 || v > math.MaxInt32 {
			return nil, bad("%s missing or out of range", key)
		}
		*dst = int(v)
	}
	for _, t := range f.Tensors {
		name, ok := strings.CutSuffix(t.Name, ".in_sum2")
		if !ok {
			continue
		}
		counts, ok := f.Tensor(name + ".counts")
		if !ok {
			return nil, bad("%s has no %s.counts", t.Name, name)
		}
		if t.Type != gguf.TypeF32 || counts.Type != gguf.TypeF32 {
			return nil, bad("%s: sums and counts must be f32", name)
		}
		sums, err := f32s(f, t)
		if err != nil {
			return nil, err
		}
		cnt, err := f32s(f, counts)
		if err != nil {
			return nil, err
		}
		if len(cnt) == 0 || len(sums)%len(cnt) != 0 {
			return nil, bad("%s: %d sums for %d counts", name, len(sums), len(cnt))
		}
		ncols := len(sums) / len(cnt)
		vals := make([]float32, len(sums))
		for e, c := range cnt {
			count := float32(math.Round(float64(c))) // the loader keeps lround(count)
			for j := range ncols {
				if count > 0 {
					vals[e*ncols+j] = sums[e*ncols+j] / count
				} else {
					vals[e*ncols+j] = 1
				}
			}
		}
		m.Entries[name] = vals
	}
	return m, nil
}

func f32s(f *gguf.File, t gguf.TensorInfo) ([]float32, error) {
	raw, err := f.TensorBytes(t.Name)
	if err != nil {
		return nil, err
	}
	v := make([]float32, len(raw)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*i:]))
	}
	return v, nil
}
