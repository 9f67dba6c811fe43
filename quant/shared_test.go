package quant

import (
	"crypto/sha256"
	"encoding/hex"
	"io"

	"github.com/shrinkml/shrink/gguf"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The larger golden inputs stay in the team's shared set: these tests use
// them when it is there (../../shared, as on the CI machine) and skip
// otherwise.
const sharedRecipes = "../../shared/golden/recipes"

func sharedFile(t *testing.T, rel string) string {
	p := filepath.Join(sharedRecipes, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("optional golden input %s is absent", p)
	}
	return p
}

// sharedRuns is the subset of runs checked by default (SHRINK_GOLDEN_ALL=1
// checks every run of every model, a few minutes).
func sharedRuns(run string) bool {
	if os.Getenv("SHRINK_GOLDEN_ALL") != "" {
		return true
	}
	switch strings.TrimSuffix(run, ".imatrix") {
	case "Q4_K_M", "Q2_K", "Q3_K_M", "Q4_K_S", "Q5_K_M", "Q6_K", "IQ4_XS", "Q4_0", "Q8_0", "TQ1_0",
		"Q4_K_M.pure", "Q4_K_M.tt-blk0-3-ffn_down-q8_0", "Q4_K_M.no-imatrix-kv", "Q4_K_M.requant",
		"Q6_K.requant", "Q4_0.requant", "IQ4_XS.requant":
		return true
	}
	return false
}

// TestSharedRecipeOutputs checks whole llama.cpp outputs of the deep32
// models (32 layers: use_more_bits, GQA 4 and 1), the trained shakes-a
// model and requantization of a Q4_K_M file.
func TestSharedRecipeOutputs(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	for model, files := range map[string]map[string]string{
		"deep32-f16": {
			"deep32-f16.gguf":    "deep32/deep32-f16.gguf",
			"deep32.imatrix.dat": "deep32/deep32.imatrix.dat",
		},
		"deep32-gqa1-f16": {
			"deep32-gqa1-f16.gguf":    "deep32-gqa1/deep32-gqa1-f16.gguf",
			"deep32-gqa1.imatrix.dat": "deep32-gqa1/deep32-gqa1.imatrix.dat",
		},
		"shakes-a": {
			"shakes-a-f32.gguf":    "../../models/shakes-a/shakes-a-f32.gguf",
			"shakes-a.imatrix.dat": "shakes-a/shakes-a.imatrix.dat",
		},
		"deep32-requant": {
			"deep32.Q4_K_M.gguf": "deep32/deep32.Q4_K_M.gguf",
		},
	} {
		t.Run(model, func(t *testing.T) {
			for _, rel := range files {
				sharedFile(t, rel)
			}
			runGoldenOutputs(t, model, func(name string) string { return filepath.Join(sharedRecipes, files[name]) }, sharedRuns)
		})
	}
}

// TestSharedDeep32Variants rebuilds deep32-f32.gguf from the stored F16 file
// as the golden set's README describes (every key in order, general.file_type
// 1 → 0, F16 tensors widened exactly, same tensor order), checks its SHA-256,
// and runs the deep32 plans on it: the flag variants (--pure,
// --leave-output-tensor, --output-tensor-type, --token-embedding-type,
// --tensor-type, no imatrix metadata) exist only for this input.
func TestSharedDeep32Variants(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	src := sharedFile(t, "deep32/deep32-f16.gguf")
	f, err := gguf.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	meta := f.Metadata.Clone()
	if err := meta.Set(gguf.KeyFileType, gguf.NewValue(uint32(0))); err != nil {
		t.Fatal(err)
	}
	infos := make([]gguf.TensorInfo, len(f.Tensors))
	for i, ti := range f.Tensors {
		infos[i] = gguf.TensorInfo{Name: ti.Name, Type: gguf.TypeF32, Shape: ti.Shape}
	}
	path := filepath.Join(t.TempDir(), "deep32-f32.gguf")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	w, err := gguf.NewWriter(io.MultiWriter(out, h), meta, infos)
	if err != nil {
		t.Fatal(err)
	}
	for _, ti := range f.Tensors {
		raw, err := f.TensorBytes(ti.Name)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := For(ti.Type)
		vals := make([]float32, ti.NumElements())
		if err := c.Dequantize(vals, raw, int(ti.Shape[0]), 0); err != nil {
			t.Fatal(err)
		}
		if err := w.WriteTensor(ti.Name, f32ToBytes(vals)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	const want = "c7a1486f762b69bfca991d8b2661e68d4b8c8d62d0c863bc51e14e41610c0249"
	if got := hex.EncodeToString(h.Sum(nil)); got != want {
		t.Fatalf("rebuilt deep32-f32.gguf has sha256 %s, want %s", got, want)
	}
	files := map[string]string{"deep32-f32.gguf": path, "deep32.imatrix.dat": sharedFile(t, "deep32/deep32.imatrix.dat")}
	runGoldenOutputs(t, "deep32", func(name string) string { return files[name] }, func(run string) bool {
		return strings.Contains(run, ".") && !strings.HasSuffix(run, ".imatrix") || sharedRuns(run) || run == "Q4_K_M.no-imatrix-kv.imatrix"
	})
}
