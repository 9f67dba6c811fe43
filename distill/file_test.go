package distill

import (
	"bytes"
	"errors"
	"testing"

	"github.com/shrinkml/shrink/safetensors"
)

func TestTopKFileRoundTrip(t *testing.T) {
	const n, v, k = ChunkRows + 1000, 300, 5
	b := randomBatch(10, n, v, 2)
	top, err := TopKFromLogits(b.Teacher, n, v, k, 2)
	if err != nil {
		t.Fatal(err)
	}
	for _, dtype := range []safetensors.Dtype{safetensors.F32, safetensors.F16} {
		var buf bytes.Buffer
		w, err := NewTopKWriter(&buf, TopKInfo{Positions: n, K: k, Vocab: v, Temperature: 2}, dtype)
		if err != nil {
			t.Fatal(err)
		}
		// Uneven pieces, as a teacher emits them.
		for lo := 0; lo < n; {
			hi := min(n, lo+777)
			if err := w.Write(top.Indices[lo*k:hi*k], top.LogProbs[lo*k:hi*k]); err != nil {
				t.Fatal(err)
			}
			lo = hi
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		f, err := safetensors.Read(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
		if err != nil {
			t.Fatal(err)
		}
		got, info, err := ReadTopK(f)
		if err != nil {
			t.Fatal(err)
		}
		if info != (TopKInfo{n, k, v, 2}) || len(f.Tensors) != 4 {
			t.Errorf("info %+v, %d tensors", info, len(f.Tensors))
		}
		for i := range top.Indices {
			if got.Indices[i] != top.Indices[i] {
				t.Fatalf("index %d differs", i)
			}
			want := top.LogProbs[i]
			if dtype == safetensors.F16 {
				want = roundF16(want)
			}
			if got.LogProbs[i] != want {
				t.Fatalf("%v log-prob %d: %g, want %g", dtype, i, got.LogProbs[i], want)
			}
		}
	}
}

func roundF16(x float32) float32 {
	b := make([]byte, 2)
	safetensors.FromFloat32s(b, []float32{x}, safetensors.F16)
	v := make([]float32, 1)
	safetensors.Float32s(v, b, safetensors.F16)
	return v[0]
}

func TestTopKWriterErrors(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewTopKWriter(&buf, TopKInfo{Positions: 2, K: 2, Vocab: 4, Temperature: 1}, safetensors.F32)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write([]int32{0, 9}, []float32{-1, -2}); !errors.Is(err, ErrConfig) {
		t.Errorf("index out of range: %v", err)
	}
	if err := w.Write([]int32{0}, []float32{-1}); !errors.Is(err, ErrShape) {
		t.Errorf("partial row: %v", err)
	}
	w.Write([]int32{0, 1}, []float32{-1, -2})
	if err := w.Close(); !errors.Is(err, ErrShape) {
		t.Errorf("short file: %v", err)
	}
	if _, err := NewTopKWriter(&buf, TopKInfo{Positions: 1, K: 5, Vocab: 4, Temperature: 1}, safetensors.F32); !errors.Is(err, ErrConfig) {
		t.Errorf("k > vocab: %v", err)
	}
}

// FuzzReadTopK: arbitrary safetensors bytes never panic the top-k reader,
// and whatever it accepts is consistent.
func FuzzReadTopK(f *testing.F) {
	var buf bytes.Buffer
	w, _ := NewTopKWriter(&buf, TopKInfo{Positions: 3, K: 2, Vocab: 5, Temperature: 1}, safetensors.F16)
	w.Write([]int32{0, 1, 2, 3, 4, 0}, []float32{-1, -2, -0.5, -3, -0.1, -4})
	w.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		sf, err := safetensors.Read(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		top, info, err := ReadTopK(sf)
		if err != nil {
			return
		}
		if len(top.Indices) != info.Positions*info.K || len(top.LogProbs) != len(top.Indices) {
			t.Fatalf("accepted %d indices, %d log-probs for %+v", len(top.Indices), len(top.LogProbs), info)
		}
	})
}
