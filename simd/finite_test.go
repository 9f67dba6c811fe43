package simd

import (
	"encoding/binary"
	"math"
	"testing"
)

func TestFirstNonFinite(t *testing.T) {
	forEachImpl(t, "finite", func(t *testing.T) {
		bad := []float32{float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), math.Float32frombits(0xff800001)}
		for n := 0; n <= 140; n++ {
			x := make([]float32, n+1)
			for i := range x {
				x[i] = float32(i) * 1e30 // large but finite
			}
			x[n] = float32(math.NaN()) // past the end: must not be seen
			if got := FirstNonFinite(x[:n]); got != -1 {
				t.Fatalf("n %d: clean slice gives %d", n, got)
			}
			for p := 0; p < n; p++ {
				x[p] = bad[p%len(bad)]
				if p+1 < n {
					x[n-1] = float32(math.Inf(1)) // a later one must not win
				}
				if got := FirstNonFinite(x[:n]); got != p {
					t.Fatalf("n %d: non-finite at %d found at %d", n, p, got)
				}
				x[p], x[n-1] = 1, 2
			}
		}
	})
}

func TestFirstNonFiniteF16(t *testing.T) {
	forEachImpl(t, "finite", func(t *testing.T) {
		for n := 0; n <= 140; n++ {
			b := make([]byte, 2*n+2)
			for i := range n + 1 {
				binary.LittleEndian.PutUint16(b[2*i:], 0x7bff) // 65504, finite
			}
			binary.LittleEndian.PutUint16(b[2*n:], 0x7c00) // past the end
			if got := FirstNonFiniteF16(b[:2*n]); got != -1 {
				t.Fatalf("n %d: clean gives %d", n, got)
			}
			for p := 0; p < n; p++ {
				binary.LittleEndian.PutUint16(b[2*p:], 0xff80|uint16(p%3))
				if got := FirstNonFiniteF16(b[:2*n]); got != p {
					t.Fatalf("n %d: NaN at %d found at %d", n, p, got)
				}
				if got := FirstNonFiniteBF16(b[:2*n]); got != p { // 0xff8x is non-finite in both formats
					t.Fatalf("bf16 n %d: NaN at %d found at %d", n, p, got)
				}
				binary.LittleEndian.PutUint16(b[2*p:], 0x7bff)
			}
		}
	})
}
