package simd

import (
	"math"
	"slices"
	"testing"
)

// The (n, nmax) pairs ggml's symmetric searches use.
var qxSets = []struct{ n, nmax int }{
	{16, 32}, // q6_K
	{16, 4},  // q3_K with an imatrix
	{32, 8},  // q4_0 with an imatrix
	{32, 16}, // q5_0 with an imatrix
}

func TestQX(t *testing.T) {
	for _, p := range qxSets {
		for _, groups := range []int{1, 8, 13, 24} {
			for _, weighted := range []bool{false, true} {
				x, w := qkxData(uint64(groups*p.n+p.nmax), groups, p.n)
				if !weighted {
					w = nil
				}
				wantL := make([]int8, len(x))
				want := make([]float32, groups)
				qxGeneric(x, w, wantL, want, p.n, p.nmax)
				forEachImpl(t, "qx", func(t *testing.T) {
					L := make([]int8, len(x))
					s := make([]float32, groups)
					QX(x, w, L, s, p.n, p.nmax)
					if !slices.Equal(L, wantL) {
						t.Fatalf("%+v, %d groups, weighted %v: levels differ", p, groups, weighted)
					}
					for g := range groups {
						if math.Float32bits(s[g]) != math.Float32bits(want[g]) {
							t.Fatalf("%+v group %d: scale %g, want %g", p, g, s[g], want[g])
						}
					}
				})
			}
		}
	}
}

// FuzzQX compares the kernel in use with Generic on arbitrary values.
func FuzzQX(f *testing.F) {
	f.Add(make([]byte, 8*32*4), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		p := qxSets[int(which/2)%len(qxSets)]
		groups := len(data) / 4 / p.n
		if groups == 0 {
			return
		}
		x := fuzzFloats(data, groups*p.n, 1e18, func(i int) float32 { return float32(i % 5) })
		w := make([]float32, len(x))
		for i, v := range x {
			w[i] = abs32(v) + 0.5
		}
		if which%2 == 0 {
			w = nil
		}
		L1, L2 := make([]int8, len(x)), make([]int8, len(x))
		s1, s2 := make([]float32, groups), make([]float32, groups)
		QX(x, w, L1, s1, p.n, p.nmax)
		qxGeneric(x, w, L2, s2, p.n, p.nmax)
		if !slices.Equal(L1, L2) {
			t.Fatalf("levels differ for %+v", p)
		}
		for g := range groups {
			if math.Float32bits(s1[g]) != math.Float32bits(s2[g]) {
				t.Fatalf("group %d: scale %g, want %g", g, s1[g], s2[g])
			}
		}
	})
}
