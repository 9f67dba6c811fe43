package simd

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

type qkxParams struct {
	n, nmax      int
	rmin, rdelta float32
	nstep        int
	mad          bool
	rmsAbs       bool // no weights given: QKX's √(Σx²/n) + |x|
}

// The parameter sets ggml's K-quants use.
var qkxSets = []qkxParams{
	{32, 15, -1, 0.1, 20, false, true},     // q4_K
	{32, 31, -0.5, 0.1, 15, false, true},   // q5_K
	{32, 15, -1, 0.1, 20, false, false},    // q4_K's search with other weights
	{16, 3, -0.5, 0.1, 15, true, false},    // q2_K
	{32, 15, -0.9, 0.05, 36, false, false}, // q4_K, q4_1 with an imatrix
	{16, 3, -0.9, 0.05, 36, false, false},  // q2_K with an imatrix
	{32, 31, -0.9, 0.05, 0, false, false},  // nstep < 1
	{16, 3, -0.9, 0.05, 0, false, true},    // nstep < 1, 16 rows, no weights
}

func qkxData(seed uint64, groups, n int) (x, w []float32) {
	r := rand.New(rand.NewPCG(seed, 9))
	x, w = make([]float32, groups*n), make([]float32, groups*n)
	for g := range groups {
		kind := g % 8
		s := math.Pow(10, float64(r.IntN(8)-5))
		for i := range n {
			v := r.NormFloat64() * s
			switch kind {
			case 1:
				v = 0
			case 2:
				v = 0.25 // constant
			case 3:
				v = math.Abs(v)
			case 4:
				v = -math.Abs(v)
			case 5:
				v = math.Round(v/s*2) * s // ties
			case 6:
				v = []float64{0, math.Copysign(0, -1), math.Abs(v)}[i%3] // signed zeros
			case 7:
				v = float64(r.IntN(5)-2) * 1e-45 // subnormal steps: an infinite inverse scale
			}
			x[g*n+i] = float32(v)
			w[g*n+i] = float32(math.Abs(r.NormFloat64()) + 0.01)
		}
	}
	return x, w
}

func TestQKX(t *testing.T) {
	for _, p := range qkxSets {
		for _, groups := range []int{1, 8, 13, 24, -64} {
			var x, w []float32
			if groups > 0 {
				x, w = qkxData(uint64(groups*p.n+p.nstep), groups, p.n)
			} else {
				// N(0,1) values as in real weights: sets of 8 groups with
				// no extreme group, so the kernels' float paths run (with
				// and without clamps), which one subnormal group in a set
				// of lanes turns off.
				groups = -groups
				x, w = gaussData(uint64(groups), groups*p.n)
			}
			if p.rmsAbs {
				w = nil
			}
			wantL := make([]uint8, len(x))
			wantS, wantM := make([]float32, groups), make([]float32, groups)
			qkxGeneric(x, w, wantL, wantS, wantM, p.n, p.nmax, p.rmin, p.rdelta, p.nstep, p.mad)
			forEachImpl(t, "qkx", func(t *testing.T) {
				L := make([]uint8, len(x))
				s, m := make([]float32, groups), make([]float32, groups)
				QKX(x, w, L, s, m, p.n, p.nmax, p.rmin, p.rdelta, p.nstep, p.mad)
				if !bytes.Equal(L, wantL) {
					t.Fatalf("%+v, %d groups: levels differ", p, groups)
				}
				for g := range groups {
					if math.Float32bits(s[g]) != math.Float32bits(wantS[g]) || math.Float32bits(m[g]) != math.Float32bits(wantM[g]) {
						t.Fatalf("%+v group %d: scale %g min %g, want %g %g", p, g, s[g], m[g], wantS[g], wantM[g])
					}
				}
			})
		}
	}
}

// gaussData returns n N(0,1) values and positive weights.
func gaussData(seed uint64, n int) (x, w []float32) {
	r := rand.New(rand.NewPCG(seed, 10))
	x, w = make([]float32, n), make([]float32, n)
	for i := range x {
		x[i] = float32(r.NormFloat64())
		w[i] = float32(math.Abs(r.NormFloat64()) + 0.01)
	}
	return x, w
}

// FuzzQKX compares the kernel in use with Generic on arbitrary values.
func FuzzQKX(f *testing.F) {
	f.Add(make([]byte, 8*32*4), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		p := qkxSets[int(which)%len(qkxSets)]
		groups := len(data) / 4 / p.n
		if groups == 0 {
			return
		}
		x := fuzzFloats(data, groups*p.n, 1e30, func(i int) float32 { return float32(i % 5) })
		w := make([]float32, len(x))
		for i, v := range x {
			w[i] = abs32(v) + 0.5
		}
		if p.rmsAbs {
			w = nil
		}
		L1, L2 := make([]uint8, len(x)), make([]uint8, len(x))
		s1, s2, m1, m2 := make([]float32, groups), make([]float32, groups), make([]float32, groups), make([]float32, groups)
		QKX(x, w, L1, s1, m1, p.n, p.nmax, p.rmin, p.rdelta, p.nstep, p.mad)
		qkxGeneric(x, w, L2, s2, m2, p.n, p.nmax, p.rmin, p.rdelta, p.nstep, p.mad)
		if !bytes.Equal(L1, L2) {
			t.Fatalf("levels differ for %+v", p)
		}
		for g := range groups {
			if math.Float32bits(s1[g]) != math.Float32bits(s2[g]) || math.Float32bits(m1[g]) != math.Float32bits(m2[g]) {
				t.Fatalf("group %d differs", g)
			}
		}
	})
}
