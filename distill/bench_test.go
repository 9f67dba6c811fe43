package distill

import (
	"fmt"
	"testing"
)

// BenchmarkLoss measures forward-KL loss and gradient per position for
// LLM-sized vocabularies, against a dense teacher and a top-64 one; the
// positions/s metric is what to compare.
func BenchmarkLoss(b *testing.B) {
	const n = 16
	for _, v := range []int{32000, 128256} {
		batch := randomBatch(1, n, v, 3)
		top, _ := TopKFromLogits(batch.Teacher, n, v, 64, 2)
		for _, mode := range []string{"dense", "top64"} {
			b.Run(fmt.Sprintf("V=%d/%s", v, mode), func(b *testing.B) {
				bb := *batch
				if mode == "top64" {
					bb.TopK, bb.Teacher = top, nil
				}
				c, _ := New(Config{Kind: ForwardKL, Temperature: 2})
				grad := make([]float32, n*v)
				b.SetBytes(int64(4 * n * v))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := c.Loss(grad, nil, &bb); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "positions/s")
			})
		}
	}
}
