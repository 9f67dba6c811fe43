package simd

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

func TestDivLevels(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := make([]float32, 77)
	for i := range x {
		x[i] = float32(r.NormFloat64() * 3)
		if i%5 == 0 {
			x[i] = float32(math.Round(float64(x[i]))) + 0.5 // ties
		}
	}
	x[3] = float32(math.Copysign(0, -1))
	x[4] = 1e30
	for _, p := range []struct {
		m, d         float32
		lo, hi, bias int32
	}{
		{0, 0.37, -4, 3, 4},     // q3_K
		{0, -0.05, -32, 31, 32}, // q6_K, negative scale
		{1.5, 0.5, 0, 15, 0},    // q4_K
		{0.25, 2, 0, 3, 0},      // q2_K
		{0, 1e-40, -32, 31, 32}, // subnormal scale
	} {
		want := make([]byte, len(x))
		divLevelsGeneric(want, x, p.m, p.d, p.lo, p.hi, p.bias)
		forEachImpl(t, "levels", func(t *testing.T) {
			for n := 0; n <= len(x); n++ {
				got := make([]uint8, n+1)
				got[n] = 0xee
				DivLevels(got[:n], x[:n], p.m, p.d, p.lo, p.hi, p.bias)
				if !bytes.Equal(got[:n], want[:n]) || got[n] != 0xee {
					t.Fatalf("%+v, n %d:\n got %v\nwant %v", p, n, got, want[:n])
				}
			}
		})
	}
}
