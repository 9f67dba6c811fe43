package simd

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

func TestDivLevels(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := make([]float32, 7*32)
	for i := range x {
		x[i] = float32(r.NormFloat64() * 3)
		if i%5 == 0 {
			x[i] = float32(math.Round(float64(x[i]))) + 0.5 // ties
		}
	}
	x[3] = float32(math.Copysign(0, -1))
	x[4] = 1e30
	for _, p := range []struct {
		name         string
		m, d         float32
		lo, hi, bias int32
	}{
		{"q3_K", 0, 0.37, -4, 3, 4},
		{"q6_K negative scale", 0, -0.05, -32, 31, 32},
		{"q4_K", 1.5, 0.5, 0, 15, 0},
		{"q2_K", 0.25, 2, 0, 3, 0},
		{"subnormal scale", 0, 1e-40, -32, 31, 32},
	} {
		for _, n := range []int{8, 16, 32, 5} {
			groups := len(x) / n
			d, m := make([]float32, groups), make([]float32, groups)
			for g := range groups {
				// Scales and minimums vary by group; every third group
				// has a zero scale (of either sign) and is skipped.
				d[g] = p.d * float32(1+g%4)
				m[g] = p.m * float32(g%3)
				if g%3 == 1 {
					d[g] = float32(math.Copysign(0, float64(g%2)-0.5))
				}
			}
			for _, mins := range [][]float32{m, nil} {
				want := bytes.Repeat([]byte{0xaa}, groups*n)
				divLevelsGeneric(want, x[:groups*n], mins, d, n, p.lo, p.hi, p.bias)
				checkDivLevelsReference(t, want, x, mins, d, n, p.lo, p.hi, p.bias)
				forEachImpl(t, "levels", func(t *testing.T) {
					for k := 0; k <= groups; k++ {
						got := bytes.Repeat([]byte{0xaa}, k*n+1)
						got[k*n] = 0xee
						DivLevels(got[:k*n], x[:k*n], mins, d, n, p.lo, p.hi, p.bias)
						if !bytes.Equal(got[:k*n], want[:k*n]) || got[k*n] != 0xee {
							t.Fatalf("%s, n %d, %d groups, minimums %v:\n got %v\nwant %v", p.name, n, k, mins != nil, got, want[:k*n])
						}
					}
				})
			}
		}
	}
}

// checkDivLevelsReference checks the Generic twin on a few values against
// the formula in float64: (x+m)/d rounded half to even, clamped, biased,
// and skipped groups untouched.
func checkDivLevelsReference(t *testing.T, got []byte, x, m, d []float32, n int, lo, hi, bias int32) {
	t.Helper()
	for i := range got {
		g := i / n
		want := byte(0xaa)
		if d[g] != 0 {
			var mg float32
			if m != nil {
				mg = m[g]
			}
			q := float64(float32(x[i]+mg) / d[g])
			if math.Abs(q) >= 1<<22 {
				continue // ggml's trick gives garbage there, which the kernels copy
			}
			want = byte(max(lo, min(hi, int32(math.RoundToEven(q)))) + bias)
		}
		if got[i] != want {
			t.Fatalf("value %d (group %d): generic %d, formula %d", i, g, got[i], want)
		}
	}
}

// FuzzDivLevels compares the kernel in use with Generic on arbitrary finite
// values, per-group minimums and scales (zero scales included), for the
// K-quants' group lengths and level ranges.
func FuzzDivLevels(f *testing.F) {
	f.Add(make([]byte, 32*4), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		n := []int{16, 32, 8}[int(which)%3]
		p := []struct{ lo, hi, bias int32 }{{-4, 3, 4}, {-32, 31, 32}, {0, 15, 0}, {0, 3, 0}, {0, 31, 0}}[int(which/3)%5]
		v := fuzzFloats(data, len(data)/4, math.MaxFloat32, func(i int) float32 { return float32(i%5) * 0.25 })
		groups := len(v) / (n + 2) // each group: n values, a minimum, a scale
		x := v[:groups*n]
		m, d := v[groups*n:groups*n+groups], v[groups*n+groups:groups*(n+2)]
		for _, mins := range [][]float32{m, nil} {
			got, want := make([]byte, len(x)), make([]byte, len(x))
			for i := range got {
				got[i], want[i] = byte(i), byte(i) // skipped groups keep these
			}
			DivLevels(got, x, mins, d, n, p.lo, p.hi, p.bias)
			divLevelsGeneric(want, x, mins, d, n, p.lo, p.hi, p.bias)
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("n %d, %+v, value %d (group %d): %d, want %d", n, p, i, i/n, got[i], want[i])
				}
			}
		}
	})
}
