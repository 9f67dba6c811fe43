package prune

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

const tinyModel = "../testdata/tiny-llama-f32.gguf"

func readAll(t *testing.T, f *gguf.File, name string) []float32 {
	t.Helper()
	ti, ok := f.Tensor(name)
	if !ok {
		t.Fatalf("no tensor %s", name)
	}
	v := make([]float32, ti.NumElements())
	if err := f.ReadRows(name, 0, v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestPruneFileMagnitude(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "p.gguf")
	res, err := PruneFile(context.Background(), tinyModel, out, FileOptions{Mask: &Options{Method: Magnitude, Sparsity: 0.5}})
	if err != nil {
		t.Fatal(err)
	}
	in, _ := gguf.Open(tinyModel)
	defer in.Close()
	of, err := gguf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer of.Close()
	if len(res.Tensors) != 14 { // 7 matrices × 2 blocks
		t.Fatalf("%d tensors pruned", len(res.Tensors))
	}
	for i, ti := range in.Tensors {
		if of.Tensors[i].Name != ti.Name || of.Tensors[i].Type != ti.Type {
			t.Fatalf("layout changed at %d", i)
		}
		a, b := readAll(t, in, ti.Name), readAll(t, of, ti.Name)
		zeros := 0
		for j := range a {
			if b[j] == 0 {
				zeros++
			} else if b[j] != a[j] {
				t.Fatalf("%s[%d] changed to %g", ti.Name, j, b[j])
			}
		}
		selected := DefaultPattern.MatchString(ti.Name)
		if selected && zeros != len(a)/2 || !selected && zeros != 0 {
			t.Errorf("%s: %d zeros of %d (selected %v)", ti.Name, zeros, len(a), selected)
		}
	}
	for _, st := range res.Tensors {
		if st.Sparsity() != 0.5 || st.RelError() <= 0 || st.RelError() >= 1 {
			t.Errorf("%s: sparsity %g, error %g", st.Name, st.Sparsity(), st.RelError())
		}
	}
	if res.Out != res.In {
		t.Errorf("an F32 model pruned in place changed size: %d → %d", res.In, res.Out)
	}
	zin, _ := CompressedSize(tinyModel)
	zout, _ := CompressedSize(out)
	if zout >= zin {
		t.Errorf("zstd: pruned %d ≥ unpruned %d", zout, zin)
	}
}

// TestPruneThenQuantize prunes 2:4 and quantizes to Q8_0 and Q4_0 in one
// pass: the pruned zeros stay exact zeros (both types represent 0).
func TestPruneThenQuantize(t *testing.T) {
	dir := t.TempDir()
	for _, recipe := range []string{"Q8_0", "Q4_0", "Q6_K"} {
		r, _ := quant.ParseRecipe(recipe)
		out := filepath.Join(dir, recipe+".gguf")
		res, err := PruneFile(context.Background(), tinyModel, out, FileOptions{Mask: &Options{Method: NM, N: 2, M: 4}, Then: r})
		if err != nil {
			t.Fatal(err)
		}
		of, _ := gguf.Open(out)
		for _, st := range res.Tensors {
			v := readAll(t, of, st.Name)
			for g := 0; g < len(v); g += 4 {
				nz := 0
				for _, x := range v[g : g+4] {
					if x != 0 {
						nz++
					}
				}
				if nz > 2 {
					t.Fatalf("%s %s: group %d has %d non-zeros after quantization", recipe, st.Name, g/4, nz)
				}
			}
			if st.Compliant != st.Groups {
				t.Errorf("%s: %d of %d groups compliant", st.Name, st.Compliant, st.Groups)
			}
		}
		of.Close()
	}
}

func TestStructuralPruning(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "s.gguf")
	res, err := PruneFile(context.Background(), tinyModel, out, FileOptions{Structure: Structure{DropLayers: []int{0}, FFNKeep: 0.34}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Layers != 1 || res.FFNWidth != 256 {
		t.Fatalf("layers %d, ffn %d", res.Layers, res.FFNWidth)
	}
	of, err := gguf.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer of.Close()
	in, _ := gguf.Open(tinyModel)
	defer in.Close()
	if n, _ := gguf.LookupInt(of.Metadata, "llama.block_count"); n != 1 {
		t.Errorf("block_count %d", n)
	}
	if n, _ := gguf.LookupInt(of.Metadata, "llama.feed_forward_length"); n != 256 {
		t.Errorf("feed_forward_length %d", n)
	}
	if _, ok := of.Tensor("blk.1.attn_q.weight"); ok {
		t.Error("blk.1 still present")
	}
	// The new blk.0 is the old blk.1: attention unchanged, FFN narrowed.
	if !equal(readAll(t, of, "blk.0.attn_q.weight"), readAll(t, in, "blk.1.attn_q.weight")) {
		t.Error("blk.0.attn_q is not the old blk.1.attn_q")
	}
	gate, down := mustInfo(t, of, "blk.0.ffn_gate.weight"), mustInfo(t, of, "blk.0.ffn_down.weight")
	if gate.Shape[1] != 256 || down.Shape[0] != 256 || down.Shape[1] != 256 {
		t.Fatalf("shapes gate %v down %v", gate.Shape, down.Shape)
	}
	// Each kept gate row is an old row, and down's columns match the same neurons.
	oldGate, newGate := readAll(t, in, "blk.1.ffn_gate.weight"), readAll(t, of, "blk.0.ffn_gate.weight")
	oldDown, newDown := readAll(t, in, "blk.1.ffn_down.weight"), readAll(t, of, "blk.0.ffn_down.weight")
	j := 0
	for r := 0; r < 256; r++ {
		for j < 768 && !equal(oldGate[j*256:(j+1)*256], newGate[r*256:(r+1)*256]) {
			j++
		}
		if j == 768 {
			t.Fatalf("kept gate row %d is no old row in order", r)
		}
		for d := 0; d < 256; d++ {
			if newDown[d*256+r] != oldDown[d*768+j] {
				t.Fatalf("down column %d is not old column %d", r, j)
			}
		}
		j++
	}
	if res.Out >= res.In*6/10 {
		t.Errorf("structural pruning left %d of %d bytes", res.Out, res.In)
	}
}

func mustInfo(t *testing.T, f *gguf.File, name string) gguf.TensorInfo {
	ti, ok := f.Tensor(name)
	if !ok {
		t.Fatalf("no %s", name)
	}
	return ti
}

func equal(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

func TestPruneThreadsIndependent(t *testing.T) {
	dir := t.TempDir()
	var outs [][]byte
	for _, w := range []int{1, 3} {
		out := filepath.Join(dir, "w.gguf")
		opts := FileOptions{Mask: &Options{Method: Magnitude, Scope: Global, Sparsity: 0.3}}
		opts.Quant.Workers = w
		opts.Then, _ = quant.ParseRecipe("Q4_K_M")
		if _, err := PruneFile(context.Background(), tinyModel, out, opts); err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(out)
		outs = append(outs, b)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("1 and 3 workers write different files")
	}
}
