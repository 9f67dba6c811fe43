package simd

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/shrinkml/shrink/internal/half"
)

// specialF32 are values at the edges of binary16 and bfloat16.
var specialF32 = []float32{0, float32(math.Copysign(0, -1)), 1, -1, 65504, 65519.996, 65520, -65520, 1e10, -1e-10,
	5.96e-8, 2.98e-8, 2.9802322e-08, 6.1035156e-05, 6.1035152e-05, float32(math.Inf(1)), float32(math.Inf(-1)),
	math.Float32frombits(1), math.Float32frombits(0x807fffff), math.MaxFloat32, 0.333333, 1.0009765625, 1.00048828125}

func sameF16(a, b uint16) bool {
	if a&0x7c00 == 0x7c00 && a&0x3ff != 0 { // NaN: any NaN will do
		return b&0x7c00 == 0x7c00 && b&0x3ff != 0
	}
	return a == b
}

func TestF32ToF16(t *testing.T) {
	forEachImpl(t, "f16", func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		src := make([]float32, 300)
		for i := range src {
			switch i % 3 {
			case 0:
				src[i] = specialF32[i%len(specialF32)]
			case 1:
				src[i] = math.Float32frombits(r.Uint32())
			default:
				src[i] = float32(r.NormFloat64() * math.Pow(10, float64(r.IntN(12)-6)))
			}
		}
		for n := 0; n <= 67; n++ {
			for off := 0; off < 3; off++ {
				buf := make([]byte, 2*n+5)
				buf[2*n+1] = 0xad // a guard after the output, which starts misaligned
				dst := buf[1 : 1+2*n]
				F32ToF16(dst, src[off:off+n])
				for i := range n {
					got := binary.LittleEndian.Uint16(dst[2*i:])
					if want := half.F32ToF16(src[off+i]); !sameF16(want, got) {
						t.Fatalf("n %d off %d: F32ToF16(%g) = %#04x, want %#04x", n, off, src[off+i], got, want)
					}
				}
				if buf[2*n+1] != 0xad {
					t.Fatalf("n %d: wrote past the end", n)
				}
			}
		}
	})
}

func TestF16ToF32AllValues(t *testing.T) {
	forEachImpl(t, "f16", func(t *testing.T) {
		raw := make([]byte, 2<<16+1)
		src := raw[1:] // misaligned
		for i := range 1 << 16 {
			binary.LittleEndian.PutUint16(src[2*i:], uint16(i))
		}
		dst := make([]float32, 1<<16+1)
		dst[1<<16] = 42
		F16ToF32(dst[:1<<16], src)
		for i := range 1 << 16 {
			h := uint16(i)
			want := half.F16ToF32(h)
			if math.IsNaN(float64(want)) {
				if !math.IsNaN(float64(dst[i])) {
					t.Fatalf("%#04x: %g, want NaN", h, dst[i])
				}
				continue
			}
			if math.Float32bits(dst[i]) != math.Float32bits(want) {
				t.Fatalf("%#04x: %g, want %g", h, dst[i], want)
			}
		}
		if dst[1<<16] != 42 {
			t.Fatal("wrote past the end")
		}
	})
}

func TestBF16(t *testing.T) {
	forEachImpl(t, "bf16", func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		src := make([]float32, 1000)
		for i := range src {
			if i < len(specialF32) {
				src[i] = specialF32[i]
			} else {
				src[i] = math.Float32frombits(r.Uint32())
			}
		}
		src[30] = math.Float32frombits(0x7f800001) // signalling NaN
		src[31] = math.Float32frombits(0xffc12345)
		for n := 0; n <= len(src); n++ {
			if n == 41 {
				n = len(src) // then every value in one call
			}
			dst := make([]byte, 2*n+1)
			dst[2*n] = 0xbe
			F32ToBF16(dst[:2*n], src[:n])
			for i := range n {
				if want, got := half.F32ToBF16(src[i]), binary.LittleEndian.Uint16(dst[2*i:]); got != want {
					t.Fatalf("F32ToBF16(%#08x) = %#04x, want %#04x", math.Float32bits(src[i]), got, want)
				}
			}
			if dst[2*n] != 0xbe {
				t.Fatal("wrote past the end")
			}
		}
		all := make([]byte, 2<<16)
		for i := range 1 << 16 {
			binary.LittleEndian.PutUint16(all[2*i:], uint16(i))
		}
		back := make([]float32, 1<<16)
		BF16ToF32(back, all)
		for i := range back {
			h := uint16(i)
			if math.Float32bits(back[i]) != uint32(h)<<16 {
				t.Fatalf("BF16ToF32(%#04x) = %#08x", h, math.Float32bits(back[i]))
			}
		}
	})
}

// FuzzF32ToF16 compares the kernels with Generic on arbitrary bits.
func FuzzF32ToF16(f *testing.F) {
	f.Add([]byte{0, 0, 0x80, 0x7f, 1, 2, 3, 4})
	f.Fuzz(func(t *testing.T, data []byte) {
		src := make([]float32, len(data)/4)
		for i := range src {
			src[i] = math.Float32frombits(uint32(data[4*i]) | uint32(data[4*i+1])<<8 | uint32(data[4*i+2])<<16 | uint32(data[4*i+3])<<24)
		}
		got, want := make([]byte, 2*len(src)), make([]byte, 2*len(src))
		gotB, wantB := make([]byte, 2*len(src)), make([]byte, 2*len(src))
		F32ToF16(got, src)
		f32ToF16Generic(want, src)
		F32ToBF16(gotB, src)
		f32ToBF16Generic(wantB, src)
		for i := range src {
			g, w := binary.LittleEndian.Uint16(got[2*i:]), binary.LittleEndian.Uint16(want[2*i:])
			gb, wb := binary.LittleEndian.Uint16(gotB[2*i:]), binary.LittleEndian.Uint16(wantB[2*i:])
			if !sameF16(w, g) || gb != wb {
				t.Fatalf("value %#08x: f16 %#04x want %#04x, bf16 %#04x want %#04x",
					math.Float32bits(src[i]), g, w, gb, wb)
			}
		}
	})
}
