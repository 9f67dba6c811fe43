package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
)

var dequantTypes = []struct {
	name         string
	block, bytes int
	dequantize   func(dst []float32, src []byte)
	generic      func(dst []float32, src []byte)
}{
	{"q8_0", 32, 34, DequantizeQ8_0, dequantizeQ8_0},
	{"q4_0", 32, 18, DequantizeQ4_0, dequantizeQ4_0},
	{"q4_1", 32, 20, DequantizeQ4_1, dequantizeQ4_1},
	{"q5_0", 32, 22, DequantizeQ5_0, dequantizeQ5_0},
	{"q5_1", 32, 24, DequantizeQ5_1, dequantizeQ5_1},
	{"q4_K", 256, 144, DequantizeQ4_K, dequantizeQ4_K},
	{"q5_K", 256, 176, DequantizeQ5_K, dequantizeQ5_K},
	{"q6_K", 256, 210, DequantizeQ6_K, dequantizeQ6_K},
	{"q2_K", 256, 84, DequantizeQ2_K, dequantizeQ2_K},
	{"q3_K", 256, 110, DequantizeQ3_K, dequantizeQ3_K},
	{"iq4_nl", 32, 18, DequantizeIQ4_NL, dequantizeIQ4_NL},
	{"iq4_xs", 256, 136, DequantizeIQ4_XS, dequantizeIQ4_XS},
	{"mxfp4", 32, 17, DequantizeMXFP4, dequantizeMXFP4},
}

// sameFloats reports whether a and b hold the same bits, any NaN matching
// any NaN.
func sameFloats(a, b []float32) int {
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) && !(a[i] != a[i] && b[i] != b[i]) {
			return i
		}
	}
	return -1
}

// randomBlocks fills nb blocks of size bytes at random (scales included:
// NaN and Inf scales test that the kernels propagate them as Generic does).
func randomBlocks(r *rand.Rand, nb, size int) []byte {
	b := make([]byte, nb*size)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestDequantize(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, dt := range dequantTypes {
		src := randomBlocks(r, 9, dt.bytes)
		// A block of finite, ordinary scales, one of subnormal and one of
		// zero scales, beside the random ones (NaN and Inf scales included).
		for _, off := range []int{0, 2, 208} {
			if off+2 <= dt.bytes && !(dt.name == "q6_K" && off != 208) && !(dt.name != "q6_K" && off == 208) {
				binary.LittleEndian.PutUint16(src[off:], 0x3c00)            // 1.0
				binary.LittleEndian.PutUint16(src[dt.bytes+off:], 0x0001)   // subnormal
				binary.LittleEndian.PutUint16(src[2*dt.bytes+off:], 0x8000) // −0
				binary.LittleEndian.PutUint16(src[3*dt.bytes+off:], 0x7c00) // +Inf
			}
		}
		want := make([]float32, 9*dt.block)
		dt.generic(want, src)
		t.Run(dt.name, func(t *testing.T) {
			forEachImpl(t, "dequant", func(t *testing.T) {
				for nb := 0; nb <= 9; nb++ {
					got := make([]float32, nb*dt.block+1)
					got[nb*dt.block] = 42
					dt.dequantize(got[:nb*dt.block], src[:nb*dt.bytes])
					if i := sameFloats(got[:nb*dt.block], want[:nb*dt.block]); i >= 0 {
						t.Fatalf("%s, %d blocks: value %d is %g, want %g", dt.name, nb, i, got[i], want[i])
					}
					if got[nb*dt.block] != 42 {
						t.Fatalf("%s: wrote past the end", dt.name)
					}
				}
			})
		})
	}
}

// FuzzDequantize compares the kernel in use with Generic on arbitrary
// blocks of each type.
func FuzzDequantize(f *testing.F) {
	f.Add(make([]byte, 420), uint8(7))
	f.Fuzz(func(t *testing.T, data []byte, which uint8) {
		dt := dequantTypes[int(which)%len(dequantTypes)]
		nb := len(data) / dt.bytes
		got, want := make([]float32, nb*dt.block), make([]float32, nb*dt.block)
		dt.dequantize(got, data)
		dt.generic(want, data)
		if i := sameFloats(got, want); i >= 0 {
			t.Fatalf("%s: value %d is %g, want %g", dt.name, i, got[i], want[i])
		}
	})
}
