package simd

import (
	"encoding/binary"
	"math"
	"testing"
)

// forEachImpl runs f once per implementation of family the CPU has, with
// that implementation in use, then restores the default.
func forEachImpl(t *testing.T, family string, f func(t *testing.T)) {
	t.Helper()
	impls := families[family]
	if len(impls) == 0 {
		t.Fatalf("no implementations registered for %s", family)
	}
	for _, im := range impls {
		t.Run(im.name, func(t *testing.T) {
			if !im.available {
				t.Skipf("the CPU lacks %s", im.name)
			}
			im.use()
			f(t)
		})
	}
	for _, im := range impls { // back to the default: the first available
		if im.available {
			im.use()
			break
		}
	}
}

// fuzzFloats reads n little-endian float32 values from data (which holds
// at least 4n bytes), putting repl(i) in place of NaN, ±Inf and values
// whose magnitude exceeds limit.
func fuzzFloats(data []byte, n int, limit float64, repl func(i int) float32) []float32 {
	x := make([]float32, n)
	for i := range x {
		v := math.Float32frombits(binary.LittleEndian.Uint32(data[4*i:]))
		if f := float64(v); math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > limit {
			v = repl(i)
		}
		x[i] = v
	}
	return x
}
