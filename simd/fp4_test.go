package simd

import (
	"math"
	"testing"
)

func TestFP4Indices(t *testing.T) {
	x, _ := qkxData(91, 6, 32)
	x = append(x, 0, float32(math.Copysign(0, -1)), 1, 1.5, 2.5, -5, 5, 7, 10, -10, 100, -1e30, 1e30, 3.0000002, 2.9999998)
	for _, e := range []float32{1, 0.5, 0.25, 1e-3, 3.75, 1e30, math.Float32frombits(1), 1.7e38} {
		want := make([]uint8, len(x))
		fp4IndicesGeneric(want, x, e)
		forEachImpl(t, "fp4", func(t *testing.T) {
			for n := 0; n <= len(x); n += 5 {
				got := make([]uint8, n+1)
				got[n] = 0xee
				FP4Indices(got[:n], x[:n], e)
				for j := range n {
					if got[j] != want[j] {
						t.Fatalf("e %g: x %g → code %d, want %d", e, x[j], got[j], want[j])
					}
				}
				if got[n] != 0xee {
					t.Fatal("wrote past the end")
				}
			}
		})
	}
}

// FuzzFP4Indices compares the kernel in use with Generic.
func FuzzFP4Indices(f *testing.F) {
	f.Add(make([]byte, 64), float32(1))
	f.Fuzz(func(t *testing.T, data []byte, e float32) {
		if e != e || math.IsInf(float64(e), 0) {
			return
		}
		x := fuzzFloats(data, len(data)/4, math.MaxFloat32, func(i int) float32 { return float32(i) })
		got, want := make([]uint8, len(x)), make([]uint8, len(x))
		FP4Indices(got, x, e)
		fp4IndicesGeneric(want, x, e)
		for j := range x {
			if got[j] != want[j] {
				t.Fatalf("e %g: x %g → code %d, want %d", e, x[j], got[j], want[j])
			}
		}
	})
}
