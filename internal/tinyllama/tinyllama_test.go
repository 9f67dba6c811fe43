package tinyllama

import (
	"bytes"
	"math"
	"os"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

const bundled = "../../testdata/tiny-llama-f32.gguf"

// TestBundledUpToDate checks that the committed model is what the generator
// writes: run go generate in this folder after changing it.
func TestBundledUpToDate(t *testing.T) {
	want, err := os.ReadFile(bundled)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := Write(&got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("%s is stale or the generator is not deterministic: run go generate ./internal/tinyllama", bundled)
	}
}

func TestShapeAndStatistics(t *testing.T) {
	f, err := gguf.Open(bundled)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tokens, err := gguf.AsSlice[string](mustGet(t, f.Metadata, "tokenizer.ggml.tokens"))
	if err != nil || len(tokens) != Vocab {
		t.Fatalf("%d tokens, %v", len(tokens), err)
	}
	seen := map[string]bool{}
	for _, tok := range tokens {
		if tok == "" || seen[tok] {
			t.Fatalf("empty or repeated token %q", tok)
		}
		seen[tok] = true
	}
	if len(f.Tensors) != 2+9*Blocks+1 {
		t.Fatalf("%d tensors", len(f.Tensors))
	}
	for _, ti := range f.Tensors {
		if ti.Shape[0]%256 != 0 {
			t.Errorf("%s: rows of %d values: not K-quant friendly", ti.Name, ti.Shape[0])
		}
		vals := Values(ti)
		var sum, sq float64
		for _, v := range vals {
			sum += float64(v)
			sq += float64(v) * float64(v)
		}
		n := float64(len(vals))
		mean, rms := sum/n, math.Sqrt(sq/n)
		if len(ti.Shape) == 1 {
			if math.Abs(mean-1) > 0.02 || rms > 1.01 {
				t.Errorf("%s: norm weights mean %.3f rms %.3f, want near 1", ti.Name, mean, rms)
			}
			continue
		}
		// N(0, 1/fan-in) plus two ~10σ outliers per row: rms ≈ σ·√(1+200/fan-in).
		sigma := 1 / math.Sqrt(float64(ti.Shape[0]))
		want := sigma * math.Sqrt(1+200/float64(ti.Shape[0]))
		if math.Abs(mean) > 0.1*sigma || math.Abs(rms/want-1) > 0.05 {
			t.Errorf("%s: mean %.4f rms %.4f, want about 0 and %.4f", ti.Name, mean, rms, want)
		}
	}
}

func mustGet(t *testing.T, m *gguf.Metadata, key string) gguf.Value {
	t.Helper()
	v, ok := m.Get(key)
	if !ok {
		t.Fatalf("no key %q", key)
	}
	return v
}
