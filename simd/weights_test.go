package simd

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestImportance compares every implementation with the formula in
// float64 (each step rounded to float32) over lengths 0…70 and misaligned
// starts, on values that include zeros, subnormals and squares that
// overflow to +Inf, with a guard value after the output.
func TestImportance(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	x, qw := make([]float32, 80), make([]float32, 80)
	for i := range x {
		x[i] = float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(9)-4)))
		qw[i] = float32(r.ExpFloat64())
	}
	x[5], x[6], x[7], x[9] = 0, float32(math.Copysign(0, -1)), 1e-40, -3e20 // ±0, subnormal, x² = +Inf
	qw[11] = 0
	want := func(i int, sigma2 float32) float32 {
		sq := float32(float64(x[i]) * float64(x[i]))
		root := float32(math.Sqrt(float64(float32(float64(sigma2) + float64(sq)))))
		return float32(float64(qw[i]) * float64(root))
	}
	for _, sigma2 := range []float32{0, 0.37, 1e-30} {
		forEachImpl(t, "weights", func(t *testing.T) {
			for start := range 3 {
				for n := 0; start+n <= 70; n++ {
					w := make([]float32, n+1)
					w[n] = 42
					Importance(w[:n], x[start:], qw[start:], sigma2)
					for i := range n {
						if got, want := w[i], want(start+i, sigma2); math.Float32bits(got) != math.Float32bits(want) {
							t.Fatalf("σ² %g, start %d, n %d: w[%d] = %g, want %g", sigma2, start, n, i, got, want)
						}
					}
					if w[n] != 42 {
						t.Fatalf("start %d, n %d: wrote past the end", start, n)
					}
				}
			}
		})
	}
}

// FuzzImportance compares the implementation in use with Generic on
// arbitrary finite values.
func FuzzImportance(f *testing.F) {
	f.Add(make([]byte, 2*17*4), float32(0.5))
	f.Fuzz(func(t *testing.T, data []byte, sigma2 float32) {
		n := len(data) / 8
		x := fuzzFloats(data, n, math.MaxFloat32, func(i int) float32 { return 1 })
		qw := fuzzFloats(data[4*n:], n, math.MaxFloat32, func(i int) float32 { return 2 })
		if math.IsNaN(float64(sigma2)) || math.IsInf(float64(sigma2), 0) {
			sigma2 = 0
		}
		sigma2 = abs32(sigma2)
		got, want := make([]float32, n), make([]float32, n)
		Importance(got, x, qw, sigma2)
		importanceGeneric(want, x, qw, sigma2)
		for i := range n {
			if math.Float32bits(got[i]) != math.Float32bits(want[i]) && !(math.IsNaN(float64(got[i])) && math.IsNaN(float64(want[i]))) {
				t.Fatalf("w[%d] = %g, want %g (x %g, qw %g, σ² %g)", i, got[i], want[i], x[i], qw[i], sigma2)
			}
		}
	})
}
