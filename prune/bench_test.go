package prune

import (
	"fmt"
	"testing"

	"github.com/shrinkml/shrink/quant/imatrix"
)

// BenchmarkPrune measures each method on a 4096×4096 tensor; MB/s are of
// float32 weights. The tensor-wide magnitude threshold includes its two
// histogram passes over the tensor.
func BenchmarkPrune(b *testing.B) {
	const rows, cols = 4096, 4096
	m := newMem(1, map[string][2]int{"w": {rows, cols}}, false)
	im := &imatrix.Matrix{Entries: map[string][]float32{"w": make([]float32, cols)}}
	for j := range im.Entries["w"] {
		im.Entries["w"][j] = float32(j%17) + 1
	}
	for _, o := range []Options{
		{Method: Magnitude, Scope: PerTensor, Sparsity: 0.5},
		{Method: Magnitude, Scope: PerRow, Sparsity: 0.5},
		{Method: Wanda, Sparsity: 0.5, Imatrix: im},
		{Method: NM, N: 2, M: 4},
	} {
		o.Pattern = all
		b.Run(fmt.Sprintf("%v/scope=%d", o.Method, o.Scope), func(b *testing.B) {
			vals := make([]float32, len(m.data["w"]))
			b.SetBytes(int64(4 * len(vals)))
			for b.Loop() {
				p, err := New(m, o)
				if err != nil {
					b.Fatal(err)
				}
				copy(vals, m.data["w"])
				for r := 0; r < rows; r += 256 {
					if err := p.Apply("w", r, vals[r*cols:(r+256)*cols], cols); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
