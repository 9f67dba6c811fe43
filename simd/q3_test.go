package simd

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestQ3(t *testing.T) {
	for _, n := range []int{16, 8, 24} { // 24: longer than the lanes take
		for _, nmax := range []int{4, 2} {
			for _, groups := range []int{1, 8, 13, 16, 24, 40, 64, 301} { // 301: the queue fills many times
				x, _ := qkxData(uint64(groups*7+nmax+n), groups, n)
				wantL := make([]int8, len(x))
				want := make([]float32, groups)
				q3Generic(x, wantL, want, n, nmax)
				forEachImpl(t, "q3", func(t *testing.T) {
					L := make([]int8, len(x))
					s := make([]float32, groups)
					Q3(x, L, s, n, nmax)
					if !slices.Equal(L, wantL) {
						t.Fatalf("n %d, nmax %d, %d groups: levels differ", n, nmax, groups)
					}
					for g := range groups {
						if math.Float32bits(s[g]) != math.Float32bits(want[g]) {
							t.Fatalf("n %d, nmax %d group %d: scale %g, want %g", n, nmax, g, s[g], want[g])
						}
					}
				})
			}
		}
	}
}

// TestQ3Random runs Q3 on 4,096 groups of N(0,1) and U(−1,1) values, as
// q3_K sees them: most groups need one pass of the coordinate descent and
// a few all five, so the lanes' queue of unsettled groups is used in
// earnest. Two groups whose fifth pass still changes a level (found by a
// search over random groups; about 1 in 1,500 uniform groups is one) are
// placed in different lanes.
func TestQ3Random(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	x := make([]float32, 4096*16)
	for i := range x {
		x[i] = float32(r.NormFloat64())
		if i >= len(x)/2 {
			x[i] = float32(r.Float64()*2 - 1)
		}
	}
	fivePasses := [][]float32{
		{0.823252, -0.4190094, 0.26295134, -0.006491143, 0.84020674, -0.11093166, 0.6577339, -0.99683386, -0.38338208, 0.6659711, 0.2103661, -0.13777831, -0.86200535, -0.33142903, 0.57352877, -0.6291898},
		{2.0399356, -1.9639179, -1.4835961, -2.2733898, -3.1333292, 0.20479558, -4.2319803, 2.0292363, -2.7842066, -3.7125645, -0.9671932, 0.30879948, -0.58118045, -3.5253985, 4.189952, 0.9071342},
	}
	for k, g := range []int{7, 2000, 3001} {
		copy(x[16*g:], fivePasses[k%2])
	}
	wantL := make([]int8, len(x))
	want := make([]float32, len(x)/16)
	q3Generic(x, wantL, want, 16, 4)
	forEachImpl(t, "q3", func(t *testing.T) {
		L := make([]int8, len(x))
		s := make([]float32, len(x)/16)
		Q3(x, L, s, 16, 4)
		for g := range s {
			if !slices.Equal(L[16*g:16*g+16], wantL[16*g:16*g+16]) || math.Float32bits(s[g]) != math.Float32bits(want[g]) {
				t.Fatalf("group %d: levels %v scale %g, want %v %g", g, L[16*g:16*g+16], s[g], wantL[16*g:16*g+16], want[g])
			}
		}
	})
}

// FuzzQ3 compares the kernel in use with Generic on arbitrary values.
func FuzzQ3(f *testing.F) {
	f.Add(make([]byte, 8*16*4))
	seed := make([]byte, 16*16*4) // 16 groups: one call of the lanes
	for i := range seed {
		seed[i] = byte(i * 37)
	}
	f.Add(seed)
	f.Fuzz(func(t *testing.T, data []byte) {
		groups := len(data) / 64
		x := fuzzFloats(data, groups*16, 1e12, func(i int) float32 { return float32(i % 7) })
		L1, L2 := make([]int8, len(x)), make([]int8, len(x))
		s1, s2 := make([]float32, groups), make([]float32, groups)
		Q3(x, L1, s1, 16, 4)
		q3Generic(x, L2, s2, 16, 4)
		if !slices.Equal(L1, L2) {
			t.Fatal("levels differ")
		}
		for g := range groups {
			if math.Float32bits(s1[g]) != math.Float32bits(s2[g]) {
				t.Fatalf("group %d: scale %g, want %g", g, s1[g], s2[g])
			}
		}
	})
}
