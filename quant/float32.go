package quant

import (
	"encoding/binary"
	"math"

	"github.com/shrinkml/shrink/internal/half"
)

// Bit-exactness with ggml rests on doing each float32 operation in ggml's
// order and rounding each result to float32, as its scalar C does. Go may
// fuse x*y+z into one multiply-add (on arm64, and on amd64 from GOAMD64=v3),
// which skips a rounding; an explicit float32(x*y) forbids that. So every
// product that feeds an addition or subtraction in this package is written
// float32(x*y), and helpers convert their arguments before adding to them.

// abs32 returns |x|.
func abs32(x float32) float32 { return math.Float32frombits(math.Float32bits(x) &^ (1 << 31)) }

// round32 rounds half away from zero, as C's roundf.
func round32(x float32) float32 { return float32(math.Round(float64(x))) }

// nearestInt rounds to the nearest integer with ties to even, as ggml's
// nearest_int does by adding 1.5·2²³ and reading the low mantissa bits. Like
// ggml's it is meant for |x| ≤ 2²²; beyond that it returns a wrong but
// harmless value, which every caller clamps.
func nearestInt(x float32) int {
	v := float32(x) + 12582912
	return int(math.Float32bits(v)&0x7fffff) - 0x400000
}

// putF16 stores f as ggml's fp16 at b[0:2].
func putF16(b []byte, f float32) { binary.LittleEndian.PutUint16(b, half.F32ToF16(f)) }

// getF16 reads ggml's fp16 at b[0:2].
func getF16(b []byte) float32 { return half.F16ToF32(binary.LittleEndian.Uint16(b)) }

// maxAbs returns the value of largest magnitude in x (the first one on ties)
// and that magnitude.
func maxAbs(x []float32) (max, amax float32) {
	for _, v := range x {
		if a := abs32(v); a > amax {
			amax, max = a, v
		}
	}
	return max, amax
}

// maxOrZero returns the largest value of x, or 0 if none is positive
// (ggml's running max from 0 over a super-block's group scales).
func maxOrZero(x []float32) float32 {
	var m float32
	for _, v := range x {
		if v > m {
			m = v
		}
	}
	return m
}

// sumSquares returns Σ x², accumulated in order in float32.
func sumSquares(x []float32) float32 {
	var s float32
	for _, v := range x {
		s += float32(v * v)
	}
	return s
}

// truncInt converts f to an integer as ggml's C conversions do on x86
// (CVTTSS2SI): toward zero, and to the "integer indefinite" −2³¹ for NaN or
// a value outside the int32 range. Go leaves that case to the platform
// (arm64 saturates), and it happens: a block of magnitudes near 1e-38 has
// an infinite inverse scale. Narrower C targets (int8_t, uint8_t) keep the
// low bits, as the callers' conversions do.
func truncInt(f float32) int {
	if f >= -2147483648 && f < 2147483648 {
		return int(int32(f))
	}
	return math.MinInt32
}

// lround is C's lroundf on x86-64 glibc: round half away from zero, and
// −2⁶³ (whose low 32 bits are 0) for NaN or out of range.
func lround(f float32) int {
	r := round32(f)
	if r >= -9223372036854775808 && r < 9223372036854775808 {
		return int(r)
	}
	return math.MinInt64
}
