package lora

import (
	"context"
	"math"
	"path/filepath"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
)

// TestExtractRoundTrip merges a rank-4/8 adapter into the bundled model,
// extracts a rank-8 adapter from the difference, and merges that back: the
// difference is exactly of rank ≤ 8, so all of its energy is kept and the
// re-merged weights equal the merged ones up to float rounding.
func TestExtractRoundTrip(t *testing.T) {
	dir := t.TempDir()
	writePEFT(t, filepath.Join(dir, "orig"), 11, tinyModules[:3], nil)
	orig, err := ReadPEFT(filepath.Join(dir, "orig"))
	if err != nil {
		t.Fatal(err)
	}
	tunedPath := filepath.Join(dir, "tuned.gguf")
	if _, _, err := MergeFile(context.Background(), tinyModel, tunedPath, []Weighted{{orig, 1}}, quant.ModelOptions{}); err != nil {
		t.Fatal(err)
	}
	base, _ := gguf.Open(tinyModel)
	defer base.Close()
	tuned, _ := gguf.Open(tunedPath)
	defer tuned.Close()
	ad, stats, err := Extract(context.Background(), base, tuned, ExtractOptions{Rank: 8})
	if err != nil {
		t.Fatal(err)
	}
	if len(stats) != 3 {
		t.Fatalf("%d modules extracted: %+v", len(stats), stats)
	}
	for _, s := range stats {
		if s.Retained < 1-1e-9 {
			t.Errorf("%s: retained %.12f of the energy of a rank-≤8 difference", s.Tensor, s.Retained)
		}
		if m := orig.Find(s.Module); m == nil {
			t.Errorf("extracted module %s is not one of the original's", s.Module)
		}
	}
	out := filepath.Join(dir, "adapter")
	if err := WritePEFT(out, ad, "tiny"); err != nil {
		t.Fatal(err)
	}
	back, err := ReadPEFT(out)
	if err != nil {
		t.Fatal(err)
	}
	remerged := filepath.Join(dir, "remerged.gguf")
	if _, _, err := MergeFile(context.Background(), tinyModel, remerged, []Weighted{{back, 1}}, quant.ModelOptions{}); err != nil {
		t.Fatal(err)
	}
	rf, _ := gguf.Open(remerged)
	defer rf.Close()
	for _, s := range stats {
		a, _ := tensorValues(tuned, mustTensor(t, tuned, s.Tensor))
		b, _ := tensorValues(rf, mustTensor(t, rf, s.Tensor))
		var worst float64
		for i := range a {
			worst = max(worst, math.Abs(float64(a[i])-float64(b[i])))
		}
		if worst > 1e-5 {
			t.Errorf("%s: re-merged weights differ by up to %g", s.Tensor, worst)
		}
	}
	// A rank-2 approximation of the rank-8 down_proj update keeps only part.
	_, low, err := Extract(context.Background(), base, tuned, ExtractOptions{Rank: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range low {
		if s.Retained >= 1-1e-9 || s.Retained <= 0 {
			t.Errorf("rank 2: %s retained %g", s.Tensor, s.Retained)
		}
	}
}

func mustTensor(t *testing.T, f *gguf.File, name string) gguf.TensorInfo {
	ti, ok := f.Tensor(name)
	if !ok {
		t.Fatalf("no tensor %s", name)
	}
	return ti
}
