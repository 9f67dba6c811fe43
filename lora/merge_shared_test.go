package lora

import (
	"bytes"
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/shrinkml/shrink/gguf"
	"github.com/shrinkml/shrink/quant"
)

const sharedModels = "../../shared/models/shakes-a"

func sharedPath(t *testing.T, rel string) string {
	p := filepath.Join(sharedModels, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("optional shared model file %s is absent", p)
	}
	return p
}

// TestGoldenMerges merges the two real PEFT adapters of the shakes-a model
// into its F32 GGUF and compares every tensor with the expected merge
// (computed in float64 with numpy, q/k permuted afterwards).
func TestGoldenMerges(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	base := sharedPath(t, "shakes-a-f32.gguf")
	for _, c := range []struct{ adapter, want string }{
		{"lora-qv", "merged-qv-f32.gguf"},
		{"lora-all-rs", "merged-all-rs-f32.gguf"},
	} {
		t.Run(c.adapter, func(t *testing.T) {
			ad, err := ReadPEFT(sharedPath(t, c.adapter))
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(t.TempDir(), "merged.gguf")
			_, mg, err := MergeFile(context.Background(), base, out, []Weighted{{ad, 1}}, quant.ModelOptions{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := gguf.Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer got.Close()
			want, err := gguf.Open(sharedPath(t, c.want))
			if err != nil {
				t.Fatal(err)
			}
			defer want.Close()
			changed := 0
			for i, wt := range want.Tensors {
				if got.Tensors[i].Name != wt.Name || got.Tensors[i].Type != wt.Type {
					t.Fatalf("tensor %d: %s %v, want %s %v", i, got.Tensors[i].Name, got.Tensors[i].Type, wt.Name, wt.Type)
				}
				a, _ := got.TensorBytes(wt.Name)
				b, _ := want.TensorBytes(wt.Name)
				if bytes.Equal(a, b) {
					if mg.Touches(wt.Name) {
						changed++
					}
					continue
				}
				// Report how far off, in float32 ulps.
				worst := 0
				for j := 0; j < len(a); j += 4 {
					x := int32(uint32(a[j]) | uint32(a[j+1])<<8 | uint32(a[j+2])<<16 | uint32(a[j+3])<<24)
					y := int32(uint32(b[j]) | uint32(b[j+1])<<8 | uint32(b[j+2])<<16 | uint32(b[j+3])<<24)
					worst = max(worst, int(math.Abs(float64(x-y))))
				}
				t.Errorf("%s differs from the expected merge by up to %d ulps", wt.Name, worst)
			}
			t.Logf("%d tensors merged, all bit-identical to the expected merge", changed)
		})
	}
}
