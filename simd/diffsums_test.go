package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// sameDiffSums reports whether two accumulators hold the same bits, any
// NaN matching any NaN.
func sameDiffSums(a, b *DiffSums) bool {
	same := func(x, y float64) bool {
		return math.Float64bits(x) == math.Float64bits(y) || (math.IsNaN(x) && math.IsNaN(y))
	}
	for l := range 8 {
		if !same(a.X2[l], b.X2[l]) || !same(a.Y2[l], b.Y2[l]) || !same(a.XY[l], b.XY[l]) ||
			!same(a.E2[l], b.E2[l]) || !same(a.MaxAbs[l], b.MaxAbs[l]) {
			return false
		}
	}
	return true
}

func diffData(seed uint64, n int) (x, y []float32) {
	r := rand.New(rand.NewPCG(seed, 3))
	x, y = make([]float32, n), make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10)))
		y[i] = x[i] + float32(r.NormFloat64()*1e-3)
		switch i % 11 {
		case 3:
			y[i] = -x[i]
		case 5:
			x[i], y[i] = math.MaxFloat32, -math.MaxFloat32
		case 7:
			x[i] = 1e-45 // subnormal
		}
	}
	return x, y
}

func TestDiffSums(t *testing.T) {
	x, y := diffData(1, 203)
	for _, special := range []float32{0, float32(math.Inf(1)), float32(math.NaN())} {
		if special != 0 {
			y[101] = special
		}
		forEachImpl(t, "diff", func(t *testing.T) {
			for n := 0; n <= len(x); n++ {
				for _, start := range []int{0, 1, 3} { // misaligned starts too
					if start > n {
						continue
					}
					var got, want DiffSums
					got.Add(x[start:n], y[start:n])
					got.Add(x[:start], y[:start]) // a second call continues the lanes
					diffSumsGeneric(&want, x[start:n], y[start:n])
					diffSumsGeneric(&want, x[:start], y[:start])
					if !sameDiffSums(&got, &want) {
						t.Fatalf("y[101] = %g, values %d…%d: lanes differ\n got %+v\nwant %+v", special, start, n, got, want)
					}
				}
			}
		})
	}
	var s DiffSums
	s.Add([]float32{1, 2, float32(math.NaN()), 4}, []float32{1, 2, 3, 4})
	s.Add([]float32{5}, []float32{100})
	if _, _, _, _, m := s.Total(); !math.IsNaN(m) {
		t.Fatalf("MaxAbs after a NaN difference is %g, want NaN", m)
	}
}

func TestDiffSumsMerge(t *testing.T) {
	x, y := diffData(2, 64)
	var a, b, whole DiffSums
	a.Add(x[:32], y[:32])
	b.Add(x[32:], y[32:])
	a.Merge(&b)
	whole.Add(x, y)
	_, _, _, e2a, ma := a.Total()
	_, _, _, e2w, mw := whole.Total()
	if math.Abs(e2a-e2w) > 1e-12*e2w || ma != mw {
		t.Fatalf("merged halves: Σe² %g max %g; whole: %g %g", e2a, ma, e2w, mw)
	}
}

// FuzzDiffSums compares the kernel in use with Generic on arbitrary values.
func FuzzDiffSums(f *testing.F) {
	f.Add(make([]byte, 8*19), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, start uint8) {
		n := len(data) / 8
		x := fuzzFloats(data, n, math.Inf(1), func(int) float32 { return float32(math.NaN()) })
		y := fuzzFloats(data[4*n:], n, math.Inf(1), func(int) float32 { return float32(math.Inf(-1)) })
		s := min(int(start), n)
		var got, want DiffSums
		got.Add(x[s:], y[s:])
		diffSumsGeneric(&want, x[s:], y[s:])
		if !sameDiffSums(&got, &want) {
			t.Fatalf("lanes differ\n got %+v\nwant %+v", got, want)
		}
	})
}

func ExampleDiffSums() {
	x := []float32{1, 2, 3, 4}
	y := []float32{1, 2.5, 3, 3}
	var s DiffSums
	s.Add(x, y)
	x2, _, _, e2, maxAbs := s.Total()
	fmt.Printf("Σx² %g, Σ(x−y)² %g, max |x−y| %g\n", x2, e2, maxAbs)
	// Output: Σx² 30, Σ(x−y)² 1.25, max |x−y| 1
}
