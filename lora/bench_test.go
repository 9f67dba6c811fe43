package lora

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkMerge measures Merger.Apply adding a rank-r update to a
// 4096×4096 float32 weight (1024 rows per call, as the streaming merge
// calls it); MB/s are of base weights.
func BenchmarkMerge(b *testing.B) {
	const rows, cols = 4096, 4096
	for _, rank := range []int{8, 64, 256} {
		b.Run(fmt.Sprintf("rank=%d", rank), func(b *testing.B) {
			r := rand.New(rand.NewPCG(1, uint64(rank)))
			m := &Module{Name: "w", Rank: rank, In: cols, Out: rows, Scale: 2,
				A: make([]float32, rank*cols), B: make([]float32, rows*rank)}
			for i := range m.A {
				m.A[i] = float32(r.NormFloat64())
			}
			for i := range m.B {
				m.B[i] = float32(r.NormFloat64())
			}
			mg := &Merger{targets: map[string][]*term{"w": {newTerm(m, m.Scale)}}}
			vals := make([]float32, 1024*cols)
			b.SetBytes(int64(4 * rows * cols))
			b.ReportAllocs()
			for b.Loop() {
				for row := 0; row < rows; row += 1024 {
					if err := mg.Apply("w", row, vals, cols); err != nil {
						b.Fatal(err)
					}
				}
			}
		})
	}
}
