package simd

import (
	"math"
	"testing"
)

func TestIQ4Scales(t *testing.T) {
	for _, blocks := range []int{1, 8, 13, 24} {
		x, w := qkxData(uint64(blocks*31), blocks, 32)
		want := make([]float32, blocks)
		iq4Generic(x, w, want)
		forEachImpl(t, "iq4", func(t *testing.T) {
			got := make([]float32, blocks)
			IQ4Scales(x, w, got)
			for b := range blocks {
				if math.Float32bits(got[b]) != math.Float32bits(want[b]) {
					t.Fatalf("%d blocks, block %d: scale %g, want %g", blocks, b, got[b], want[b])
				}
			}
		})
	}
}

// FuzzIQ4Scales compares the kernel in use with Generic on arbitrary values.
func FuzzIQ4Scales(f *testing.F) {
	f.Add(make([]byte, 8*32*4))
	f.Fuzz(func(t *testing.T, data []byte) {
		blocks := len(data) / 128
		x := fuzzFloats(data, blocks*32, 1e15, func(i int) float32 { return float32(i % 9) })
		w := make([]float32, len(x))
		for i, v := range x {
			w[i] = v * v
		}
		got, want := make([]float32, blocks), make([]float32, blocks)
		IQ4Scales(x, w, got)
		iq4Generic(x, w, want)
		for b := range blocks {
			if math.Float32bits(got[b]) != math.Float32bits(want[b]) {
				t.Fatalf("block %d: scale %g, want %g", b, got[b], want[b])
			}
		}
	})
}

func TestIQ4Indices(t *testing.T) {
	x, _ := qkxData(77, 5, 32)
	x = append(x, -127, 113, -200, 200, 0, 7, 7.0000005, -115.5, -115.49999, 101, -1e30, 1e30)
	for _, id := range []float32{0, 1, 37.5, -12.25, 1e20, 1e-3} {
		want := make([]uint8, len(x))
		iq4IndicesGeneric(want, x, id)
		forEachImpl(t, "iq4", func(t *testing.T) {
			for n := 0; n <= len(x); n += 7 {
				got := make([]uint8, n+1)
				got[n] = 0xee
				IQ4Indices(got[:n], x[:n], id)
				for j := range n {
					if got[j] != want[j] {
						t.Fatalf("id %g: x %g → %d, want %d", id, x[j], got[j], want[j])
					}
				}
				if got[n] != 0xee {
					t.Fatal("wrote past the end")
				}
			}
		})
	}
}

// FuzzIQ4Indices compares the kernel in use with Generic on arbitrary
// finite values and inverse scales.
func FuzzIQ4Indices(f *testing.F) {
	f.Add(make([]byte, 40*4), float32(1.5))
	f.Fuzz(func(t *testing.T, data []byte, id float32) {
		x := fuzzFloats(data, len(data)/4, math.MaxFloat32, func(i int) float32 { return float32(i%17) - 8 })
		if math.IsNaN(float64(id)) || math.IsInf(float64(id), 0) {
			id = 1
		}
		got, want := make([]uint8, len(x)), make([]uint8, len(x))
		IQ4Indices(got, x, id)
		iq4IndicesGeneric(want, x, id)
		for j := range x {
			if got[j] != want[j] {
				t.Fatalf("id %g: x %g → %d, want %d", id, x[j], got[j], want[j])
			}
		}
	})
}
