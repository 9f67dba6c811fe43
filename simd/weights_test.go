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

// TestSumSquares compares every implementation with the sums written out,
// for the group lengths the quantizers use (and lengths the lanes leave to
// Generic), 0 to 20 groups, on values that include squares overflowing to
// +Inf and subnormals.
func TestSumSquares(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	x := make([]float32, 20*256)
	for i := range x {
		x[i] = float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(7)-3)))
	}
	x[100], x[3000] = 3e20, 1e-40
	for _, n := range []int{8, 16, 32, 256, 24, 5, 264} {
		groups := min(20, len(x)/n)
		want := make([]float32, groups)
		for g := range want {
			for _, v := range x[g*n : (g+1)*n] {
				want[g] += float32(v * v)
			}
		}
		forEachImpl(t, "weights", func(t *testing.T) {
			for k := 0; k <= groups; k++ {
				s := make([]float32, k+1)
				s[k] = 42
				SumSquares(s[:k], x[:k*n], n)
				for g := range k {
					if math.Float32bits(s[g]) != math.Float32bits(want[g]) {
						t.Fatalf("n %d, %d groups: group %d sums to %g, want %g", n, k, g, s[g], want[g])
					}
				}
				if s[k] != 42 {
					t.Fatalf("n %d, %d groups: wrote past the end", n, k)
				}
			}
		})
	}
}

// FuzzSumSquares compares the implementation in use with Generic on
// arbitrary finite values.
func FuzzSumSquares(f *testing.F) {
	f.Add(make([]byte, 8*32*4), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		n := []int{8, 16, 32, 256}[int(which)%4]
		groups := len(data) / 4 / n
		x := fuzzFloats(data, groups*n, math.MaxFloat32, func(i int) float32 { return float32(i%11) - 5 })
		got, want := make([]float32, groups), make([]float32, groups)
		SumSquares(got, x, n)
		sumSquaresGeneric(want, x, n)
		for g := range groups {
			if math.Float32bits(got[g]) != math.Float32bits(want[g]) {
				t.Fatalf("n %d, group %d: %g, want %g", n, g, got[g], want[g])
			}
		}
	})
}
