package simd

import (
	"math"
	"slices"
	"testing"
)

func TestQ3(t *testing.T) {
	for _, n := range []int{16, 8, 24} { // 24: longer than the lanes take
		for _, nmax := range []int{4, 2} {
			for _, groups := range []int{1, 8, 13, 16, 24, 40, 64} {
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
