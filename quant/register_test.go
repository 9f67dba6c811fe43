package quant

import (
	"path/filepath"
	"testing"

	"github.com/shrinkml/shrink/gguf"
)

// TestReadQuantizedTensors reads the quantized tensors of a file ggml wrote
// through the tensor.Model interface and checks them against Dequantize.
func TestReadQuantizedTensors(t *testing.T) {
	f, err := gguf.Open(filepath.Join("..", "gguf", "testdata", "sample.gguf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for _, ti := range f.Tensors {
		if !ti.Type.IsQuantized() {
			continue
		}
		n++
		ncols := int(ti.Shape[0])
		rows := int(ti.Rows())
		got := make([]float32, rows*ncols)
		if err := f.ReadRows(ti.Name, 0, got); err != nil {
			t.Fatalf("%s: %v", ti.Name, err)
		}
		raw, err := f.TensorBytes(ti.Name)
		if err != nil {
			t.Fatal(err)
		}
		c, _ := For(ti.Type)
		want := make([]float32, rows*ncols)
		if err := c.Dequantize(want, raw, ncols, 1); err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Fatalf("%s: value %d = %g, want %g", ti.Name, i, got[i], want[i])
			}
		}
	}
	if n == 0 {
		t.Fatal("sample.gguf has no quantized tensors")
	}
}
